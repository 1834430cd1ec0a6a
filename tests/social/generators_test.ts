import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import {
  barabasiAlbert,
  erdosRenyi,
  homophilyGraph,
  type SocialGraph,
  wattsStrogatz,
} from "@lib/social/mod.ts";

const degrees = (g: SocialGraph) => g.nodes().map((id) => g.degree(id));

Deno.test("barabasiAlbert makes m·(n−m) ties with a heavy-tailed degree distribution", () => {
  const n = 5000, m = 3;
  const g = barabasiAlbert(n, m, { rng: new Rng("ba") });
  assert.equal(g.nodeCount, n);
  assert.equal(g.tieCount, m * (n - m));
  const d = degrees(g);
  const mean = d.reduce((a, b) => a + b, 0) / n;
  assert.ok(Math.abs(mean - 2 * m) < 0.01);
  assert.ok(Math.min(...d) >= m - 2 && Math.min(...d) <= m);
  // A hub far above the mean is what preferential attachment adds over a random graph.
  assert.ok(Math.max(...d) > 15 * mean, `max degree ${Math.max(...d)}`);
  const er = erdosRenyi(n, 2 * m / (n - 1), { rng: new Rng("er") });
  assert.ok(Math.max(...degrees(er)) < 4 * mean);
});

Deno.test("barabasiAlbert handles 100,000 nodes", () => {
  const g = barabasiAlbert(100_000, 2, { rng: new Rng(7) });
  assert.equal(g.tieCount, 2 * (100_000 - 2));
});

Deno.test("generators are deterministic for a seed and differ across seeds", () => {
  const make = [
    (s: string) => barabasiAlbert(200, 2, { rng: new Rng(s) }),
    (s: string) => wattsStrogatz(200, 4, 0.3, { rng: new Rng(s) }),
    (s: string) => erdosRenyi(200, 0.03, { rng: new Rng(s) }),
  ];
  for (const f of make) {
    assert.deepEqual(f("a").toJSON(), f("a").toJSON());
    assert.notDeepEqual(f("a").toJSON(), f("b").toJSON());
  }
});

Deno.test("wattsStrogatz at beta 0 is a ring where every degree is k", () => {
  const g = wattsStrogatz(50, 6, 0, {
    rng: new Rng(1),
    ids: Array.from({ length: 50 }, (_, i) => `a${i}`),
  });
  assert.ok(degrees(g).every((d) => d === 6));
  assert.deepEqual([...g.friends("a0")].sort(), ["a1", "a2", "a3", "a47", "a48", "a49"]);
});

Deno.test("wattsStrogatz rewiring keeps the tie count and leaves no duplicates", () => {
  const g = wattsStrogatz(300, 4, 0.5, { rng: new Rng(2) });
  assert.equal(g.tieCount, 600);
  assert.ok(degrees(g).some((d) => d !== 4));
  const ring = wattsStrogatz(300, 4, 0, { rng: new Rng(2) });
  const shared = g.edges().filter((e) => ring.areFriends(e.source, e.target)).length;
  assert.ok(shared > 200 && shared < 450, `shared ${shared}`);
  assert.throws(() => wattsStrogatz(10, 3, 0, { rng: new Rng(1) }), /even k/);
});

Deno.test("erdosRenyi gives about p·n(n−1)/2 ties, none at p = 0", () => {
  const g = erdosRenyi(1000, 0.01, { rng: new Rng(3) });
  assert.ok(Math.abs(g.tieCount - 4995) < 4 * Math.sqrt(4995), `ties ${g.tieCount}`);
  assert.equal(erdosRenyi(50, 0, { rng: new Rng(3) }).tieCount, 0);
  assert.throws(() => erdosRenyi(5, 2, { rng: new Rng(3) }), /p must be/);
});

Deno.test("homophilyGraph ties similar agents more as strength grows", () => {
  const genres = ["horror", "romance", "sci-fi", "comedy"];
  const agents = Array.from({ length: 120 }, (_, i) => ({
    id: `u${i}`,
    interests: [genres[i % 4], genres[(i + 1) % 4]],
  }));
  const sameShare = (strength: number) => {
    const g = homophilyGraph(agents, { rng: new Rng(5), ties: 3, strength });
    const group = (id: string) => Number(id.slice(1)) % 4;
    return g.edges().filter((e) => group(e.source) === group(e.target)).length / g.tieCount;
  };
  const random = sameShare(0), strong = sameShare(10);
  assert.ok(random < 0.4, `random ${random}`);
  assert.ok(strong > 0.8, `strong ${strong}`);
});

Deno.test("homophilyGraph works on interest vectors with candidate sampling", () => {
  const rng = new Rng(9);
  const agents = Array.from({ length: 300 }, (_, i) => ({
    id: `v${i}`,
    interests: [i < 150 ? 1 : 0, i < 150 ? 0 : 1, rng.next() * 0.1],
  }));
  const g = homophilyGraph(agents, { rng: new Rng(1), ties: 2, strength: 6, candidates: 40 });
  assert.equal(g.tieCount, 600);
  const cross = g.edges().filter((e) =>
    (Number(e.source.slice(1)) < 150) !== (Number(e.target.slice(1)) < 150)
  );
  assert.ok(cross.length / g.tieCount < 0.1);
});
