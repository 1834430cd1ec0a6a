/**
 * Propagation checked against real cascades held out from calibration. The cascades are split
 * by a seeded shuffle; the rule brain, IC and LT are each calibrated on the whole calibration
 * set with the same size-aware objective (the mean of the NRMSEs of scale, depth and max
 * breadth over time); then every held-out cascade is predicted from what is observable at its
 * start (its root on the graph and its first minutes) and scored per measure. Two trivial
 * baselines sit beside them: the plain mean of the calibration curves, and the observed
 * prefix held flat (what a model that adds nothing after the cut would score).
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { meanCI } from "@lib/core/stats.ts";
import { cascadeShape } from "@lib/metrics/cascade.ts";
import { quantile } from "@lib/metrics/descriptive.ts";
import { bootstrapCI } from "@lib/metrics/replicates.ts";
import {
  CASCADE_MEASURES,
  type CascadeCurves,
  cascadeCurves,
} from "@lib/metrics/cascade_compare.ts";
import type { TwitterCascade } from "@lib/eval/twitter_tree.ts";
import { placePrefix, readerCsr } from "./cascades_prefix.ts";
import {
  type CascadeError,
  cascadeError,
  type FitCase,
  gridSearch,
  icPredictor,
  ltPredictor,
  predictCurves,
  type Predictor,
  prefixOnly,
  rulePredictor,
  type RuleSpace,
  searchRule,
  type SpreadSetup,
} from "./cascades_models.ts";

/** A cascade with where it came from and, when known, its root's account on the graph. */
export interface EvalCascade extends TwitterCascade {
  /** "twitter15", "twitter16", or the folder it was read from. */
  source: string;
  /** The root's user id, when known. */
  rootUser?: string;
}

/** Options of {@link evaluateCascades}. */
export interface CascadeEvalOptions {
  /** Share of cascades used for calibration (default 0.5). */
  split?: number;
  /** Seed of the split, the placements and the searches (default 1). */
  seed?: number | string;
  /** Random candidates of the rule brain's search (default 24). */
  trials?: number;
  /**
   * Ranges the rule brain's search draws from (default: `RULE_SPACE` of cascades_models.ts); a range [x, x] holds
   * a parameter at x, for an ablation of the mechanism it sets.
   */
  ruleSpace?: RuleSpace;
  /** IC edge probabilities tried. */
  icGrid?: readonly number[];
  /** LT weights tried. */
  ltGrid?: readonly number[];
  /** Grid points over the window (default 25). */
  points?: number;
  /** Progress lines. */
  onProgress?: (message: string) => void;
}

/** Median and mean of one measure's NRMSE over held-out cascades, with 95% intervals. */
export interface MeasureSummary {
  median: number;
  medianLo: number;
  medianHi: number;
  mean: number;
  meanLo: number;
  meanHi: number;
}

/** One model's held-out result. */
export interface ModelResult {
  name: string;
  /** What was calibrated, in words. */
  fitted: string;
  /** Calibration objective at the chosen parameters. */
  calibrationScore: number;
  /** One summary per measure. */
  summary: Record<(typeof CASCADE_MEASURES)[number], MeasureSummary>;
  /** Per held-out cascade errors, in held-out order. */
  errors: CascadeError[];
}

/** The whole comparison. */
export interface CascadeEvaluation {
  calibration: string[];
  heldout: string[];
  models: ModelResult[];
  /** Real final scale and depth of the held-out cascades (within the window). */
  heldoutShapes: { id: string; scale: number; depth: number; maxBreadth: number }[];
  /** Real and predicted (replicate-averaged) curves of every held-out cascade, by model. */
  heldoutCurves: { id: string; real: CascadeCurves; models: Record<string, CascadeCurves> }[];
  /** Mean real curves of the calibration set (the mean-curve baseline). */
  meanCurve: CascadeCurves;
  /** The objective, in words. */
  objective: string;
}

/** Default IC edge probabilities. */
export const IC_GRID = [0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35, 0.5];
/** Default LT weights. */
export const LT_GRID = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 1];

const OBJECTIVE = "mean over calibration cascades of the mean of the NRMSEs (RMSE / real " +
  "maximum) of scale, depth and max breadth over the window";

/**
 * Checks that the graph can hold every cascade, so a calibration never runs on a graph that
 * cannot reach the real sizes.
 *
 * @param cascades The cascades.
 * @param accounts The graph's size.
 * @param graphName Its name, for the error.
 * @throws DataError naming the largest cascade that does not fit.
 */
export function assertGraphHolds(
  cascades: readonly EvalCascade[],
  accounts: number,
  graphName: string,
): void {
  for (const c of cascades) {
    const { scale } = cascadeShape(c.edges);
    if (scale > accounts) {
      throw new DataError(
        graphName,
        0,
        `expected at least as many accounts as the largest cascade, found ${accounts} < ${scale} users in ${c.source}/${c.sourceId}`,
      );
    }
  }
}

/**
 * Splits cascades into calibration and held-out sets by a seeded shuffle.
 *
 * @param cascades The cascades (any order; sorted by id first so the split is stable).
 * @param split Calibration share in (0, 1).
 * @param seed Seed.
 * @returns The two sets, each non-empty.
 * @throws RangeError when either set would be empty.
 *
 * @example
 * ```ts
 * import { splitCascades } from "@lib/eval/cascades.ts";
 * import assert from "node:assert/strict";
 * const cs = ["a", "b", "c", "d"].map((id) => ({ sourceId: id, source: "x", label: null, edges: [], report: {} as never }));
 * const { calibration, heldout } = splitCascades(cs, 0.5, 1);
 * assert.equal(calibration.length, 2);
 * assert.deepEqual(splitCascades(cs, 0.5, 1).heldout, heldout);
 * ```
 */
export function splitCascades<T extends { source: string; sourceId: string }>(
  cascades: readonly T[],
  split: number,
  seed: number | string,
): { calibration: T[]; heldout: T[] } {
  const key = (c: T) => `${c.source}/${c.sourceId}`;
  const sorted = cascades.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const shuffled = new Rng(`split:${seed}`).shuffle(sorted);
  const k = Math.round(split * shuffled.length);
  if (k < 1 || k >= shuffled.length) {
    throw new RangeError(
      `a split of ${split} over ${cascades.length} cascades leaves an empty calibration or held-out set`,
    );
  }
  return { calibration: shuffled.slice(0, k), heldout: shuffled.slice(k) };
}

const median = (xs: readonly number[]) => quantile(xs, 0.5);

function summarise(xs: readonly number[], rng: Rng): MeasureSummary {
  const v = xs.filter((x) => Number.isFinite(x));
  const med = bootstrapCI(v, { rng, statistic: median, iterations: 1000 });
  const m = meanCI(v);
  return {
    median: med.estimate,
    medianLo: med.lo,
    medianHi: med.hi,
    mean: m.mean,
    meanLo: m.lo,
    meanHi: m.hi,
  };
}

function modelResult(
  name: string,
  fitted: string,
  calibrationScore: number,
  errors: CascadeError[],
  seed: number | string,
): ModelResult {
  const summary = {} as ModelResult["summary"];
  for (const m of CASCADE_MEASURES) {
    summary[m] = summarise(errors.map((e) => e[m]), new Rng(`ci:${seed}:${name}:${m}`));
  }
  return { name, fitted, calibrationScore, summary, errors };
}

/**
 * Runs the held-out comparison.
 *
 * @param setup Graph, clock, grid and replicate seeds ({@link SpreadSetup}; its grid is
 *   replaced by `points` times over the window).
 * @param cascades Real cascades, already cut to the window.
 * @param options Split, seed, search budgets.
 * @returns Per-model summaries and per-cascade errors.
 */
export function evaluateCascades(
  setup: Omit<SpreadSetup, "grid">,
  cascades: readonly EvalCascade[],
  options: CascadeEvalOptions = {},
): CascadeEvaluation {
  const seed = options.seed ?? 1;
  const points = options.points ?? 25;
  const grid = Array.from({ length: points }, (_, k) => (setup.windowMin * k) / (points - 1));
  const full: SpreadSetup = { ...setup, grid };
  const say = options.onProgress ?? (() => {});
  const { calibration, heldout } = splitCascades(cascades, options.split ?? 0.5, seed);
  const readers = readerCsr(setup.csr);
  const cut = Math.floor(setup.prefixMin / setup.stepMin) * setup.stepMin;
  const toCase = (c: EvalCascade): FitCase => ({
    prefix: placePrefix(setup.csr, readers, c.edges, {
      cutMin: cut,
      rootUser: c.rootUser,
      seed,
      name: `${c.source}/${c.sourceId}`,
    }),
    real: cascadeCurves(c.edges, grid, 1),
  });
  const calCases = calibration.map(toCase), heldCases = heldout.map(toCase);

  say(`calibrating the rule brain on ${calCases.length} cascades`);
  const rule = searchRule(full, calCases, {
    trials: options.trials ?? 24,
    seed,
    space: options.ruleSpace,
  });
  say("calibrating IC");
  const ic = gridSearch(full, calCases, icPredictor, options.icGrid ?? IC_GRID);
  say("calibrating LT");
  const lt = gridSearch(full, calCases, ltPredictor, options.ltGrid ?? LT_GRID);

  const meanCurve: CascadeCurves = { minutes: grid.slice(), scale: [], depth: [], maxBreadth: [] };
  for (const m of CASCADE_MEASURES) {
    meanCurve[m] = grid.map((_, k) =>
      calCases.reduce((s, c) => s + c.real[m][k], 0) / calCases.length
    );
  }
  const curves = heldCases.map((c) => ({
    real: c.real,
    models: {} as Record<string, CascadeCurves>,
  }));
  const held = (name: string, predict: Predictor) =>
    heldCases.map((c, k) => {
      const sim = predictCurves(full, c.prefix, predict);
      curves[k].models[name] = sim;
      return cascadeError(c.real, sim);
    });
  say(`predicting ${heldCases.length} held-out cascades`);
  const fmt = (x: number) => Number(x.toPrecision(3));
  const ruleFitted =
    Object.entries(rule.best).map(([k, v]) => `${k}=${fmt(v as number)}`).join(", ") ||
    "defaults";
  const models = [
    modelResult(
      "rule",
      `rule brain (${ruleFitted})`,
      rule.score,
      held("rule", rulePredictor(rule.best)),
      seed,
    ),
    modelResult("ic", `IC (p=${ic.best})`, ic.score, held("ic", icPredictor(ic.best)), seed),
    modelResult("lt", `LT (weight=${lt.best})`, lt.score, held("lt", ltPredictor(lt.best)), seed),
    modelResult(
      "prefix_only",
      "the observed prefix, no growth after it",
      NaN,
      held("prefix_only", prefixOnly),
      seed,
    ),
    modelResult(
      "mean_curve",
      "mean of the calibration curves",
      NaN,
      heldCases.map((c, k) => {
        curves[k].models.mean_curve = meanCurve;
        return cascadeError(c.real, meanCurve);
      }),
      seed,
    ),
  ];
  return {
    calibration: calibration.map((c) => `${c.source}/${c.sourceId}`),
    heldout: heldout.map((c) => `${c.source}/${c.sourceId}`),
    models,
    heldoutShapes: heldout.map((c) => ({
      id: `${c.source}/${c.sourceId}`,
      ...cascadeShape(c.edges),
    })),
    heldoutCurves: heldout.map((c, k) => ({ id: `${c.source}/${c.sourceId}`, ...curves[k] })),
    meanCurve,
    objective: OBJECTIVE,
  };
}

/**
 * The evaluation as the JSON written to `cascades.json`.
 *
 * @param e The evaluation.
 * @param extra Settings to record beside it (graph, window, step, prefix, seeds).
 * @returns `{ models: { name: { scale_nrmse_median, ... } }, n_calibration, n_heldout, ... }`.
 */
export function cascadesJson(e: CascadeEvaluation, extra: Record<string, unknown> = {}) {
  const models: Record<string, Record<string, number | string>> = {};
  const short = { scale: "scale", depth: "depth", maxBreadth: "breadth" } as const;
  for (const m of e.models) {
    const row: Record<string, number | string> = { fitted: m.fitted };
    if (Number.isFinite(m.calibrationScore)) row.calibration_objective = m.calibrationScore;
    for (const k of CASCADE_MEASURES) {
      const s = m.summary[k], p = `${short[k]}_nrmse`;
      Object.assign(row, {
        [`${p}_median`]: s.median,
        [`${p}_median_lo`]: s.medianLo,
        [`${p}_median_hi`]: s.medianHi,
        [`${p}_mean`]: s.mean,
        [`${p}_mean_lo`]: s.meanLo,
        [`${p}_mean_hi`]: s.meanHi,
      });
    }
    models[m.name] = row;
  }
  return {
    models,
    n_calibration: e.calibration.length,
    n_heldout: e.heldout.length,
    objective: e.objective,
    ...extra,
    calibration: e.calibration,
    heldout: e.heldoutShapes,
  };
}

/**
 * The held-out table as text: one row per model, median and mean NRMSE with 95% intervals.
 *
 * @param e The evaluation.
 * @returns Aligned lines.
 */
export function formatCascadeTable(e: CascadeEvaluation): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "  -  ");
  const cell = (s: MeasureSummary) =>
    `${f(s.median)} [${f(s.medianLo)}, ${f(s.medianHi)}]  ${f(s.mean)} [${f(s.meanLo)}, ${
      f(s.meanHi)
    }]`;
  const head = "model       " +
    CASCADE_MEASURES.map((m) => `${m} median [95%]  mean [95%]`.padEnd(44)).join("");
  const rows = e.models.map((m) =>
    m.name.padEnd(12) + CASCADE_MEASURES.map((k) => cell(m.summary[k]).padEnd(44)).join("")
  );
  return [head, ...rows].join("\n");
}
