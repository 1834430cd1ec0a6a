import assert from "node:assert/strict";
import { broadcastRecipients, routeChat, RoutingError, SocialGraph } from "@lib/social/mod.ts";

function graph() {
  const g = new SocialGraph(["carol", "alice", "bob", "dave", "eve"]);
  g.addEdge("alice", "carol", { type: "colleague", closeness: 0.3 });
  g.addEdge("alice", "bob");
  g.addEdge("eve", "alice", { directed: true });
  return g;
}

Deno.test("routeChat reaches a friend by id and reports the tie", () => {
  assert.deepEqual(routeChat(graph(), "carol", "alice"), {
    from: "carol",
    to: "alice",
    type: "colleague",
    closeness: 0.3,
  });
});

Deno.test("routeChat refuses non-friends, followers and unknown ids", () => {
  const g = graph();
  assert.throws(() => routeChat(g, "alice", "dave"), RoutingError);
  assert.throws(() => routeChat(g, "eve", "alice"), /not friends/);
  assert.throws(() => routeChat(g, "alice", "Alice"), /unknown agent "Alice"/);
});

Deno.test("broadcast reaches every friend and follower once, in sorted order", () => {
  const g = graph();
  assert.deepEqual(broadcastRecipients(g, "alice"), ["bob", "carol", "eve"]);
  assert.deepEqual(broadcastRecipients(g, "alice", { followers: false }), ["bob", "carol"]);
  assert.deepEqual(broadcastRecipients(g, "alice", { order: "graph" }), ["carol", "bob", "eve"]);
  assert.deepEqual(broadcastRecipients(g, "dave"), []);
  assert.throws(() => broadcastRecipients(g, "zed"), RoutingError);
});
