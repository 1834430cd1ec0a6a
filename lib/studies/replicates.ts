/**
 * Replicate summaries of study runs: a per-round band (mean and 95% CI over seeds) for each
 * setting, and a per-setting summary of one number per run.
 *
 * @module
 */
import { meanCI } from "../core/stats.ts";
import { summariseReplicates } from "../metrics/replicates.ts";

/** A per-round band of one setting. */
export interface BandRow {
  setting: string;
  round: number;
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

/**
 * Mean and 95% CI per round across seeds, per setting.
 *
 * @param runs Runs with a setting label.
 * @param series The per-round values of one run.
 * @returns Rows by setting (in first-seen order), then round.
 *
 * @example
 * ```ts
 * import { bands } from "@lib/studies/replicates.ts";
 * import assert from "node:assert/strict";
 * const runs = [{ setting: "a", xs: [1, 2] }, { setting: "a", xs: [3, 4] }];
 * const rows = bands(runs, (r) => r.xs.map((value, round) => ({ round, value })));
 * assert.deepEqual(rows.map((r) => [r.round, r.mean, r.n]), [[0, 2, 2], [1, 3, 2]]);
 * ```
 */
export function bands<R extends { setting: string }>(
  runs: readonly R[],
  series: (run: R) => { round: number; value: number }[],
): BandRow[] {
  const settings = [...new Set(runs.map((r) => r.setting))];
  return settings.flatMap((setting) =>
    summariseReplicates(runs.filter((r) => r.setting === setting).flatMap(series))
      .map(({ round, mean, lo, hi, n }) => ({ setting, round, mean, lo, hi, n }))
  );
}

/**
 * Mean and 95% CI of one number per run, per setting.
 *
 * @param runs Runs with a setting label.
 * @param value The number of a run.
 * @returns One row per setting, in first-seen order.
 *
 * @example
 * ```ts
 * import { armSummary } from "@lib/studies/replicates.ts";
 * import assert from "node:assert/strict";
 * const rows = armSummary([{ setting: "a", v: 1 }, { setting: "a", v: 3 }], (r) => r.v);
 * assert.equal(rows[0].mean, 2);
 * ```
 */
export function armSummary<R extends { setting: string }>(
  runs: readonly R[],
  value: (run: R) => number,
): { setting: string; mean: number; lo: number; hi: number; n: number; values: number[] }[] {
  const settings = [...new Set(runs.map((r) => r.setting))];
  return settings.map((setting) => {
    const values = runs.filter((r) => r.setting === setting).map(value);
    const { mean, lo, hi, n } = meanCI(values);
    return { setting, mean, lo, hi, n, values };
  });
}
