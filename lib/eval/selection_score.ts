/**
 * Scoring of the selection protocol: hits per user, the overlap ratio
 * Σ_u |S_u ∩ T_u| / Σ_u |T_u|, and the Table-3-shaped summary (rows = brains, columns =
 * (a, b)) with a mean and a 95% interval over seeds.
 *
 * @module
 */
import { meanCI } from "../core/stats.ts";
import { PAPER_PAIRS, PAPER_TABLE3 } from "./paper.ts";

/** One user's outcome for one brain, seed and (a, b). */
export interface SelectionRow {
  seed: number;
  a: number;
  b: number;
  /** Selector id. */
  brain: string;
  /** Table row label. */
  label: string;
  userId: string;
  /** |S ∩ T|. */
  hits: number;
  /** |T|. */
  truth: number;
  calls: number;
  tokens: number;
  failure: string | null;
}

/** One cell of the table. */
export interface SelectionCell {
  brain: string;
  label: string;
  a: number;
  b: number;
  /** "(a,b)". */
  pair: string;
  /** Mean overlap ratio over seeds. */
  mean: number;
  lo: number;
  hi: number;
  /** Seeds. */
  n: number;
  /** Users × seeds scored. */
  users: number;
  /** Users whose pick needed a fill-in or failed. */
  failures: number;
}

/**
 * |picked ∩ truth|, counting each truth item once.
 *
 * @param picked The selector's picks.
 * @param truth The ground truth.
 * @returns The number of hits.
 *
 * @example
 * ```ts
 * import { hits } from "@lib/eval/selection_score.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hits(["a", "b", "c"], ["c", "a", "z"]), 2);
 * ```
 */
export function hits(picked: readonly string[], truth: readonly string[]): number {
  const p = new Set(picked);
  return [...new Set(truth)].filter((t) => p.has(t)).length;
}

/**
 * The overlap ratio Σ_u |S_u ∩ T_u| / Σ_u |T_u| (a pooled ratio, not a mean of ratios).
 *
 * @param rows Per-user hits and truth sizes.
 * @returns The ratio (NaN when there is no truth at all).
 *
 * @example Pooled over users
 * ```ts
 * import { overlapRatio } from "@lib/eval/selection_score.ts";
 * import assert from "node:assert/strict";
 * assert.equal(overlapRatio([{ hits: 1, truth: 1 }, { hits: 1, truth: 3 }]), 0.5);
 * ```
 */
export function overlapRatio(rows: readonly { hits: number; truth: number }[]): number {
  const t = rows.reduce((s, r) => s + r.truth, 0);
  return t === 0 ? NaN : rows.reduce((s, r) => s + r.hits, 0) / t;
}

/**
 * Summarises rows into cells: the overlap ratio per seed, then its mean and 95% interval
 * (t-based, clipped to [0, 1]).
 *
 * @param rows Per-user rows.
 * @returns One cell per (brain, a, b), in the order first seen.
 */
export function selectionTable(rows: readonly SelectionRow[]): SelectionCell[] {
  const groups = new Map<string, SelectionRow[]>();
  for (const r of rows) {
    const k = `${r.brain}|${r.a}|${r.b}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const seeds = [...new Set(g.map((r) => r.seed))];
    const ci = meanCI(seeds.map((s) => overlapRatio(g.filter((r) => r.seed === s))));
    const { brain, label, a, b } = g[0];
    return {
      brain,
      label,
      a,
      b,
      pair: `(${a},${b})`,
      mean: ci.mean,
      // A ratio lives in [0, 1]; the normal interval is clipped to it.
      lo: Math.max(0, ci.lo),
      hi: Math.min(1, ci.hi),
      n: ci.n,
      users: g.length,
      failures: g.filter((r) => r.failure !== null).length,
    };
  });
}

/** A row of the paper's Table 3 in the cells' shape (no interval). */
export function paperCells(): SelectionCell[] {
  return Object.entries(PAPER_TABLE3).flatMap(([name, values]) =>
    PAPER_PAIRS.map(([a, b], i) => ({
      brain: `paper:${name}`,
      label: `${name} (paper)`,
      a,
      b,
      pair: `(${a},${b})`,
      mean: values[i],
      lo: values[i],
      hi: values[i],
      n: 0,
      users: 20,
      failures: 0,
    }))
  );
}

/**
 * The table as text: rows = brains, columns = (a, b), "mean [lo, hi]"; the paper's rows
 * follow, labelled as the paper's.
 *
 * @param cells Measured cells.
 * @param withPaper Append the paper's rows (default true).
 * @returns A fixed-width table.
 */
export function formatSelectionTable(cells: readonly SelectionCell[], withPaper = true): string {
  const pairs = [...new Set(cells.map((c) => c.pair))];
  const all = withPaper ? [...cells, ...paperCells().filter((c) => pairs.includes(c.pair))] : cells;
  const labels = [...new Set(all.map((c) => c.label))];
  const cell = (label: string, pair: string) => {
    const c = all.find((x) => x.label === label && x.pair === pair);
    if (!c) return "";
    if (c.n === 0 || c.n === 1 || c.lo === c.hi) return c.mean.toFixed(2);
    return `${c.mean.toFixed(2)} [${c.lo.toFixed(2)}, ${c.hi.toFixed(2)}]`;
  };
  const rows = [["", ...pairs], ...labels.map((l) => [l, ...pairs.map((p) => cell(l, p))])];
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) =>
    r.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j])))
      .join("  ")
  ).join("\n");
}
