// topK by value: hand cases for ties, NaN, filters and odd k, and agreement with a full sort
// on random scores.
import assert from "node:assert/strict";
import { topK } from "@lib/core/top_k.ts";
import { Rng } from "@lib/core/rng.ts";

/** The reference: sort everything, best score first, lower index first on ties. */
function bySort(scores: number[], k: number, accept?: (i: number) => boolean) {
  return scores.map((score, index) => ({ index, score }))
    .filter((x) => !Number.isNaN(x.score) && (!accept || accept(x.index)))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, Math.floor(k)));
}

Deno.test("the k best, best first; ties go to the lower index; NaN never counts", () => {
  const scores = [3, NaN, 5, 5, 1, 4];
  assert.deepEqual(topK(scores, 3), [
    { index: 2, score: 5 },
    { index: 3, score: 5 },
    { index: 5, score: 4 },
  ]);
  assert.deepEqual(topK(scores, 1), [{ index: 2, score: 5 }]);
  assert.deepEqual(topK([2, 2, 2, 2], 2).map((x) => x.index), [0, 1]);
  assert.deepEqual(topK([1, 2, 2, 3], 2).map((x) => x.index), [3, 1]);
  assert.deepEqual(topK(scores, 10).map((x) => x.index), [2, 3, 5, 0, 4]);
});

Deno.test("k is floored and never negative; a filter drops indices", () => {
  assert.deepEqual(topK([1, 2, 3], 0), []);
  assert.deepEqual(topK([1, 2, 3], -2), []);
  assert.deepEqual(topK([1, 2, 3], 2.9).map((x) => x.index), [2, 1]);
  assert.deepEqual(topK([1, 2, 3], 0.5), []);
  assert.deepEqual(topK([5, 9, 7, 8], 2, (i) => i !== 1).map((x) => x.index), [3, 2]);
  assert.deepEqual(topK(new Float32Array([0.5, -1, 2]), 2), [
    { index: 2, score: 2 },
    { index: 0, score: 0.5 },
  ]);
  assert.deepEqual(topK([-Infinity, -5], 2).map((x) => x.index), [1, 0]);
});

Deno.test("agrees with a full sort on random scores with ties, for every k", () => {
  const rng = new Rng("topk");
  for (let trial = 0; trial < 60; trial++) {
    const n = 1 + rng.int(40);
    const scores = Array.from({ length: n }, () => rng.int(8) / 2);
    const accept = trial % 3 === 0 ? (i: number) => i % 4 !== 1 : undefined;
    for (const k of [1, 2, 3, 5, 8, n, n + 3]) {
      assert.deepEqual(topK(scores, k, accept), bySort(scores, k, accept), `trial ${trial} k ${k}`);
    }
  }
});

Deno.test("topK keeps what sorting keeps, with ties, NaN, filters and k beyond the length", () => {
  const rng = new Rng(7);
  for (let trial = 0; trial < 500; trial++) {
    const n = rng.int(60);
    // Few distinct values, so ties are common.
    const scores = Array.from({ length: n }, () => rng.next() < 0.05 ? NaN : rng.int(8) / 4);
    const k = rng.int(12);
    const blocked = new Set(Array.from({ length: rng.int(10) }, () => rng.int(Math.max(1, n))));
    const accept = trial % 2 ? (i: number) => !blocked.has(i) : undefined;
    assert.deepEqual(topK(scores, k, accept), bySort(scores, k, accept), `trial ${trial}`);
  }
});
