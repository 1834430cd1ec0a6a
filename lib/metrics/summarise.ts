/**
 * Summaries of a tidy table of runs (one row per run, or per run × round): the mean of a
 * measure per group with a 95% t-interval, and, against a reference level, the difference of
 * means with a Welch 95% interval and Cohen's d. This is what a grid × seeds study reports.
 *
 * @module
 */
import * as aq from "arquero";
import { meanCI, tQuantile975 } from "../core/stats.ts";
import { ConfigError } from "../core/errors.ts";
import { mean, std } from "./descriptive.ts";
import { type RowsInput, toRows } from "./rows.ts";

/** Options of {@link summarise}. */
export interface SummariseOptions {
  /**
   * A level of the first `by` column to compare every other level with, within groups that
   * share the other `by` columns (e.g. the same round).
   */
  reference?: unknown;
}

/** Difference of means a − b with a Welch 95% interval and Cohen's d (pooled sd). */
function contrast(a: number[], b: number[]) {
  const diff = mean(a) - mean(b);
  if (a.length < 2 || b.length < 2) return { diff, diffLo: NaN, diffHi: NaN, d: NaN };
  const va = std(a, true) ** 2 / a.length, vb = std(b, true) ** 2 / b.length;
  const se = Math.sqrt(va + vb);
  const df = se === 0
    ? a.length + b.length - 2
    : (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = tQuantile975(df) * se;
  const pooled = Math.sqrt(
    ((a.length - 1) * std(a, true) ** 2 + (b.length - 1) * std(b, true) ** 2) /
      (a.length + b.length - 2),
  );
  return { diff, diffLo: diff - half, diffHi: diff + half, d: pooled > 0 ? diff / pooled : NaN };
}

/**
 * Mean of a measure per group, with a 95% interval and effect sizes against a reference.
 *
 * @param table Rows (an arquero table or an array), e.g. from `batchRun`.
 * @param by The column(s) to group by; the first is the one compared with the reference.
 * @param measure The numeric column to summarise.
 * @param options The reference level, if effect sizes are wanted.
 * @returns One row per group, in order of first appearance: the `by` columns, n, mean, sd,
 *   lo, hi; with a reference also diff, diffLo, diffHi (Welch) and d (Cohen's, pooled sd),
 *   with diff and d 0 for the reference itself and NaN where a group has fewer than two rows
 *   or no reference to compare with.
 *
 * @example Mean, interval and effect size
 * ```ts
 * import { summarise } from "@lib/metrics/summarise.ts";
 * import assert from "node:assert/strict";
 * const rows = [1, 2, 3].map((x) => ({ arm: "a", y: x })).concat([3, 4, 5].map((x) => ({ arm: "b", y: x })));
 * const s = summarise(rows, "arm", "y", { reference: "a" }).objects() as Record<string, number>[];
 * assert.equal(s[1].mean, 4);
 * assert.equal(s[1].diff, 2);
 * assert.equal(s[1].d, 2);
 * ```
 */
export function summarise(
  table: RowsInput<object>,
  by: string | readonly string[],
  measure: string,
  options: SummariseOptions = {},
): aq.ColumnTable {
  const keys = typeof by === "string" ? [by] : [...by];
  if (keys.length === 0) throw new ConfigError("summarise", "by", "expected at least one column");
  const rows = toRows(table) as Record<string, unknown>[];
  for (const k of [...keys, measure]) {
    if (rows.length && !(k in rows[0])) {
      throw new ConfigError(
        "summarise",
        k,
        `no such column (columns: ${Object.keys(rows[0]).join(", ")})`,
      );
    }
  }
  const groups = new Map<string, { key: unknown[]; values: number[] }>();
  rows.forEach((r, i) => {
    const key = keys.map((k) => r[k]);
    const v = r[measure];
    if (typeof v !== "number") {
      throw new ConfigError("summarise", `${measure} (row ${i})`, `expected a number, got ${v}`);
    }
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, g = { key, values: [] });
    g.values.push(v);
  });
  const hasRef = "reference" in options;
  if (hasRef && ![...groups.values()].some((g) => g.key[0] === options.reference)) {
    throw new ConfigError(
      "summarise",
      "reference",
      `no rows with ${keys[0]} = ${JSON.stringify(options.reference)}`,
    );
  }
  const out = [...groups.values()].map(({ key, values }) => {
    const row: Record<string, unknown> = {};
    keys.forEach((k, i) => row[k] = key[i]);
    const { n, mean, sd, lo, hi } = meanCI(values);
    Object.assign(row, { n, mean, sd, lo, hi });
    if (hasRef) {
      const ref = groups.get(JSON.stringify([options.reference, ...key.slice(1)]));
      Object.assign(
        row,
        ref ? contrast(values, ref.values) : { diff: NaN, diffLo: NaN, diffHi: NaN, d: NaN },
      );
    }
    return row;
  });
  return aq.from(out);
}
