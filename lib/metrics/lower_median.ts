/**
 * The lower median of the finite values: the middle value itself, never an average of two,
 * so that the median of per-cascade scores is the score of one cascade.
 *
 * @module
 */

/**
 * The lower median: of the finite values sorted, the one at index ⌊(n − 1) / 2⌋. NaN and
 * infinite scores (a measure undefined for a cascade) are left out rather than sorted.
 *
 * @param xs Values, possibly with NaN.
 * @returns The lower median, NaN when no value is finite.
 *
 * @example An even count takes the lower middle value
 * ```ts
 * import { lowerMedian } from "@lib/metrics/lower_median.ts";
 * import assert from "node:assert/strict";
 * assert.equal(lowerMedian([4, 1, NaN, 3, 2]), 2);
 * assert.equal(lowerMedian([5, 1, 3]), 3);
 * assert.ok(Number.isNaN(lowerMedian([NaN])));
 * ```
 */
export function lowerMedian(xs: readonly number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}
