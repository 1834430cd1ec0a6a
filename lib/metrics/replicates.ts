/**
 * Statistics across replicate runs: per-round means with confidence intervals, change from a
 * peak, effect sizes and bootstrap intervals.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { meanCI, quantile } from "@lib/core/stats.ts";
import type { Rng } from "@lib/core/rng.ts";
import { mean, std } from "./descriptive.ts";
import { groupBy, type RowsInput, toRows } from "./rows.ts";

/** A replicate's value at a round. */
export interface ReplicateRow {
  round: number;
  value: number;
  /** Which replicate (seed) it came from; informative only. */
  replicate?: string | number;
}

/** Summary of one round across replicates. */
export interface ReplicateSummary {
  round: number;
  mean: number;
  /** Sample standard deviation. */
  sd: number;
  n: number;
  /** 95% confidence interval of the mean (t-based). */
  lo: number;
  hi: number;
}

/**
 * Mean and 95% CI per round across replicates.
 *
 * @param input One row per (replicate, round).
 * @returns One row per round, ascending.
 *
 * @example Two rounds across replicates
 * ```ts
 * import { summariseReplicates } from "@lib/metrics/replicates.ts";
 * import assert from "node:assert/strict";
 * const rows = [{ round: 1, value: 1 }, { round: 1, value: 3 }, { round: 0, value: 5 }];
 * const [r0, r1] = summariseReplicates(rows);
 * assert.deepEqual([r0.round, r0.mean, r0.n], [0, 5, 1]);
 * assert.equal(r1.mean, 2);
 * // sd = √2, n = 2: half-width t(1) · √2 / √2 = 12.706
 * assert.ok(Math.abs(r1.hi - (2 + 12.706)) < 1e-9);
 * ```
 */
export function summariseReplicates(input: RowsInput<ReplicateRow>): ReplicateSummary[] {
  const byRound = groupBy(toRows(input), (r) => r.round);
  return [...byRound.keys()].sort((a, b) => a - b).map((round) => {
    const { mean, sd, n, lo, hi } = meanCI(byRound.get(round)!.map((r) => r.value));
    return { round, mean, sd, n, lo, hi };
  });
}

/**
 * Where a series peaked and how far its last value is from the peak, in percent (negative
 * when it fell: RecAgent reports entropy ending ≈ 8.5% below its peak).
 *
 * @param series Values in time order.
 * @returns Peak value and index, last value, and 100·(last − peak)/peak.
 *
 * @example A series that ends 25% below its peak
 * ```ts
 * import { percentChangeFromPeak } from "@lib/metrics/replicates.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(percentChangeFromPeak([1, 2, 4, 3]), { peak: 4, peakIndex: 2, last: 3, change: -25 });
 * ```
 */
export function percentChangeFromPeak(
  series: readonly number[],
): { peak: number; peakIndex: number; last: number; change: number } {
  if (series.length === 0) {
    throw new DataError("percentChangeFromPeak", 0, "expected a non-empty series");
  }
  let peakIndex = 0;
  for (let i = 1; i < series.length; i++) if (series[i] > series[peakIndex]) peakIndex = i;
  const peak = series[peakIndex], last = series[series.length - 1];
  return { peak, peakIndex, last, change: (100 * (last - peak)) / peak };
}

/**
 * Cohen's d with the pooled sample standard deviation.
 *
 * @param a Treatment values.
 * @param b Control values.
 * @returns (mean(a) − mean(b)) / s_pooled.
 *
 * @example Means two pooled sds apart
 * ```ts
 * import { cohensD } from "@lib/metrics/replicates.ts";
 * import assert from "node:assert/strict";
 * // both sds are 1, means differ by 2
 * assert.equal(cohensD([3, 4, 5], [1, 2, 3]), 2);
 * ```
 */
export function cohensD(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2 || b.length < 2) {
    throw new DataError(
      "cohensD",
      0,
      `expected at least two values per group, got ${a.length} and ${b.length}`,
    );
  }
  const sa = std(a, true), sb = std(b, true);
  const pooled = Math.sqrt(
    ((a.length - 1) * sa ** 2 + (b.length - 1) * sb ** 2) / (a.length + b.length - 2),
  );
  return (mean(a) - mean(b)) / pooled;
}

/** Options of {@link bootstrapCI}. */
export interface BootstrapOptions {
  /** Seeded generator for the resamples. */
  rng: Rng;
  /** Number of resamples (default 2000). */
  iterations?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** The statistic (default the mean). */
  statistic?: (xs: readonly number[]) => number;
}

/**
 * Percentile bootstrap confidence interval, reproducible for a seed.
 *
 * @param xs Sample.
 * @param options Seeded rng, iterations, level, statistic.
 * @returns The statistic on the sample and the interval.
 *
 * @example A seeded bootstrap interval around the mean
 * ```ts
 * import { bootstrapCI } from "@lib/metrics/replicates.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const xs = [2, 4, 4, 5, 7, 9];
 * const ci = bootstrapCI(xs, { rng: new Rng(1) });
 * assert.equal(ci.estimate, 31 / 6);
 * assert.ok(ci.lo < ci.estimate && ci.estimate < ci.hi);
 * assert.deepEqual(bootstrapCI(xs, { rng: new Rng(1) }), ci);
 * ```
 */
export function bootstrapCI(
  xs: readonly number[],
  options: BootstrapOptions,
): { estimate: number; lo: number; hi: number } {
  const stat = options.statistic ?? mean;
  const iterations = options.iterations ?? 2000;
  const alpha = 1 - (options.level ?? 0.95);
  const n = xs.length;
  if (n === 0) return { estimate: NaN, lo: NaN, hi: NaN };
  const stats: number[] = [];
  const sample = new Array<number>(n);
  for (let b = 0; b < iterations; b++) {
    for (let i = 0; i < n; i++) sample[i] = xs[options.rng.int(n)];
    stats.push(stat(sample));
  }
  return { estimate: stat(xs), lo: quantile(stats, alpha / 2), hi: quantile(stats, 1 - alpha / 2) };
}
