/**
 * The log side of the selection protocol for the item-kNN baseline and the fitted choice
 * model: feature rows of every task's candidates computed from the log as it stood at the
 * task's held-out time, and the fitted model's weights fitted by maximum likelihood on
 * training choices made before that time.
 *
 * Training choices are built as in `brain/fitted/training.ts`.
 *
 * Weights are fitted at checkpoints (quantiles of the held-out times); a task uses the fit of
 * the latest checkpoint not after its own time, so no weight has seen a later choice.
 *
 * @module
 */
import type { LogView } from "../brain/fitted/cooccurrence.ts";
import { choiceFeatures, FEATURE_NAMES } from "../brain/fitted/features.ts";
import { fitMnl, type MnlFit, mnlLogProbs } from "../brain/fitted/mnl.ts";
import {
  logIndex,
  pointOf,
  replayLog,
  type TimedObservations,
  type TrainingOptions,
  trainingQueries,
} from "../brain/fitted/training.ts";
import { ratingLog } from "./log_sweep.ts";
import type { SelectionData, SelectionTask } from "./selection_data.ts";

/** What the log says about one task's candidates. */
export interface LogScores {
  /** Feature rows, one per candidate (FEATURE_NAMES order). */
  features: number[][];
  /** The fitted model's weights used for this task. */
  weights: number[];
}

/** Options of {@link logScores}. */
export interface LogScoreOptions extends TrainingOptions {
  /** Checkpoints at which weights are fitted (default 12). */
  checkpoints?: number;
}

/** The fit report: weights of the last checkpoint and held-out log-likelihood. */
export interface FitReport {
  /** Feature names. */
  features: readonly string[];
  /** The latest checkpoint's fit. */
  last: MnlFit;
  /** Checkpoint fits (time, fit). */
  fits: { time: number; fit: MnlFit }[];
  /** Mean log-probability of the held-out item among its page, over pages with a = 1. */
  heldOutLogLik: number;
  /** The same for uniform guessing. */
  uniformLogLik: number;
  /** Held-out choices scored. */
  heldOut: number;
}

/**
 * Computes feature rows for every task and fits the choice model at checkpoints.
 *
 * @param data The data.
 * @param tasks Tasks and their held-out times.
 * @param options Training sizes and seed.
 * @returns Scores per task (same order) and the fit report.
 */
export function logScores(
  data: SelectionData,
  tasks: readonly { task: SelectionTask; time: number }[],
  options: LogScoreOptions = {},
): { scores: LogScores[]; report: FitReport } {
  const log = ratingLog(data);
  const index = logIndex(log);
  const point = (itemId: string, rating: number) => pointOf(log, index, itemId, rating);
  const training: TimedObservations[] = [];
  const queries = trainingQueries(log, index, training, options);
  const features: number[][][] = tasks.map(() => []);
  tasks.forEach(({ task, time }, t) => {
    const history = task.history.map((e) => point(e.item.id, e.rating));
    const cands = task.candidates.map((c) => point(c.id, 0));
    queries.push({
      time,
      answer: (view: LogView) => features[t] = choiceFeatures(view, history, cands, time),
    });
  });
  replayLog(log, index, queries);

  const times = tasks.map((t) => t.time).sort((a, b) => a - b);
  const nCp = options.checkpoints ?? 12;
  const cps = [
    ...new Set(
      Array.from(
        { length: nCp },
        (_, j) => times[Math.floor(j * (times.length - 1) / Math.max(1, nCp - 1))],
      ),
    ),
  ].filter((t) => t !== undefined);
  training.sort((x, y) => x.time - y.time);
  const fits: { time: number; fit: MnlFit }[] = [];
  for (const time of cps) {
    // Each checkpoint starts from the previous one's weights: same optimum, fewer steps.
    const obs = training.filter((o) => o.time < time).flatMap((o) => o.obs);
    fits.push({ time, fit: fitMnl(obs, FEATURE_NAMES.length, { start: fits.at(-1)?.fit }) });
  }
  const fitAt = (time: number) => {
    let best = fits[0];
    for (const f of fits) if (f.time <= time) best = f;
    return best.fit;
  };
  const scores = tasks.map(({ time }, t) => ({
    features: features[t],
    weights: fitAt(time).weights,
  }));
  let ll = 0, uni = 0, n = 0;
  // Only pages with one real pick are a single choice, for which the logit's probability is
  // a proper likelihood; with several picks on a page it is not.
  tasks.forEach(({ task }, t) => {
    if (task.a !== 1) return;
    const lp = mnlLogProbs(scores[t].features, scores[t].weights, -Infinity);
    task.candidates.forEach((c, j) => {
      if (!task.truth.includes(c.id)) return;
      ll += lp[j];
      uni += Math.log(1 / task.candidates.length);
      n++;
    });
  });
  return {
    scores,
    report: {
      features: FEATURE_NAMES,
      last: fits[fits.length - 1].fit,
      fits,
      heldOutLogLik: n ? ll / n : NaN,
      uniformLogLik: n ? uni / n : NaN,
      heldOut: n,
    },
  };
}
