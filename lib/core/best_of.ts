/**
 * The k best (index, score) pairs of a stream that comes in any index order, kept in a small
 * heap: best is the higher score, and among equal scores the lower index, the order
 * {@link topK} ranks by, so both give the same list for the same candidates. NaN never
 * enters. It lets a caller stop early once nothing left can beat {@link BestOf.worst}.
 *
 * @module
 */

/**
 * A bounded heap of the best pairs seen so far.
 *
 * @example The same list as topK, whatever the order of arrival
 * ```ts
 * import { BestOf } from "@lib/core/best_of.ts";
 * import { topK } from "@lib/core/top_k.ts";
 * import assert from "node:assert/strict";
 * const scores = [0.5, 0.9, 0.5, NaN, -1, 0.9];
 * const best = new BestOf(3);
 * for (const i of [5, 3, 0, 4, 2, 1]) best.offer(i, scores[i]);
 * const idx = new Int32Array(3), val = new Float64Array(3);
 * assert.equal(best.drain(idx, val, 0), 3);
 * assert.deepEqual([...idx], topK(scores, 3).map((e) => e.index)); // [1, 5, 0]
 * assert.deepEqual([...val], [0.9, 0.9, 0.5]);
 * ```
 */
export class BestOf {
  #idx: Int32Array;
  #val: Float64Array;
  #cap: number;
  #size = 0;

  /** @param k How many pairs to keep (at least 0). */
  constructor(k: number) {
    this.#cap = Math.max(0, Math.floor(k));
    this.#idx = new Int32Array(this.#cap);
    this.#val = new Float64Array(this.#cap);
  }

  /**
   * Empties the heap for a new stream, keeping `k` pairs from now on.
   *
   * @param k How many pairs to keep.
   */
  reset(k: number): void {
    const cap = Math.max(0, Math.floor(k));
    if (cap > this.#idx.length) {
      this.#idx = new Int32Array(cap);
      this.#val = new Float64Array(cap);
    }
    this.#cap = cap;
    this.#size = 0;
  }

  /** Whether k pairs are kept: from then on only a better one enters. */
  get full(): boolean {
    return this.#size === this.#cap;
  }

  /** The score of the worst pair kept (meaningful once {@link full}). */
  get worst(): number {
    return this.#val[0];
  }

  /**
   * Offers a pair; it stays if it is among the k best so far.
   *
   * @param i The index (distinct for every pair of a stream).
   * @param s Its score (NaN is ignored).
   */
  offer(i: number, s: number): void {
    if (s !== s || this.#cap === 0) return;
    const idx = this.#idx, val = this.#val;
    if (this.#size < this.#cap) {
      // Sift up: the root holds the worst (lower score, or equal score and higher index).
      let pos = this.#size++;
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
      return;
    }
    const rs = val[0];
    if (s > rs || (s === rs && i < idx[0])) this.#siftDown(s, i, this.#size);
  }

  /**
   * Writes the pairs kept, best first, and empties the heap.
   *
   * @param outIdx Indices go here from `at`.
   * @param outVal Scores go here from `at`.
   * @param at First slot written.
   * @returns How many pairs were written.
   */
  drain(outIdx: Int32Array, outVal: Float64Array, at: number): number {
    const n = this.#size, idx = this.#idx, val = this.#val;
    // Popping the root gives the worst first: fill the slots from the back.
    for (let k = n - 1; k >= 0; k--) {
      outIdx[at + k] = idx[0];
      outVal[at + k] = val[0];
      this.#popRoot();
    }
    return n;
  }

  /**
   * The pairs kept, best first, as objects; empties the heap.
   *
   * @returns The pairs.
   */
  list(): { index: number; score: number }[] {
    const n = this.#size, idx = this.#idx, val = this.#val;
    const out = new Array<{ index: number; score: number }>(n);
    for (let k = n - 1; k >= 0; k--) {
      out[k] = { index: idx[0], score: val[0] };
      this.#popRoot();
    }
    return out;
  }

  /** Removes the root (the worst pair kept). */
  #popRoot(): void {
    const last = --this.#size;
    this.#siftDown(this.#val[last], this.#idx[last], last);
  }

  /** Puts (s, i) in at the root and moves it down among the first `size` slots. */
  #siftDown(s: number, i: number, size: number): void {
    const idx = this.#idx, val = this.#val;
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
  }
}
