import assert from "node:assert/strict";
import { lowerMedian } from "@lib/metrics/lower_median.ts";

Deno.test("lower median: odd and even counts, non-finite values left out", () => {
  assert.equal(lowerMedian([9, 1, 5]), 5);
  assert.equal(lowerMedian([0.4, 0.1, 0.3, 0.2]), 0.2);
  assert.equal(lowerMedian([Infinity, 2, -Infinity, 1, NaN]), 1);
  assert.ok(Number.isNaN(lowerMedian([])));
});

Deno.test("lower median does not reorder its input", () => {
  const xs = [3, 1, 2];
  lowerMedian(xs);
  assert.deepEqual(xs, [3, 1, 2]);
});
