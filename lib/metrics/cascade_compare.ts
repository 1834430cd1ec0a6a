/**
 * Comparing a simulated cascade with a real one: scale, depth and max-breadth curves on a
 * common time grid in minutes, scored by normalised RMSE (RMSE / real max, as OASIS reports),
 * S3's MSED on [0, 1]-normalised curves and Pearson correlation (all from lib/metrics).
 * MSED and correlation ignore size (a cascade ten times too large can score perfectly);
 * NRMSE does not, and is what calibration uses.
 *
 * @module
 */
import { type CascadeEdge, cascadeOverTime } from "@lib/metrics/cascade.ts";
import { msed, nrmse, pearson, timeGrid } from "@lib/metrics/curves.ts";

/** The three cascade measures. */
export const CASCADE_MEASURES = ["scale", "depth", "maxBreadth"] as const;

/** One of {@link CASCADE_MEASURES}. */
export type CascadeMeasure = (typeof CASCADE_MEASURES)[number];

/** Fit of one simulated curve to a real one. */
export interface CurveFit {
  /** RMSE / max of the real curve. */
  nrmse: number;
  /** Mean squared error of the min-max normalised curves. */
  msed: number;
  /** Pearson correlation. */
  pearson: number;
}

/**
 * @param real Real curve.
 * @param sim Simulated curve on the same grid.
 * @returns NRMSE, MSED and Pearson's r.
 *
 * @example
 * ```ts
 * import { curveFit } from "@lib/metrics/cascade_compare.ts";
 * import assert from "node:assert/strict";
 * const f = curveFit([0, 5, 10], [0, 5, 7]);
 * assert.equal(f.nrmse, Math.sqrt(3) / 10);
 * assert.equal(f.msed, (0.5 - 5 / 7) ** 2 / 3);
 * ```
 */
export function curveFit(real: readonly number[], sim: readonly number[]): CurveFit {
  return { nrmse: nrmse(real, sim), msed: msed(real, sim), pearson: pearson(real, sim) };
}

/** Curves of one cascade on a grid. */
export interface CascadeCurves {
  /** Grid times in minutes. */
  minutes: number[];
  scale: number[];
  depth: number[];
  maxBreadth: number[];
}

/**
 * Scale, depth and max breadth of a cascade at each grid time.
 *
 * @param edges Spreading edges with times in the cascade's own unit.
 * @param minutes Grid in minutes.
 * @param minutesPerUnit Minutes per unit of edge time (1 for real trees, step length for runs).
 * @returns The curves.
 */
export function cascadeCurves(
  edges: readonly CascadeEdge[],
  minutes: readonly number[],
  minutesPerUnit = 1,
): CascadeCurves {
  const rows = cascadeOverTime(edges as CascadeEdge[], minutes.map((m) => m / minutesPerUnit));
  return {
    minutes: minutes.slice(),
    scale: rows.map((r) => r.scale),
    depth: rows.map((r) => r.depth),
    maxBreadth: rows.map((r) => r.maxBreadth),
  };
}

/** Options of {@link compareCascades}. */
export interface CompareOptions {
  /** Length of the compared window in minutes. */
  windowMin: number;
  /** Grid points (default 25). */
  points?: number;
  /** Minutes per simulation step. */
  stepMinutes: number;
}

/** A real-vs-simulated comparison. */
export interface CascadeComparison {
  real: CascadeCurves;
  sim: CascadeCurves;
  /** One fit per measure. */
  fits: Record<CascadeMeasure, CurveFit>;
}

/**
 * Compares a simulated cascade (times in steps) with a real one (times in minutes) on a common
 * grid of `points` times over [0, windowMin].
 *
 * @param real Real spreading edges (minutes).
 * @param sim Simulated spreading edges (steps).
 * @param options Window, grid size, step length.
 * @returns Curves and fits.
 *
 * @example A simulated copy of the real cascade fits perfectly
 * ```ts
 * import { compareCascades } from "@lib/metrics/cascade_compare.ts";
 * import assert from "node:assert/strict";
 * const real = [{ parent: null, child: "r", time: 0 }, { parent: "r", child: "a", time: 60 }, { parent: "a", child: "b", time: 120 }];
 * const sim = real.map((e) => ({ ...e, time: e.time / 60 }));
 * const c = compareCascades(real, sim, { windowMin: 180, points: 4, stepMinutes: 60 });
 * assert.equal(c.fits.scale.msed, 0);
 * assert.equal(c.fits.depth.pearson, 1);
 * ```
 */
export function compareCascades(
  real: readonly CascadeEdge[],
  sim: readonly CascadeEdge[],
  options: CompareOptions,
): CascadeComparison {
  const points = options.points ?? 25;
  const grid = timeGrid(0, options.windowMin, options.windowMin / (points - 1)).slice(0, points);
  const r = cascadeCurves(real, grid, 1);
  const s = cascadeCurves(sim, grid, options.stepMinutes);
  const fits = {} as Record<CascadeMeasure, CurveFit>;
  for (const m of CASCADE_MEASURES) fits[m] = curveFit(r[m], s[m]);
  return { real: r, sim: s, fits };
}
