// The realism distances worked by hand: the KS distance on unsorted and tied samples, the
// top share without touching its input, and the mean pairwise Jaccard similarity.
import assert from "node:assert/strict";
import { ksDistance, meanPairwiseJaccard, topShare } from "@lib/metrics/realism.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

Deno.test("KS distance: the largest gap between the two empirical CDFs", () => {
  close(ksDistance([1, 2], [2, 3]), 0.5);
  close(ksDistance([1, 2, 3], [4, 5]), 1);
  // Ties move both CDFs at once: at 1, 2/3 against 1/3; at 2 both reach 1.
  close(ksDistance([1, 1, 2], [1, 2, 2]), 1 / 3);
  // Order of the samples does not matter.
  close(ksDistance([5, 1], [1, 5]), 0);
  close(ksDistance([3, 1, 2, 10], [2, 10, 3, 1]), 0);
  close(ksDistance([10, 1, 1], [1, 10, 10]), 1 / 3);
  assert.ok(Number.isNaN(ksDistance([], [1])));
  assert.ok(Number.isNaN(ksDistance([1], [])));
  const a = [3, 1, 2];
  ksDistance(a, [0]);
  assert.deepEqual(a, [3, 1, 2], "the caller's sample is not sorted in place");
});

Deno.test("top share: the largest counts' share of the total, the input left as it was", () => {
  const counts = [1, 5, 3, 0, 1];
  close(topShare(counts, 0.2), 5 / 10);
  close(topShare(counts, 0.4), 8 / 10);
  assert.deepEqual(counts, [1, 5, 3, 0, 1]);
  close(topShare([2, 2], 0.01), 0.5);
  assert.equal(topShare([0, 0, 0]), 0);
});

Deno.test("mean pairwise Jaccard over every pair; fewer than two sets have none", () => {
  const s = (...xs: string[]) => new Set(xs);
  // {a,b}~{b,c}: 1/3; {a,b}~{a,b,c}: 2/3; {b,c}~{a,b,c}: 2/3.
  close(
    meanPairwiseJaccard([s("a", "b"), s("b", "c"), s("a", "b", "c")]),
    (1 / 3 + 2 / 3 + 2 / 3) / 3,
  );
  close(meanPairwiseJaccard([s("x"), s("y")]), 0);
  assert.ok(Number.isNaN(meanPairwiseJaccard([s("a")])));
  assert.ok(Number.isNaN(meanPairwiseJaccard([])));
});
