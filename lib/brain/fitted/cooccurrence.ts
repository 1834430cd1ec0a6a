/**
 * The collaborative state of an interaction log, grown one rating at a time: how many users
 * rated each item, the sum of their stars, and how many users rated each pair of items. Grown
 * in time order it answers "what did the log know at time t" without look-ahead; grown over a
 * whole training log it is the fitted brain's memory of other people.
 *
 * @module
 */

/** Read-only view of the log's collaborative state (what features and ratings need). */
export interface LogView {
  /** Items known (indices 0..size-1). */
  readonly size: number;
  /** Raters of item i. */
  count(i: number): number;
  /** Sum of the stars item i received. */
  sum(i: number): number;
  /** Cosine similarity of two items over their raters (0 when either has none). */
  cos(i: number, j: number): number;
  /** Mean of every rating seen (3 when none). */
  globalMean(): number;
  /** Ratings of item i at or after a time (Unix seconds). */
  countSince(i: number, since: number): number;
  /** Time of the latest rating seen (0 when none). */
  latest(): number;
}

/**
 * Item counts, star sums and pair counts over a growing log (a dense pair matrix: fine for
 * MovieLens-sized catalogues, 1,682² or 3,706² cells).
 *
 * @example Two users who rated the same two films make them similar
 * ```ts
 * import { Cooccurrence } from "@lib/brain/fitted/cooccurrence.ts";
 * import assert from "node:assert/strict";
 * const log = new Cooccurrence(3);
 * log.add("u", 0, 5); log.add("u", 1, 4); log.add("v", 0, 3); log.add("v", 1, 2); log.add("v", 2, 1);
 * assert.equal(log.cos(0, 1), 1);
 * assert.ok(Math.abs(log.cos(0, 2) - 1 / Math.sqrt(2)) < 1e-12);
 * assert.equal(log.globalMean(), 3);
 * ```
 */
export class Cooccurrence implements LogView {
  readonly size: number;
  readonly #pairs: Uint32Array;
  readonly #count: Uint32Array;
  readonly #sum: Float64Array;
  readonly #byUser = new Map<string, number[]>();
  readonly #times: number[][];
  #latest = 0;
  #total = 0;
  #stars = 0;

  /** @param size Items (indices 0..size-1). */
  constructor(size: number) {
    this.size = size;
    this.#pairs = new Uint32Array(size * size);
    this.#count = new Uint32Array(size);
    this.#sum = new Float64Array(size);
    this.#times = Array.from({ length: size }, () => []);
  }

  /**
   * Adds one rating (a repeated (user, item) pair is counted once). Ratings are added in time
   * order.
   *
   * @param user The user.
   * @param item The item index.
   * @param rating 1–5 stars.
   * @param timestamp Unix seconds (default 0).
   */
  add(user: string, item: number, rating: number, timestamp = 0): void {
    const mine = this.#byUser.get(user) ?? [];
    if (mine.includes(item)) return;
    const n = this.size;
    for (const j of mine) {
      this.#pairs[item * n + j]++;
      this.#pairs[j * n + item]++;
    }
    mine.push(item);
    this.#byUser.set(user, mine);
    this.#count[item]++;
    this.#sum[item] += rating;
    this.#total++;
    this.#stars += rating;
    this.#times[item].push(timestamp);
    if (timestamp > this.#latest) this.#latest = timestamp;
  }

  countSince(i: number, since: number): number {
    const t = this.#times[i];
    let lo = 0, hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid] < since) lo = mid + 1;
      else hi = mid;
    }
    return t.length - lo;
  }

  latest(): number {
    return this.#latest;
  }

  count(i: number): number {
    return this.#count[i];
  }

  sum(i: number): number {
    return this.#sum[i];
  }

  cos(i: number, j: number): number {
    const d = this.#count[i] * this.#count[j];
    return d > 0 ? this.#pairs[i * this.size + j] / Math.sqrt(d) : 0;
  }

  globalMean(): number {
    return this.#total ? this.#stars / this.#total : 3;
  }
}
