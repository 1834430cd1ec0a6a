// BestOf against topK: the same list for the same candidates, whatever order they come in.
import assert from "node:assert/strict";
import { BestOf } from "@lib/core/best_of.ts";
import { topK } from "@lib/core/top_k.ts";
import { Rng } from "@lib/core/rng.ts";

function drained(best: BestOf, k: number) {
  const idx = new Int32Array(Math.max(0, k)), val = new Float64Array(Math.max(0, k));
  const n = best.drain(idx, val, 0);
  return Array.from({ length: n }, (_, c) => ({ index: idx[c], score: val[c] }));
}

Deno.test("offered in any order, the kept pairs are topK's, ties to the lower index, NaN left out", () => {
  const rng = new Rng(3);
  const best = new BestOf(0);
  for (let trial = 0; trial < 400; trial++) {
    const n = rng.int(40);
    // Few distinct values, so ties and signed zeros are common.
    const pool = [0, -0, 1, -1, 0.5, 2, NaN, Infinity, -Infinity, 1e-300];
    const scores = Array.from({ length: n }, () => pool[rng.int(pool.length)]);
    const k = rng.int(12);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    best.reset(k);
    for (const i of order) best.offer(i, scores[i]);
    const want = topK(scores, k);
    assert.equal(best.full, want.length === k, `trial ${trial}`);
    assert.deepEqual(drained(best, k), want, `trial ${trial}: ${scores} k ${k}`);
    assert.equal(best.full, k === 0, "drained empty");
  }
});

Deno.test("worst is the score a newcomer must beat; equal scores enter only with a lower index", () => {
  const best = new BestOf(2);
  best.offer(5, 1);
  assert.equal(best.full, false);
  best.offer(7, 3);
  assert.equal(best.full, true);
  assert.equal(best.worst, 1);
  best.offer(9, 1); // equal score, higher index: out
  assert.equal(best.worst, 1);
  best.offer(2, 1); // equal score, lower index: in, in place of 5
  assert.deepEqual(drained(best, 2), [{ index: 7, score: 3 }, { index: 2, score: 1 }]);
  best.reset(3);
  best.offer(1, 0.5);
  assert.deepEqual(drained(best, 3), [{ index: 1, score: 0.5 }]);
});

Deno.test("drain writes from the slot given", () => {
  const best = new BestOf(2);
  best.offer(0, 1);
  best.offer(1, 2);
  const idx = new Int32Array(5).fill(-1), val = new Float64Array(5);
  assert.equal(best.drain(idx, val, 3), 2);
  assert.deepEqual([...idx], [-1, -1, -1, 1, 0]);
  assert.deepEqual([...val], [0, 0, 0, 2, 1]);
});
