/**
 * Top-k selection with a bounded min-heap (best_of.ts): O(n log k), no full sort of the
 * candidates.
 *
 * @module
 */
import { BestOf } from "./best_of.ts";

/** An index with its score. */
export interface IndexScore {
  index: number;
  score: number;
}

/**
 * The k best-scoring indices, best first; equal scores go to the lower index, so the result
 * is deterministic. NaN scores are skipped.
 *
 * @param scores Scores by index.
 * @param k How many to keep.
 * @param accept Optional filter; an index it rejects is never returned.
 * @returns Up to k entries, in descending score.
 *
 * @example Best three, ties by index, one excluded
 * ```ts
 * import { topK } from "@lib/core/top_k.ts";
 * import assert from "node:assert/strict";
 * const best = topK([0.1, 0.9, 0.5, 0.9, 0.7], 3, (i) => i !== 4);
 * assert.deepEqual(best.map((e) => e.index), [1, 3, 2]);
 * ```
 */
export function topK(
  scores: ArrayLike<number>,
  k: number,
  accept?: (index: number) => boolean,
): IndexScore[] {
  const cap = Math.max(0, Math.floor(k));
  if (!(cap >= 1)) return [];
  const best = new BestOf(cap);
  const n = scores.length;
  const f64 = scores instanceof Float64Array ? scores : null;
  // The heap's state in locals, read once per entry instead of once per candidate.
  let full = false, worst = 0;
  for (let i = 0; i < n; i++) {
    // Once k are kept, indices only grow, so a score equal to the worst kept loses its tie and
    // only a strictly higher one can enter (`!(s > worst)` also drops NaN): skip to the next.
    if (full && f64 !== null) {
      i = firstAbove(f64, i, worst);
      if (i >= n) break;
    }
    const s = scores[i];
    if (full ? !(s > worst) : s !== s) continue;
    if (accept && !accept(i)) continue;
    best.offer(i, s);
    if (best.full) {
      full = true;
      worst = best.worst;
    }
  }
  return best.list();
}

/**
 * The first index from `from` on whose score is above `worst` (n if none): the scan's hot
 * loop, kept on its own so it stays specialised for float64 scores whatever else calls topK.
 */
function firstAbove(scores: Float64Array, from: number, worst: number): number {
  const n = scores.length;
  let i = from;
  while (i < n && !(scores[i] > worst)) i++;
  return i;
}
