/**
 * Distances between a simulated population's behaviour and a real one's: the two-sample
 * Kolmogorov–Smirnov distance between distributions, the top-share of item counts (with the
 * Gini coefficient of diversity.ts, how concentrated consumption is), and the mean pairwise
 * Jaccard similarity of users' item sets (how alike users are). Pure functions over plain
 * numbers and sets.
 *
 * @module
 */
import { jaccard } from "./diversity.ts";

/**
 * Two-sample Kolmogorov–Smirnov distance: the largest gap between the two empirical CDFs.
 *
 * @param a A sample.
 * @param b Another sample.
 * @returns sup_x |F_a(x) − F_b(x)| in [0, 1] (NaN when a sample is empty).
 *
 * @example Hand-computed: F_a(2) = 2/3 while F_b(2) = 0
 * ```ts
 * import { ksDistance } from "@lib/metrics/realism.ts";
 * import assert from "node:assert/strict";
 * assert.equal(ksDistance([1, 2, 3], [3, 4]), 2 / 3);
 * assert.equal(ksDistance([1, 2], [2, 1]), 0);
 * assert.equal(ksDistance([1], [5]), 1);
 * ```
 */
export function ksDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const x = a.slice().sort((p, q) => p - q), y = b.slice().sort((p, q) => p - q);
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/**
 * Share of all interactions that go to the most consumed `fraction` of items.
 *
 * @param counts Interactions per item (zeros included).
 * @param fraction The top share of items (default 0.1; at least one item).
 * @returns A share in [0, 1] (0 when there are no interactions).
 *
 * @example Hand-computed: the top 10% of 10 items is one item with 5 of 14
 * ```ts
 * import { topShare } from "@lib/metrics/realism.ts";
 * import assert from "node:assert/strict";
 * assert.equal(topShare([5, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 5 / 14);
 * assert.equal(topShare([1, 1, 2, 0], 0.5), 3 / 4);
 * ```
 */
export function topShare(counts: readonly number[], fraction = 0.1): number {
  const total = counts.reduce((s, v) => s + v, 0);
  if (total === 0) return 0;
  const k = Math.max(1, Math.round(counts.length * fraction));
  const top = counts.slice().sort((p, q) => q - p).slice(0, k);
  return top.reduce((s, v) => s + v, 0) / total;
}

/**
 * Mean Jaccard similarity over all pairs of users' item sets.
 *
 * @param sets One item set per user.
 * @returns The mean over n(n−1)/2 pairs (NaN with fewer than two users).
 *
 * @example Hand-computed: pairs give 1/3, 0 and 0
 * ```ts
 * import { meanPairwiseJaccard } from "@lib/metrics/realism.ts";
 * import assert from "node:assert/strict";
 * const s = (...xs: string[]) => new Set(xs);
 * assert.equal(meanPairwiseJaccard([s("a", "b"), s("b", "c"), s("d")]), 1 / 9);
 * ```
 */
export function meanPairwiseJaccard<T>(sets: readonly ReadonlySet<T>[]): number {
  if (sets.length < 2) return NaN;
  let sum = 0, n = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      sum += jaccard(sets[i], sets[j]);
      n++;
    }
  }
  return sum / n;
}
