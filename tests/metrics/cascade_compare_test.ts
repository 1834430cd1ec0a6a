import assert from "node:assert/strict";
import { cascadeCurves, compareCascades, curveFit } from "@lib/metrics/mod.ts";
import { parseTwitterTree } from "@lib/eval/mod.ts";

const QUIRKS =
  new URL("../fixtures/s3/twitter/tree/500000000000000001.txt", import.meta.url).pathname;

Deno.test("scale, depth and max-breadth curves of the quirky tree match a hand count", () => {
  const { edges } = parseTwitterTree(Deno.readTextFileSync(QUIRKS), QUIRKS);
  const c = cascadeCurves(edges, [0, 5, 30, 60]);
  assert.deepEqual(c.scale, [2, 3, 5, 6]);
  assert.deepEqual(c.depth, [1, 1, 3, 3]);
  assert.deepEqual(c.maxBreadth, [1, 2, 2, 2]);
});

Deno.test("NRMSE, MSED and Pearson of a simulated curve against a real one, by hand", () => {
  const f = curveFit([2, 3, 5, 6], [1, 3, 4, 6]);
  assert.equal(f.nrmse, Math.sqrt(0.5) / 6);
  assert.ok(Math.abs(f.msed - 0.01125) < 1e-12);
  assert.ok(Math.abs(f.pearson - 11 / Math.sqrt(130)) < 1e-12);
});

Deno.test("a simulated cascade is read on the real cascade's clock through the step length", () => {
  const real = [
    { parent: null, child: "r", time: 0 },
    { parent: "r", child: "a", time: 30 },
    { parent: "r", child: "b", time: 90 },
  ];
  // Steps of 30 minutes: step 1 = 30 min, step 3 = 90 min.
  const sim = [
    { parent: null, child: "x", time: 0 },
    { parent: "x", child: "y", time: 1 },
    { parent: "y", child: "z", time: 3 },
  ];
  const c = compareCascades(real, sim, { windowMin: 90, points: 4, stepMinutes: 30 });
  assert.deepEqual(c.real.minutes, [0, 30, 60, 90]);
  assert.deepEqual(c.sim.scale, c.real.scale);
  assert.equal(c.fits.scale.nrmse, 0);
  assert.deepEqual(c.sim.depth, [0, 1, 1, 2]);
  assert.deepEqual(c.real.depth, [0, 1, 1, 1]);
  assert.ok(c.fits.depth.msed > 0);
});
