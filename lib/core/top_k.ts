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
  if (cap === 0) return [];
  const idx = new Int32Array(cap);
  const val = new Float64Array(cap);
  const n = scores.length;
  let size = 0, i = 0;
  // A min-heap on "worse" (lower score, or equal score and higher index) at the root. The
  // comparisons are written out: this loop runs over the whole catalogue for every page.
  // Filling: the first `cap` accepted scores go in, each sifted up.
  for (; i < n && size < cap; i++) {
    const s = scores[i];
    if (s !== s) continue;
    if (accept && !accept(i)) continue;
    let pos = size++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const ps = val[parent];
      if (!(s < ps || (s === ps && i > idx[parent]))) break;
      val[pos] = ps;
      idx[pos] = idx[parent];
      pos = parent;
    }
    val[pos] = s;
    idx[pos] = i;
  }
  // Full: every index in the heap is lower than i, so a score equal to the root's loses its
  // tie and only a strictly higher score can enter; `!(s > worst)` also drops NaN. The
  // root's score is kept in a local, read once per entry instead of once per candidate.
  let worst = val[0];
  const f64 = scores instanceof Float64Array ? scores : null;
  for (; i < n; i++) {
    if (f64 !== null) i = firstAbove(f64, i, worst);
    if (i >= n) break;
    const s = scores[i];
    if (!(s > worst)) continue;
    if (accept && !accept(i)) continue;
    let pos = 0;
    while (true) {
      const l = 2 * pos + 1, r = l + 1;
      let m = -1, ms = s, mi = i;
      if (l < size && (val[l] < ms || (val[l] === ms && idx[l] > mi))) {
        m = l;
        ms = val[l];
        mi = idx[l];
      }
      if (r < size && (val[r] < ms || (val[r] === ms && idx[r] > mi))) {
        m = r;
        ms = val[r];
        mi = idx[r];
      }
      if (m < 0) break;
      val[pos] = ms;
      idx[pos] = mi;
      pos = m;
    }
    val[pos] = s;
    idx[pos] = i;
    worst = val[0];
  }
  const out: IndexScore[] = [];
  for (let i = 0; i < size; i++) out.push({ index: idx[i], score: val[i] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
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
