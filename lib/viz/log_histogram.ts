/**
 * A density histogram in log-spaced bins on log–log axes, with an optional model density
 * drawn over it: the standard view of heavy-tailed data such as activity levels.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "./figure.ts";

/** One log-spaced bin. */
export interface LogBin {
  /** Lower edge. */
  x0: number;
  /** Upper edge. */
  x1: number;
  /** Geometric centre. */
  x: number;
  /** Samples in the bin. */
  count: number;
  /** Empirical density: count / (n · width). */
  density: number;
  /** Model density at the centre, when a model is given. */
  model?: number;
}

/** Options of {@link logHistogram}. */
export interface LogHistogramOptions {
  /** Figure file stem. */
  name: string;
  /** Bins per decade (default 8). */
  binsPerDecade?: number;
  /** Model density to overlay. */
  model?: (x: number) => number;
  /** Label of the model line (legend text). */
  modelLabel?: string;
  /** x axis label (include units). */
  xLabel?: string;
  /** Title. */
  title?: string;
  /** Write the files (default true). */
  save?: boolean;
}

/**
 * Computes log-spaced density bins.
 *
 * @param xs Positive samples.
 * @param binsPerDecade Bins per factor of ten.
 * @param model Optional model density evaluated at bin centres.
 * @returns Non-empty bins.
 *
 * @example Densities integrate to one
 * ```ts
 * import { logBins } from "@lib/viz/log_histogram.ts";
 * import assert from "node:assert/strict";
 * const bins = logBins([1, 2, 3, 10, 100], 4);
 * const mass = bins.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0);
 * assert.ok(Math.abs(mass - 1) < 1e-9);
 * ```
 */
export function logBins(
  xs: readonly number[],
  binsPerDecade = 8,
  model?: (x: number) => number,
): LogBin[] {
  const positive = xs.filter((x) => x > 0);
  if (positive.length === 0) return [];
  const lo = Math.log10(Math.min(...positive));
  const hi = Math.log10(Math.max(...positive));
  const k = Math.max(1, Math.ceil((hi - lo) * binsPerDecade + 1e-9));
  const width = (hi - lo) / k || 1;
  const counts = new Array<number>(k).fill(0);
  for (const x of positive) counts[Math.min(k - 1, Math.floor((Math.log10(x) - lo) / width))]++;
  const bins: LogBin[] = [];
  for (let i = 0; i < k; i++) {
    if (counts[i] === 0) continue;
    const x0 = 10 ** (lo + i * width), x1 = 10 ** (lo + (i + 1) * width);
    const x = Math.sqrt(x0 * x1);
    const bin: LogBin = {
      x0,
      x1,
      x,
      count: counts[i],
      density: counts[i] / (positive.length * (x1 - x0)),
    };
    if (model) bin.model = model(x);
    bins.push(bin);
  }
  return bins;
}

/**
 * Plots a log-binned density histogram with an optional model curve and exports it.
 *
 * @param xs Positive samples.
 * @param options Name, binning, model and labels.
 * @returns The figure and the bins behind it.
 */
export function logHistogram(
  xs: readonly number[],
  options: LogHistogramOptions,
): { figure: Figure; bins: LogBin[] } {
  const bins = logBins(xs, options.binsPerDecade ?? 8, options.model);
  // Log axes have no zero: bars start a little below the smallest density shown.
  const floor = Math.min(...bins.flatMap((b) => [b.density, b.model ?? Infinity])) / 2;
  const marks: Plot.Markish[] = [
    Plot.rect(bins, { x1: "x0", x2: "x1", y1: floor, y2: "density", fill: "#9bb7d4", inset: 0.5 }),
    Plot.dot(bins, { x: "x", y: "density", r: 2, fill: "#2b5d8a" }),
  ];
  if (options.model) {
    marks.push(
      Plot.line(bins, { x: "x", y: "model", stroke: "#d1495b", strokeWidth: 2 }),
      Plot.text(bins.slice(0, 1), {
        x: "x",
        y: "model",
        text: () => options.modelLabel ?? "model",
        dx: 8,
        dy: -8,
        textAnchor: "start",
        fill: "#d1495b",
      }),
    );
  }
  const fig = figure(options.name, {
    title: options.title,
    width: 640,
    height: 400,
    marginLeft: 60,
    x: { type: "log", label: options.xLabel ?? "value", grid: true },
    y: { type: "log", label: "density (per unit of x)", grid: true, tickFormat: ".0e" },
    marks,
  }, { data: bins, save: options.save });
  return { figure: fig, bins };
}
