/**
 * The spreading models a real cascade is predicted with, all run the same way: the observed
 * prefix is placed on the graph, every placed account posts at the cut, the model runs one
 * step per `stepMin` minutes to the end of the window, and the result is the prefix plus the
 * model's new edges, in minutes. Each model has its own free parameters and a search over
 * them; the score they are searched on is the size-aware one of {@link cascadeError}.
 *
 * @module
 */
import { Rng } from "@lib/core/rng.ts";
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import { independentCascade, linearThreshold } from "@lib/social/spread/baselines.ts";
import {
  CASCADE_MEASURES,
  type CascadeCurves,
  cascadeCurves,
} from "@lib/metrics/cascade_compare.ts";
import type { InboxCsr } from "@lib/social/spread/csr.ts";
import { ruleParams, type RuleParamsInput } from "@lib/social/spread/params.ts";
import { simulateRule } from "@lib/social/spread/rule_sim.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import { nrmse } from "@lib/metrics/curves.ts";
import type { PlacedPrefix } from "./cascades_prefix.ts";

/** The shared clock and graph of every model run. */
export interface SpreadSetup {
  graph: SocialGraph;
  csr: InboxCsr;
  /** Compared window in minutes. */
  windowMin: number;
  /** Minutes per model step. */
  stepMin: number;
  /** Minutes observed before the models take over (rounded down to whole steps). */
  prefixMin: number;
  /** Grid times in minutes where curves are compared. */
  grid: number[];
  /** Replicate seeds averaged per prediction. */
  seeds: readonly number[];
}

/** A model with its parameters fixed: predicts one replicate from a placed prefix. */
export type Predictor = (setup: SpreadSetup, prefix: PlacedPrefix, seed: number) => CascadeEdge[];

/** NRMSE of one prediction per measure (RMSE over the grid / real maximum). */
export interface CascadeError {
  scale: number;
  depth: number;
  maxBreadth: number;
}

/**
 * Size-aware error of predicted curves against real ones: NRMSE (RMSE / real maximum, the
 * OASIS measure) of scale, depth and max breadth. Unlike MSED on [0, 1]-rescaled curves, a
 * prediction ten times too large scores badly.
 *
 * @param real Real curves.
 * @param sim Predicted curves on the same grid.
 * @returns One NRMSE per measure.
 *
 * @example Same shape at twice the size is not a perfect fit
 * ```ts
 * import { cascadeError } from "@lib/eval/cascades_models.ts";
 * import assert from "node:assert/strict";
 * const real = { minutes: [0, 1], scale: [1, 10], depth: [0, 1], maxBreadth: [1, 9] };
 * const sim = { minutes: [0, 1], scale: [2, 20], depth: [0, 1], maxBreadth: [1, 9] };
 * const e = cascadeError(real, sim);
 * assert.ok(e.scale > 0.7);
 * assert.equal(e.depth, 0);
 * ```
 */
export function cascadeError(real: CascadeCurves, sim: CascadeCurves): CascadeError {
  return {
    scale: nrmse(real.scale, sim.scale),
    depth: nrmse(real.depth, sim.depth),
    maxBreadth: nrmse(real.maxBreadth, sim.maxBreadth),
  };
}

/**
 * The calibration objective: the mean of the three NRMSEs (scale, depth, max breadth).
 *
 * @param e Errors of one prediction.
 * @returns Their mean (a NaN measure, from a real curve that stays 0, is left out).
 */
export function objective(e: CascadeError): number {
  const xs = CASCADE_MEASURES.map((m) => e[m]).filter((x) => Number.isFinite(x));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/**
 * Replicate-averaged curves of a predictor on one placed prefix.
 *
 * @param setup Graph, clock, grid, seeds.
 * @param prefix The placed prefix.
 * @param predict The model.
 * @returns Curves averaged over the setup's seeds.
 */
export function predictCurves(
  setup: SpreadSetup,
  prefix: PlacedPrefix,
  predict: Predictor,
): CascadeCurves {
  const points = setup.grid.length;
  const sum = {
    scale: new Array(points).fill(0),
    depth: new Array(points).fill(0),
    maxBreadth: new Array(points).fill(0),
  };
  for (const seed of setup.seeds) {
    const c = cascadeCurves(predict(setup, prefix, seed), setup.grid, 1);
    for (const m of CASCADE_MEASURES) {
      for (let k = 0; k < points; k++) sum[m][k] += c[m][k] / setup.seeds.length;
    }
  }
  return { minutes: setup.grid.slice(), ...sum };
}

function cutStep(setup: SpreadSetup): number {
  return Math.floor(setup.prefixMin / setup.stepMin);
}

function continuation(
  setup: SpreadSetup,
  prefix: PlacedPrefix,
  edges: readonly CascadeEdge[],
): CascadeEdge[] {
  const t0 = cutStep(setup);
  const out = prefix.edges.slice();
  for (const e of edges) {
    if (e.parent !== null) out.push({ ...e, time: (t0 + e.time) * setup.stepMin });
  }
  return out;
}

/**
 * The rule brain (S3's dynamics) as a predictor.
 *
 * @param params Its parameters.
 * @returns The predictor.
 */
export function rulePredictor(params: RuleParamsInput): Predictor {
  const fixed = ruleParams(params);
  return (setup, prefix, seed) => {
    const steps = Math.ceil(setup.windowMin / setup.stepMin) - cutStep(setup);
    const run = simulateRule(setup.graph, {
      csr: setup.csr,
      event: { text: "observed cascade", posters: prefix.posters },
      steps: Math.max(0, steps),
      seed,
      params: { ...fixed, stepMinutes: setup.stepMin },
      log: false,
      source: prefix.root,
    });
    return continuation(setup, prefix, run.cascade);
  };
}

/**
 * The trivial predictor: the observed prefix, with no growth after the cut.
 *
 * @param _setup Unused.
 * @param prefix The placed prefix.
 * @returns The prefix's edges.
 */
export const prefixOnly: Predictor = (_setup, prefix) => prefix.edges.slice();

/**
 * Independent cascade with edge probability p as a predictor.
 *
 * @param p Edge probability.
 * @returns The predictor.
 */
export function icPredictor(p: number): Predictor {
  return (setup, prefix, seed) => {
    const steps = Math.max(0, Math.ceil(setup.windowMin / setup.stepMin) - cutStep(setup));
    const run = independentCascade(setup.csr, prefix.posters, { p, steps, seed });
    return continuation(setup, prefix, run.cascade);
  };
}

/**
 * Linear threshold with total influence weight w as a predictor.
 *
 * @param weight Weight in (0, 1].
 * @returns The predictor.
 */
export function ltPredictor(weight: number): Predictor {
  return (setup, prefix, seed) => {
    const steps = Math.max(0, Math.ceil(setup.windowMin / setup.stepMin) - cutStep(setup));
    const run = linearThreshold(setup.csr, prefix.posters, { steps, seed, weight });
    return continuation(setup, prefix, run.cascade);
  };
}

/** A cascade to fit: its placed prefix and its real curves. */
export interface FitCase {
  prefix: PlacedPrefix;
  real: CascadeCurves;
}

/**
 * Mean objective of a predictor over a set of cascades.
 *
 * @param setup Graph, clock, grid, seeds.
 * @param cases The calibration cascades.
 * @param predict The model.
 * @returns Mean over cascades of {@link objective}.
 */
export function setScore(
  setup: SpreadSetup,
  cases: readonly FitCase[],
  predict: Predictor,
): number {
  let s = 0, n = 0;
  for (const c of cases) {
    const v = objective(cascadeError(c.real, predictCurves(setup, c.prefix, predict)));
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n ? s / n : NaN;
}

/** The outcome of a grid search over one parameter. */
export interface GridFit {
  /** The best value. */
  best: number;
  /** Its score. */
  score: number;
  /** Every value tried with its score, in grid order. */
  trials: { value: number; score: number }[];
}

/**
 * Grid search of a one-parameter model (IC's p, LT's weight) on a calibration set.
 *
 * @param setup Graph, clock, grid, seeds.
 * @param cases Calibration cascades.
 * @param make Value → predictor.
 * @param values The grid.
 * @returns The best value and every trial (ties keep the first).
 *
 * @example IC's edge probability on a toy set
 * ```ts
 * import { Rng } from "@lib/core/rng.ts";
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { gridSearch, icPredictor, predictCurves } from "@lib/eval/cascades_models.ts";
 * import assert from "node:assert/strict";
 * const graph = barabasiAlbert(300, 3, { rng: new Rng(1) });
 * const setup = { graph, csr: inboxCsr(graph), windowMin: 300, stepMin: 30, prefixMin: 30,
 *   grid: [0, 100, 200, 300], seeds: [1, 2] };
 * const prefix = { root: "0", posters: ["0"], edges: [{ parent: null, child: "0", time: 0 }] };
 * const truth = { prefix, real: predictCurves(setup, prefix, icPredictor(0.1)) };
 * const fit = gridSearch(setup, [truth], icPredictor, [0.01, 0.1, 0.4]);
 * assert.equal(fit.best, 0.1);
 * ```
 */
export function gridSearch(
  setup: SpreadSetup,
  cases: readonly FitCase[],
  make: (value: number) => Predictor,
  values: readonly number[],
): GridFit {
  const trials = values.map((value) => ({ value, score: setScore(setup, cases, make(value)) }));
  let best = trials[0];
  for (const t of trials) if (t.score < best.score || !Number.isFinite(best.score)) best = t;
  return { best: best.value, score: best.score, trials };
}

/**
 * Ranges of the rule brain's searched parameters. A range whose ends differ by more than a
 * factor of 20 (and start above 0) is searched on a log scale, because a share chance of 0.001
 * and one of 0.01 make cascades that differ as much as 0.01 and 0.1 do.
 */
export type RuleSpace = Record<string, [number, number]>;

/** The rule brain's default search space. */
export const RULE_SPACE: RuleSpace = {
  shareBase: [0.0005, 0.3],
  rootCredit: [0, 1],
  emotionGain: [0, 2],
  contagion: [0, 1],
  calmRate: [0, 0.5],
  feedWindow: [1, 24],
};

// Parameters the schema holds as whole numbers; a draw is rounded for them.
const INTEGER = new Set(["feedWindow", "feedSize"]);

/** The outcome of a search of the rule brain. */
export interface RuleFit {
  best: RuleParamsInput;
  score: number;
  /** Every candidate in the order tried, the defaults first. */
  trials: { params: RuleParamsInput; score: number }[];
}

function axis(range: [number, number]) {
  const [lo, hi] = range;
  const log = lo > 0 && hi / lo > 20;
  const to = (x: number) => (log ? Math.log(x) : x);
  const from = (u: number) => (log ? Math.exp(u) : u);
  return { a: to(lo), b: to(hi), to, from };
}

/**
 * Seeded search of the rule brain on a calibration set: `trials` candidates drawn uniformly
 * over the space (log-uniformly on wide positive ranges), then `refine` candidates each drawn
 * around the best so far with a spread that shrinks from a fifth of each range to a
 * twentieth. The defaults are the first candidate, so the result never scores worse than them.
 *
 * @param setup Graph, clock, grid, seeds.
 * @param cases Calibration cascades.
 * @param options Random candidates, refinement candidates (default trials / 2), seed, space.
 * @returns The best parameters and every trial.
 *
 * @example The search recovers the share chance a cascade was made with
 * ```ts
 * import { Rng } from "@lib/core/rng.ts";
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { predictCurves, rulePredictor, searchRule } from "@lib/eval/cascades_models.ts";
 * import assert from "node:assert/strict";
 * const graph = barabasiAlbert(400, 3, { rng: new Rng(1) });
 * const setup = { graph, csr: inboxCsr(graph), windowMin: 300, stepMin: 30, prefixMin: 0,
 *   grid: [0, 60, 120, 180, 240, 300], seeds: [1, 2] };
 * const prefix = { root: "0", posters: ["0"], edges: [{ parent: null, child: "0", time: 0 }] };
 * const truth = { prefix, real: predictCurves(setup, prefix, rulePredictor({ shareBase: 0.05 })) };
 * const fit = searchRule(setup, [truth], { trials: 12, seed: 1, space: { shareBase: [0.001, 0.5] } });
 * assert.ok(fit.best.shareBase! > 0.02 && fit.best.shareBase! < 0.12, `${fit.best.shareBase}`);
 * ```
 */
export function searchRule(
  setup: SpreadSetup,
  cases: readonly FitCase[],
  options: { trials: number; refine?: number; seed: number | string; space?: RuleSpace },
): RuleFit {
  const space = options.space ?? RULE_SPACE;
  const rng = new Rng(`rule-search:${options.seed}`);
  const keys = Object.keys(space).sort();
  const axes = new Map(keys.map((k) => [k, axis(space[k])]));
  const trials: RuleFit["trials"] = [];
  let best: RuleFit["trials"][number] | undefined;
  const tryParams = (params: RuleParamsInput) => {
    const t = { params, score: setScore(setup, cases, rulePredictor(params)) };
    trials.push(t);
    if (!best || t.score < best.score || !Number.isFinite(best.score)) best = t;
  };
  const make = (pick: (key: string, a: number, b: number) => number) => {
    const draw: Record<string, number> = {};
    for (const key of keys) {
      const { a, b, from } = axes.get(key)!;
      const x = from(Math.min(b, Math.max(a, pick(key, a, b))));
      draw[key] = INTEGER.has(key) ? Math.round(x) : x;
    }
    return draw as RuleParamsInput;
  };
  tryParams({});
  for (let k = 0; k < options.trials; k++) tryParams(make((_, a, b) => rng.uniform(a, b)));
  const refine = options.refine ?? Math.floor(options.trials / 2);
  for (let k = 0; k < refine; k++) {
    const centre = best!.params as Record<string, number | undefined>;
    const spread = 0.2 - (0.15 * k) / Math.max(1, refine - 1);
    tryParams(make((key, a, b) => {
      const v = centre[key];
      const at = v === undefined ? rng.uniform(a, b) : axes.get(key)!.to(v);
      return at + spread * (b - a) * rng.normal();
    }));
  }
  return { best: best!.params, score: best!.score, trials };
}
