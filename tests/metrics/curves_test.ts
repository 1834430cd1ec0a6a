// The curve helpers worked by hand: grids that do not start at zero, unsorted step points,
// the aware count past the last arrival, normalisation off zero, NRMSE and Pearson at their
// edges, and the errors each one gives.
import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import {
  awareCurve,
  minMaxNormalise,
  nrmse,
  pearson,
  resampleStep,
  timeGrid,
} from "@lib/metrics/curves.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

Deno.test("timeGrid spans start to end by step, wherever it starts", () => {
  assert.deepEqual(timeGrid(10, 16, 2), [10, 12, 14, 16]);
  assert.deepEqual(timeGrid(5, 6.9, 1), [5, 6]);
  assert.deepEqual(timeGrid(3, 3, 1), [3]);
  for (const step of [0, -1, NaN]) {
    assert.throws(() => timeGrid(0, 1, step), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.message, `timeGrid: step: step must be positive, got ${step}`);
      return true;
    });
  }
});

Deno.test("resampleStep sorts the points first and leaves them as they were", () => {
  const pts = [{ time: 3, value: 30 }, { time: 1, value: 10 }, { time: 2, value: 20 }];
  const copy = structuredClone(pts);
  assert.deepEqual(resampleStep(pts, [0, 1, 1.5, 2, 3, 9], -1), [-1, 10, 10, 20, 30, 30]);
  assert.deepEqual(pts, copy, "the caller's array is not reordered");
});

Deno.test("awareCurve counts each agent at its first time, and stops at the last arrival", () => {
  const rows = [
    { time: 4, agentId: "c" },
    { time: 1, agentId: "a" },
    { time: 3, agentId: "a" },
    { time: 2, agentId: "b" },
  ];
  assert.deepEqual(awareCurve(rows, [0, 1, 2, 3, 4, 10]).map((r) => r.aware), [0, 1, 2, 2, 3, 3]);
  assert.deepEqual(awareCurve(rows, [10]), [{ time: 10, aware: 3 }]);
});

Deno.test("minMaxNormalise maps min to 0 and max to 1, off zero too; a flat curve to zeros", () => {
  assert.deepEqual(minMaxNormalise([2, 4, 6, 3]), [0, 0.5, 1, 0.25]);
  assert.deepEqual(minMaxNormalise([5, 5]), [0, 0]);
});

Deno.test("nrmse divides the RMSE by the real curve's peak; a flat zero curve has none", () => {
  close(nrmse([2, 4], [2, 1]), Math.sqrt(9 / 2) / 4);
  assert.ok(Number.isNaN(nrmse([0, 0], [1, 1])));
  assert.ok(Number.isNaN(nrmse([-1, -2], [0, 0])), "no positive peak");
});

Deno.test("pearson by hand; NaN when either side is flat; unequal or empty curves refused", () => {
  // a: mean 2, deviations −1 0 1; b: mean 3, deviations −2 1 1 → 3 / √(2 · 6).
  close(pearson([1, 2, 3], [1, 4, 4]), 3 / Math.sqrt(12));
  close(pearson([1, 2, 3], [6, 4, 2]), -1);
  close(pearson([10, 20, 30], [7, 8, 9]), 1);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(pearson([1, 2, 3], [4, 4, 4])));
  for (const [a, b] of [[[1, 2], [1]], [[], []]] as const) {
    assert.throws(
      () => pearson(a, b),
      (e: unknown) =>
        e instanceof RangeError &&
        e.message === `curves must be non-empty and equally long, got ${a.length} and ${b.length}`,
    );
  }
});
