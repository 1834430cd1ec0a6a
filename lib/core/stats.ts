/**
 * Small statistics used across metrics and notebooks.
 *
 * @module
 */

/**
 * Fits a Pareto shape α by maximum likelihood for a known x_min: α̂ = n / Σ ln(x/x_min).
 *
 * @param xs Samples, all ≥ xMin.
 * @param xMin The scale.
 * @returns The estimated α.
 *
 * @example Recover α = 2 from seeded samples
 * ```ts
 * import { fitParetoAlpha } from "@lib/core/stats.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const rng = new Rng(3);
 * const xs = Array.from({ length: 20000 }, () => rng.pareto(2, 1));
 * assert.ok(Math.abs(fitParetoAlpha(xs, 1) - 2) < 0.1);
 * ```
 */
export function fitParetoAlpha(xs: readonly number[], xMin: number): number {
  let s = 0;
  for (const x of xs) s += Math.log(x / xMin);
  return xs.length / s;
}

/**
 * Mean and a normal-approximation 95% confidence interval (t-quantiles for small n).
 *
 * @param xs Samples.
 * @returns mean, sd, n, lo, hi (lo = hi = mean when n < 2).
 *
 * @example An interval around the mean of three values
 * ```ts
 * import { meanCI } from "@lib/core/stats.ts";
 * import assert from "node:assert/strict";
 * const r = meanCI([1, 2, 3]);
 * assert.equal(r.mean, 2);
 * assert.ok(r.lo < 2 && r.hi > 2);
 * ```
 */
export function meanCI(
  xs: readonly number[],
): { mean: number; sd: number; n: number; lo: number; hi: number } {
  const n = xs.length;
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : NaN;
  if (n < 2) return { mean, sd: 0, n, lo: mean, hi: mean };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = tQuantile975(n - 1) * sd / Math.sqrt(n);
  return { mean, sd, n, lo: mean - half, hi: mean + half };
}

const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/**
 * Two-sided 95% t quantile (the 0.975 quantile of Student's t) for the given degrees of
 * freedom: tabled up to 10, interpolated up to 30, 1.96 beyond.
 *
 * @param df Degrees of freedom (≥ 1; fractional values round down).
 * @returns The quantile.
 *
 * @example Small samples get wide intervals
 * ```ts
 * import { tQuantile975 } from "@lib/core/stats.ts";
 * import assert from "node:assert/strict";
 * assert.equal(tQuantile975(4), 2.776);
 * assert.equal(tQuantile975(100), 1.96);
 * ```
 */
export function tQuantile975(df: number): number {
  df = Math.max(1, Math.floor(df));
  if (df <= 10) return T975[df - 1];
  if (df <= 30) return 2.228 - (df - 10) * (2.228 - 2.042) / 20;
  return 1.96;
}

/**
 * Quantile by linear interpolation between order statistics (numpy's default, R's type 7).
 *
 * @param xs Values (need not be sorted).
 * @param p Probability in [0, 1].
 * @returns The quantile (NaN when empty).
 *
 * @example Quartiles of four values
 * ```ts
 * import { quantile } from "@lib/core/stats.ts";
 * import assert from "node:assert/strict";
 * assert.equal(quantile([4, 1, 3, 2], 0.25), 1.75);
 * assert.equal(quantile([5], 0.9), 5);
 * ```
 */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h), hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}
