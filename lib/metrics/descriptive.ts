/**
 * Descriptive statistics shared by the metrics.
 *
 * @module
 */

// The one quantile lives in core; metrics code has long imported it from here.
export { quantile } from "../core/stats.ts";

/**
 * @param xs Values.
 * @returns The arithmetic mean (NaN when empty).
 */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * @param xs Values.
 * @param sample Divide by n−1 (sample) instead of n (population, the default).
 * @returns The standard deviation (NaN when empty, or when sample and n < 2).
 *
 * @example Population vs sample
 * ```ts
 * import { std } from "@lib/metrics/descriptive.ts";
 * import assert from "node:assert/strict";
 * assert.equal(std([2, 4, 4, 4, 5, 5, 7, 9]), 2);
 * assert.equal(std([1, 3], true), Math.SQRT2);
 * ```
 */
export function std(xs: readonly number[], sample = false): number {
  const n = xs.length;
  if (n === 0 || (sample && n < 2)) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (sample ? n - 1 : n));
}
