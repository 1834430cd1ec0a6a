import assert from "node:assert/strict";
import {
  awareCurve,
  cascadeOverTime,
  cascadeShape,
  minMaxNormalise,
  msed,
  nrmse,
  pearson,
  resampleStep,
  timeGrid,
} from "@lib/metrics/mod.ts";

Deno.test("awareCurve counts each agent once, from its first exposure", () => {
  const rows = [
    { time: 2, agentId: "b" },
    { time: 0, agentId: "a" },
    { time: 1, agentId: "b" },
    { time: 5, agentId: "c" },
  ];
  assert.deepEqual(awareCurve(rows, [0, 1, 2, 3, 4, 5]).map((r) => r.aware), [1, 2, 2, 2, 2, 3]);
});

Deno.test("resampling a step curve onto a common grid", () => {
  const real = [{ time: 0.5, value: 2 }, { time: 2.5, value: 7 }];
  assert.deepEqual(resampleStep(real, timeGrid(0, 3, 1)), [0, 2, 2, 7]);
  assert.deepEqual(resampleStep(real, [0, 3], 1), [1, 7]);
  assert.deepEqual(timeGrid(0, 0.3, 0.1), [0, 0.1, 0.2, 0.30000000000000004]);
});

Deno.test("NRMSE, MSED and Pearson against hand-computed values", () => {
  const real = [0, 2, 4, 8], sim = [0, 4, 4, 6];
  // errors 0, −2, 0, 2 → RMSE √2, max 8
  assert.equal(nrmse(real, sim), Math.SQRT2 / 8);
  // normalised: real 0, .25, .5, 1; sim 0, 2/3, 2/3, 1
  const expected = ((0.25 - 2 / 3) ** 2 + (0.5 - 2 / 3) ** 2) / 4;
  assert.ok(Math.abs(msed(real, sim) - expected) < 1e-12);
  // both means 3.5: Σ products of deviations = (−3.5)(−3.5) + (−1.5)(0.5) + (0.5)(0.5) + (4.5)(2.5) = 23
  // Σ(real − 3.5)² = 35, Σ(sim − 3.5)² = 19
  const r = 23 / Math.sqrt(35 * 19);
  assert.ok(Math.abs(pearson(real, sim) - r) < 1e-12);
  assert.deepEqual(minMaxNormalise([3, 3]), [0, 0]);
  assert.throws(() => msed([1], [1, 2]), /equally long/);
  assert.ok(Number.isNaN(pearson([1, 1], [1, 2])));
});

Deno.test("cascade shape survives duplicate lines, negative delays and repeat parents", () => {
  const edges = [
    { parent: null, child: "root", time: 0 },
    { parent: "root", child: "a", time: 5 },
    { parent: "root", child: "a", time: 5 }, // exact duplicate
    { parent: "root", child: "b", time: -3 }, // logged before the root
    { parent: "a", child: "c", time: 7 },
    { parent: "b", child: "c", time: 9 }, // later second parent: ignored
    { parent: "c", child: "d", time: 8 },
  ];
  assert.deepEqual(cascadeShape(edges), { scale: 5, depth: 3, maxBreadth: 2 });
  const overTime = cascadeOverTime(edges, [-3, 0, 6, 8]);
  assert.deepEqual(overTime.map((s) => [s.time, s.scale, s.depth, s.maxBreadth]), [
    [-3, 1, 1, 1],
    [0, 2, 1, 1],
    [6, 3, 1, 2],
    [8, 5, 3, 2],
  ]);
});

Deno.test("a spreader never logged as reached is a source, and cycles count in scale only", () => {
  assert.deepEqual(cascadeShape([{ parent: "s", child: "x", time: 1 }]), {
    scale: 2,
    depth: 1,
    maxBreadth: 1,
  });
  const cyclic = [
    { parent: null, child: "r", time: 0 },
    { parent: "p", child: "q", time: 1 },
    { parent: "q", child: "p", time: 2 },
  ];
  assert.deepEqual(cascadeShape(cyclic), { scale: 3, depth: 0, maxBreadth: 1 });
});
