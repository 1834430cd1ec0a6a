import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { topK } from "@lib/core/top_k.ts";

/** The definition: sort every accepted index by score (ties to the lower index), keep k. */
function bySorting(scores: number[], k: number, accept?: (i: number) => boolean) {
  return scores.map((score, index) => ({ index, score }))
    .filter((e) => e.score === e.score && (!accept || accept(e.index)))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, Math.floor(k)));
}

Deno.test("topK keeps what sorting keeps, with ties, NaN, filters and k beyond the length", () => {
  const rng = new Rng(7);
  for (let trial = 0; trial < 500; trial++) {
    const n = rng.int(60);
    // Few distinct values, so ties are common.
    const scores = Array.from({ length: n }, () => rng.next() < 0.05 ? NaN : rng.int(8) / 4);
    const k = rng.int(12);
    const blocked = new Set(Array.from({ length: rng.int(10) }, () => rng.int(Math.max(1, n))));
    const accept = trial % 2 ? (i: number) => !blocked.has(i) : undefined;
    assert.deepEqual(topK(scores, k, accept), bySorting(scores, k, accept), `trial ${trial}`);
  }
});
