/**
 * Top-k selection with a bounded min-heap: O(n log k), no full sort of the candidates.
 *
 * @module
 */

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
  const idx = new Int32Array(cap);
  const val = new Float64Array(cap);
  let size = 0;
  // "a is worse than b": lower score, or equal score and higher index.
  const worse = (sa: number, ia: number, sb: number, ib: number) =>
    sa < sb || (sa === sb && ia > ib);
  const siftDown = (pos: number) => {
    while (true) {
      const l = 2 * pos + 1, r = l + 1;
      let m = pos;
      if (l < size && worse(val[l], idx[l], val[m], idx[m])) m = l;
      if (r < size && worse(val[r], idx[r], val[m], idx[m])) m = r;
      if (m === pos) return;
      [val[m], val[pos]] = [val[pos], val[m]];
      [idx[m], idx[pos]] = [idx[pos], idx[m]];
      pos = m;
    }
  };
  if (cap === 0) return [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s !== s || (accept && !accept(i))) continue;
    if (size < cap) {
      let pos = size++;
      val[pos] = s;
      idx[pos] = i;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!worse(val[pos], idx[pos], val[parent], idx[parent])) break;
        [val[parent], val[pos]] = [val[pos], val[parent]];
        [idx[parent], idx[pos]] = [idx[pos], idx[parent]];
        pos = parent;
      }
    } else if (worse(val[0], idx[0], s, i)) {
      val[0] = s;
      idx[0] = i;
      siftDown(0);
    }
  }
  const out: IndexScore[] = [];
  for (let i = 0; i < size; i++) out.push({ index: idx[i], score: val[i] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
