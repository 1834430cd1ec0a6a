import assert from "node:assert/strict";
import { SocialGraph } from "@lib/social/mod.ts";

Deno.test("addEdge makes a mutual tie visible from both ends, in insertion order", () => {
  const g = new SocialGraph();
  g.addEdge("a", "c");
  g.addEdge("a", "b", { type: "family", closeness: 0.9 });
  assert.deepEqual(g.friends("a"), ["c", "b"]);
  assert.deepEqual(g.friends("b"), ["a"]);
  assert.ok(g.areFriends("b", "a"));
  assert.equal(g.getEdge("b", "a")?.type, "family");
  assert.equal(g.getEdge("a", "c")?.closeness, 0.5);
});

Deno.test("adding an existing tie updates it and does not double-count", () => {
  const g = new SocialGraph();
  assert.equal(g.addEdge("a", "b"), true);
  assert.equal(g.addEdge("b", "a", { closeness: 0.2 }), false);
  assert.equal(g.tieCount, 1);
  assert.equal(g.getEdge("a", "b")?.closeness, 0.2);
});

Deno.test("follow edges are one-way and separate from ties", () => {
  const g = new SocialGraph();
  g.addEdge("fan", "star", { directed: true });
  assert.deepEqual(g.following("fan"), ["star"]);
  assert.deepEqual(g.followers("star"), ["fan"]);
  assert.deepEqual(g.friends("fan"), []);
  assert.equal(g.getEdge("star", "fan", true), undefined);
  assert.equal(g.getEdge("fan", "star", true)?.type, "follower");
  g.addEdge("fan", "star");
  assert.equal(g.linkCount, 2);
  assert.deepEqual(g.neighbors("star"), ["fan"]);
});

Deno.test("removeEdge drops the tie from both ends and from the counts", () => {
  const g = new SocialGraph();
  g.addEdge("a", "b");
  g.addEdge("a", "c");
  assert.deepEqual(g.friends("a"), ["b", "c"]);
  assert.equal(g.removeEdge("b", "a")?.target, "b");
  assert.deepEqual(g.friends("a"), ["c"]);
  assert.deepEqual(g.friends("b"), []);
  assert.equal(g.tieCount, 1);
  assert.equal(g.removeEdge("a", "b"), undefined);
  assert.equal(g.removeEdge("a", "c", true), undefined);
});

Deno.test("degree, density and link count of a small mixed graph", () => {
  const g = new SocialGraph(["a", "b", "c", "d"]);
  g.addEdge("a", "b");
  g.addEdge("a", "c");
  g.addEdge("d", "a", { directed: true });
  assert.equal(g.degree("a"), 3);
  assert.equal(g.degree("d"), 1);
  assert.equal(g.linkCount, 3);
  assert.equal(g.density(), (2 * 2 + 1) / 12);
  assert.equal(new SocialGraph(["x"]).density(), 0);
});

Deno.test("self-links, bad closeness and unknown agents are rejected", () => {
  const g = new SocialGraph();
  assert.throws(() => g.addEdge("a", "a"), /self-link/);
  assert.throws(() => g.addEdge("a", "b", { closeness: 1.5 }), /closeness/);
  assert.throws(() => g.addEdge("a", "b", { closeness: NaN }), /closeness/);
  assert.throws(() => g.friends("nobody"), /unknown agent "nobody"/);
});

Deno.test("toJSON/fromJSON round trip keeps every iteration order", () => {
  const g = new SocialGraph(["z", "y"]);
  g.addEdge("y", "x", { type: "colleague", closeness: 0.3 });
  g.addEdge("z", "x");
  g.addEdge("z", "y", { directed: true });
  g.removeEdge("y", "x");
  g.addEdge("x", "y");
  const copy = SocialGraph.fromJSON(JSON.parse(JSON.stringify(g)));
  assert.deepEqual(copy.toJSON(), g.toJSON());
  for (const id of g.nodes()) assert.deepEqual(copy.friends(id), g.friends(id));
  assert.deepEqual(copy.nodes(), ["z", "y", "x"]);
});

Deno.test("fromJSON names the bad field of a corrupt checkpoint", () => {
  const bad = {
    nodes: ["a", "b"],
    edges: [{ source: "a", target: "b", type: "friend", closeness: 2, directed: false }],
  };
  assert.throws(() => SocialGraph.fromJSON(bad, "ckpt.json"), /ckpt\.json: edges\[0\]\.closeness/);
});
