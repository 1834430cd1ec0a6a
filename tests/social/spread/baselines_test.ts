import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { cascadeShape } from "@lib/metrics/mod.ts";
import { barabasiAlbert } from "@lib/social/mod.ts";
import { SocialGraph } from "@lib/social/graph.ts";
import {
  deGroot,
  inboxCsr,
  independentCascade,
  linearThreshold,
  voterModel,
} from "@lib/social/spread/mod.ts";

const graph = barabasiAlbert(300, 2, { rng: new Rng("s3-baselines") });
const csr = inboxCsr(graph);

Deno.test("IC with p = 0 stays at the seeds; with p = 1 it reaches everyone at graph distance", () => {
  const none = independentCascade(csr, ["5", "6"], { p: 0, steps: 10, seed: 1 });
  assert.equal(none.cascade.length, 2);
  const all = independentCascade(csr, ["5"], { p: 1, steps: 50, seed: 1 });
  assert.equal(cascadeShape(all.cascade).scale, 300);
  for (const e of all.cascade) {
    if (e.parent === null) continue;
    assert.equal(all.activeAt[csr.ids.indexOf(e.parent)], e.time - 1);
  }
});

Deno.test("IC reaches more with a higher p and is seed-deterministic", () => {
  const reach = (p: number) => {
    let s = 0;
    for (let k = 0; k < 5; k++) {
      s += independentCascade(csr, ["5"], { p, steps: 20, seed: k }).cascade.length;
    }
    return s;
  };
  assert.ok(reach(0.3) > reach(0.05));
  assert.deepEqual(
    independentCascade(csr, ["5"], { p: 0.2, steps: 20, seed: 9 }).cascade,
    independentCascade(csr, ["5"], { p: 0.2, steps: 20, seed: 9 }).cascade,
  );
});

Deno.test("LT activates only agents whose active share reached a threshold, and never deactivates", () => {
  const run = linearThreshold(csr, ["0", "1", "2"], { steps: 30, seed: 2 });
  assert.ok(run.cascade.length > 3);
  const active = new Set<string>();
  for (const e of run.cascade) {
    assert.ok(!active.has(e.child), "activated twice");
    if (e.parent !== null) assert.ok(active.has(e.parent), "parent not yet active");
    active.add(e.child);
  }
  // A leaf whose only neighbour is active at t − 1 always activates (share 1 ≥ θ).
  const i = csr.ids.indexOf(run.cascade[3].child);
  assert.ok(run.activeAt[i] > 0);
});

Deno.test("Voter keeps consensus; DeGroot converges and keeps the mean of a regular pair", () => {
  const pos = voterModel(csr, new Float32Array(300).fill(0.3), { steps: 5, seed: 1 });
  assert.ok(pos.every((s) => s.positive === 1 && s.meanStance === 1));
  // On a pair each copies the other: the opinions swap every step, the share stays one half.
  const pairGraph = new SocialGraph(["a", "b"]);
  pairGraph.addEdge("a", "b");
  const pair = inboxCsr(pairGraph);
  const v = voterModel(pair, new Float32Array([0.4, -0.9]), { steps: 6, seed: 1 });
  assert.deepEqual(v.map((s) => s.positive), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  assert.ok(v.every((s) => s.meanStance === 0));
  // DeGroot on a connected graph reaches consensus: the last steps no longer move.
  const d = deGroot(csr, Float32Array.from({ length: 300 }, (_, i) => (i % 3) - 1), { steps: 200 });
  assert.ok(Math.abs(d[200].meanStance - d[199].meanStance) < 1e-6);
  assert.ok(d[200].positive === 0 || d[200].positive === 1, "not a consensus");
  // A regular pair keeps its mean at every step and halves the gap each step (w = 0.5 → 0).
  const g = deGroot(pair, new Float32Array([1, -0.5]), { steps: 3 });
  assert.ok(g.every((s) => Math.abs(s.meanStance - 0.25) < 1e-6));
  const slow = deGroot(pair, new Float32Array([1, 0]), { steps: 1, selfWeight: 0.75 });
  // a = 0.75 · 1 + 0.25 · 0 = 0.75, b = 0.25: both non-negative, mean 0.5.
  assert.equal(slow[1].positive, 1);
  assert.ok(Math.abs(slow[1].meanStance - 0.5) < 1e-6);
});
