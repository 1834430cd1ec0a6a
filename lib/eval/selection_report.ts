/**
 * Outputs of the selection protocol: CSV tables, a JSON file with settings and cells, and a
 * Plot figure with the measured intervals next to the paper's numbers (hollow marks,
 * labelled as the paper's).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { formatCsv } from "../core/csv.ts";
import { type Figure, figure } from "../viz/figure.ts";
import type { SelectionResult } from "./selection_run.ts";
import { paperCells, type SelectionCell } from "./selection_score.ts";

/**
 * Plot options of the Table 3 figure: one panel per (a, b), overlap ratio per brain with its
 * 95% interval over seeds, and the paper's rows as hollow diamonds.
 *
 * @param cells Measured cells.
 * @returns Plot options.
 */
export function selectionPlot(cells: readonly SelectionCell[]): Plot.PlotOptions {
  const pairs = [...new Set(cells.map((c) => c.pair))];
  const paper = paperCells().filter((c) => pairs.includes(c.pair));
  const measured = cells.map((c) => ({ ...c, source: "Socius (measured, 95% CI over seeds)" }));
  const reported = paper.map((c) => ({ ...c, source: "paper (reported)" }));
  return {
    title: "Selection accuracy (Table 3): overlap ratio Σ|S∩T| / Σ|T|",
    fx: { label: "(a ground-truth items, b negatives)", domain: pairs },
    y: { label: "brain", domain: [...new Set([...measured, ...reported].map((c) => c.label))] },
    x: { label: "overlap ratio (fraction of ground truth picked)", domain: [0, 1], grid: true },
    color: { legend: true, domain: ["Socius (measured, 95% CI over seeds)", "paper (reported)"] },
    marginLeft: 190,
    width: 960,
    marks: [
      Plot.ruleY(measured, { fx: "pair", y: "label", x1: "lo", x2: "hi", stroke: "source" }),
      Plot.dot(measured, { fx: "pair", y: "label", x: "mean", fill: "source", r: 4 }),
      Plot.dot(reported, {
        fx: "pair",
        y: "label",
        x: "mean",
        stroke: "source",
        symbol: "diamond",
        r: 5,
      }),
    ],
  };
}

/**
 * The cells as CSV (brain, label, a, b, mean, lo, hi, seeds, users, failures), paper rows
 * included with source "paper".
 *
 * @param cells Measured cells.
 * @returns CSV text.
 */
export function selectionCsv(cells: readonly SelectionCell[]): string {
  const pairs = new Set(cells.map((c) => c.pair));
  const rows = [
    ...cells.map((c) => ["socius", c]),
    ...paperCells().filter((c) => pairs.has(c.pair)).map((c) => ["paper", c]),
  ] as [string, SelectionCell][];
  return formatCsv([
    ["source", "brain", "label", "a", "b", "mean", "lo", "hi", "seeds", "users", "failures"],
    ...rows.map(([src, c]) => [
      src,
      c.brain,
      c.label,
      String(c.a),
      String(c.b),
      c.mean.toFixed(4),
      c.lo.toFixed(4),
      c.hi.toFixed(4),
      String(c.n),
      String(c.users),
      String(c.failures),
    ]),
  ]);
}

/**
 * Writes table.csv, rows.csv, result.json and the figure (selection_accuracy.svg/.json).
 *
 * @param result The run's result.
 * @param dir Output folder (created).
 * @returns The figure (for display) and the files written.
 */
export async function writeSelection(
  result: SelectionResult,
  dir: string,
): Promise<{ figure: Figure; files: string[] }> {
  await Deno.mkdir(dir, { recursive: true });
  const files = [`${dir}/table.csv`, `${dir}/rows.csv`, `${dir}/result.json`];
  await Deno.writeTextFile(files[0], selectionCsv(result.cells));
  const keys = ["seed", "a", "b", "brain", "userId", "hits", "truth", "calls", "tokens", "failure"];
  await Deno.writeTextFile(
    files[1],
    formatCsv([
      keys,
      ...result.rows.map((r) => keys.map((k) => String(r[k as keyof typeof r] ?? ""))),
    ]),
  );
  await Deno.writeTextFile(
    files[2],
    JSON.stringify(
      { settings: result.settings, cells: result.cells, fit: result.fit, paper: paperCells() },
      null,
      1,
    ),
  );
  const fig = figure("selection_accuracy", selectionPlot(result.cells), {
    dir,
    data: { cells: result.cells, paper: paperCells() },
  });
  return { figure: fig, files: [...files, ...fig.files] };
}
