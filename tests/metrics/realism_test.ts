import assert from "node:assert/strict";
import { gini } from "@lib/metrics/diversity.ts";
import { ksDistance, meanPairwiseJaccard, topShare } from "@lib/metrics/realism.ts";

Deno.test("ksDistance is the largest CDF gap, symmetric, and handles ties", () => {
  // a = {1,1,2,5}, b = {2,3}: after 1: 2/4 vs 0; after 2: 3/4 vs 1/2; after 3: 3/4 vs 1.
  assert.equal(ksDistance([1, 1, 2, 5], [2, 3]), 0.5);
  assert.equal(ksDistance([2, 3], [1, 1, 2, 5]), 0.5);
  assert.equal(ksDistance([3, 3, 3], [3]), 0);
  assert.ok(Number.isNaN(ksDistance([], [1])));
});

Deno.test("the Gini used for popularity matches the pairwise definition on hand-computed cases", () => {
  // [1,2,3,4]: Σ|xi−xj| over ordered pairs = 20, 2·n²·mean = 2·16·2.5 = 80.
  assert.equal(gini([4, 1, 3, 2]), 0.25);
  assert.equal(gini([0, 0, 0]), 0);
  assert.equal(gini([0, 10]), 0.5);
});

Deno.test("topShare takes the top tenth of items (at least one)", () => {
  assert.equal(topShare([3, 1]), 0.75);
  assert.equal(topShare(Array.from({ length: 20 }, (_, i) => (i < 2 ? 9 : 1))), 18 / 36);
  assert.equal(topShare([0, 0]), 0);
});

Deno.test("meanPairwiseJaccard averages over every pair", () => {
  const s = (...xs: number[]) => new Set(xs);
  assert.equal(meanPairwiseJaccard([s(1, 2), s(1, 2)]), 1);
  // {1,2} vs {2,3}: 1/3; {1,2} vs {1,2,3,4}: 1/2; {2,3} vs {1,2,3,4}: 1/2.
  assert.equal(meanPairwiseJaccard([s(1, 2), s(2, 3), s(1, 2, 3, 4)]), (1 / 3 + 1 / 2 + 1 / 2) / 3);
  assert.ok(Number.isNaN(meanPairwiseJaccard([s(1)])));
});
