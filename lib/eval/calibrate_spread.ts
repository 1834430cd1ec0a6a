/**
 * Calibration of the rule brain to a real cascade by seeded random search: draw parameter sets
 * uniformly from ranges, simulate each on the same graph, seeds and replicate seeds, and keep
 * the set whose scale, depth and max-breadth curves fit the real ones best. The score is
 * size-aware by default (mean NRMSE: RMSE / real maximum); MSED on [0, 1]-rescaled curves can
 * be asked for, but it ignores size and picks cascades of 4 users or of the whole graph as
 * readily as ones of the right size, so it should not be calibrated on alone. The defaults are
 * always the first candidate, so the result never fits worse than them. A real cascade larger
 * than the graph is an error, since no parameter could fit it. For calibrating on a whole set
 * of cascades and scoring on held-out ones, see lib/eval/cascades.ts.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import { CASCADE_MEASURES, cascadeCurves, curveFit } from "@lib/metrics/cascade_compare.ts";
import { type InboxCsr, inboxCsr } from "@lib/social/spread/csr.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "@lib/social/spread/params.ts";
import { simulateRule } from "@lib/social/spread/rule_sim.ts";
import type { SeedEventInput } from "@lib/social/spread/types.ts";
import { timeGrid } from "@lib/metrics/curves.ts";

/** Numeric parameters a search can vary, each with a [min, max] range. */
export type SearchSpace = Partial<
  Record<
    | "shareBase"
    | "emotionGain"
    | "agreementWeight"
    | "contagion"
    | "emotionDecay"
    | "calmRate"
    | "feedDecay"
    | "confidence"
    | "convergence",
    [number, number]
  >
>;

/** What a fit is scored on. */
export interface FitSetup {
  /** The graph the simulation runs on. */
  graph: SocialGraph;
  /** The injected event. */
  event: SeedEventInput;
  /** Steps per run. */
  steps: number;
  /** Minutes per step (maps steps onto the real cascade's clock). */
  stepMinutes: number;
  /** The compared window in minutes. */
  windowMin: number;
  /** Grid points (default 20). */
  points?: number;
  /** Replicate seeds averaged per candidate (default [1, 2, 3]). */
  seeds?: readonly (number | string)[];
  /** Parameters not searched (defaults filled). */
  base?: RuleParamsInput;
  /** A prebuilt inbox CSR of the graph. */
  csr?: InboxCsr;
  /** Score: mean NRMSE (default, size-aware) or mean MSED (shape only; ignores size). */
  objective?: "nrmse" | "msed";
}

/**
 * Mean NRMSE (or MSED, when asked) between a real cascade and the replicate-averaged
 * simulated curves.
 *
 * @param setup Graph, event, clock and replicates.
 * @param params Rule parameters.
 * @param real Real spreading edges (minutes).
 * @returns Mean over scale, depth and max breadth (lower is better; a measure whose real curve
 *   stays 0 is left out of the NRMSE mean).
 * @throws DataError when the real cascade reaches more users than the graph has.
 */
export function fitScore(
  setup: FitSetup,
  params: RuleParamsInput,
  real: readonly CascadeEdge[],
): number {
  const points = setup.points ?? 20;
  const grid = timeGrid(0, setup.windowMin, setup.windowMin / (points - 1)).slice(0, points);
  const csr = setup.csr ?? inboxCsr(setup.graph);
  const seeds = setup.seeds ?? [1, 2, 3];
  const realCurves = cascadeCurves(real, grid, 1);
  const realScale = realCurves.scale[points - 1];
  if (realScale > setup.graph.nodeCount) {
    throw new DataError(
      "calibration",
      0,
      `expected a graph at least as large as the cascade, found ${setup.graph.nodeCount} accounts < ${realScale} users`,
    );
  }
  const sum = {
    scale: new Array(points).fill(0),
    depth: new Array(points).fill(0),
    maxBreadth: new Array(points).fill(0),
  };
  for (const seed of seeds) {
    const run = simulateRule(setup.graph, {
      csr,
      event: setup.event,
      steps: setup.steps,
      seed,
      log: false,
      params: { ...setup.base, ...params, stepMinutes: setup.stepMinutes },
    });
    const c = cascadeCurves(run.cascade, grid, setup.stepMinutes);
    for (const m of CASCADE_MEASURES) {
      for (let k = 0; k < points; k++) sum[m][k] += c[m][k] / seeds.length;
    }
  }
  let total = 0, count = 0;
  for (const m of CASCADE_MEASURES) {
    const fit = curveFit(realCurves[m], sum[m]);
    const v = setup.objective === "msed" ? fit.msed : fit.nrmse;
    if (Number.isFinite(v)) {
      total += v;
      count++;
    }
  }
  return count ? total / count : NaN;
}

/** One evaluated candidate. */
export interface Trial {
  params: RuleParams;
  score: number;
}

/** The outcome of a search. */
export interface Calibration {
  /** The best parameters found. */
  best: RuleParams;
  bestScore: number;
  /** Score of the base (default) parameters. */
  baseScore: number;
  /** Every candidate, in the order drawn (the base first). */
  trials: Trial[];
}

/**
 * Random search over `space`.
 *
 * @param setup Graph, event, clock and replicates.
 * @param real The training cascade.
 * @param options Ranges, number of random candidates, seed.
 * @returns The best parameters and every trial.
 */
export function calibrate(
  setup: FitSetup,
  real: readonly CascadeEdge[],
  options: { space: SearchSpace; trials: number; seed: number | string },
): Calibration {
  const shared = { ...setup, csr: setup.csr ?? inboxCsr(setup.graph) };
  const rng = new Rng(`calibrate:${options.seed}`);
  const base = ruleParams({ ...setup.base, stepMinutes: setup.stepMinutes });
  const trials: Trial[] = [{ params: base, score: fitScore(shared, base, real) }];
  const keys = Object.keys(options.space).sort() as (keyof SearchSpace)[];
  for (let k = 0; k < options.trials; k++) {
    const draw: Record<string, number> = {};
    for (const key of keys) {
      const [lo, hi] = options.space[key]!;
      draw[key] = rng.uniform(lo, hi);
    }
    const params = ruleParams({ ...base, ...draw });
    trials.push({ params, score: fitScore(shared, params, real) });
  }
  let best = trials[0];
  for (const t of trials) if (t.score < best.score) best = t;
  return { best: best.params, bestScore: best.score, baseScore: trials[0].score, trials };
}
