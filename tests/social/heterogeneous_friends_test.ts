import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import {
  addHeterogeneousFriends,
  friendDissimilarity,
  homophilyGraph,
  type InterestAgent,
} from "@lib/social/mod.ts";

const GENRES = ["action", "comedy", "drama", "horror", "romance", "sci-fi"];
const agents: InterestAgent[] = Array.from({ length: 60 }, (_, i) => ({
  id: `u${i}`,
  interests: [GENRES[i % 6], GENRES[(i + 1) % 6]],
}));
const clustered = () => homophilyGraph(agents, { rng: new Rng(1), ties: 2, strength: 10 });

Deno.test("adding heterogeneous friends raises the mean interest dissimilarity of friends", () => {
  const g = clustered();
  const before = friendDissimilarity(g, agents);
  const changes = addHeterogeneousFriends(g, agents, { count: 1, rng: new Rng(2) });
  assert.ok(friendDissimilarity(g, agents) > before + 0.1);
  assert.ok(changes.length > 0 && changes.every((c) => c.action === "add"));
  assert.ok(changes.every((c) => c.similarity === 0));
});

Deno.test("rewiring keeps a treated agent's friend count and drops its most similar friend", () => {
  const g = clustered();
  const friends = [...g.friends("u0")];
  const changes = addHeterogeneousFriends(g, agents, {
    count: 1,
    rng: new Rng(3),
    targets: ["u0"],
    rewire: true,
  });
  assert.equal(g.friends("u0").length, friends.length);
  const removed = changes.find((c) => c.action === "remove")!;
  assert.ok(friends.includes(removed.target));
  const sims = changes.filter((c) => c.action === "add").map((c) => c.similarity);
  assert.ok(removed.similarity >= Math.max(...sims));
  assert.ok(!g.areFriends("u0", removed.target));
});

Deno.test("the changes returned are exactly the graph's difference, and repeat for a seed", () => {
  const run = () => {
    const g = clustered();
    const before = new Set(g.edges().map((e) => `${e.source}|${e.target}`));
    const changes = addHeterogeneousFriends(g, agents, {
      count: 2,
      rng: new Rng(4),
      targets: ["u3", "u10", "u17"],
      pool: 5,
      rewire: true,
      type: "acquaintance",
    });
    return { g, before, changes };
  };
  const a = run(), b = run();
  assert.deepEqual(a.changes, b.changes);
  assert.deepEqual(a.g.toJSON(), b.g.toJSON());
  for (const c of a.changes) {
    assert.equal(a.g.areFriends(c.source, c.target), c.action === "add");
    if (c.action === "add") assert.equal(a.g.getEdge(c.source, c.target)?.type, "acquaintance");
  }
  assert.equal(a.changes.filter((c) => c.action === "add").length, 6);
});

Deno.test("heterogeneous friends work with cosine dissimilarity on vectors", () => {
  const vecs: InterestAgent[] = [
    { id: "a", interests: [1, 0] },
    { id: "b", interests: [0.9, 0.1] },
    { id: "c", interests: [0, 1] },
  ];
  const g = homophilyGraph(vecs, { rng: new Rng(1), ties: 0, strength: 0 });
  const [change] = addHeterogeneousFriends(g, vecs, {
    count: 1,
    rng: new Rng(1),
    targets: ["a"],
    similarity: "cosine",
  });
  assert.equal(change.target, "c");
  assert.throws(
    () => addHeterogeneousFriends(g, vecs, { count: 1, rng: new Rng(1), targets: ["zz"] }),
    /no interests/,
  );
});
