/**
 * The log side of the selection protocol for the item-kNN baseline and the fitted choice
 * model: feature rows of every task's candidates computed from the log as it stood at the
 * task's held-out time, and the fitted model's weights fitted by maximum likelihood on
 * training choices made before that time.
 *
 * Training choices: for every user, up to `perUser` rated items spread over the later half of
 * the history, each
 * one a choice among itself and `negatives` items the user had not rated by then. A day in a
 * user's active span without any rating counts as declining such a page (the no-choice
 * option), weighted so the idle days and the ratings keep their real proportion.
 *
 * Weights are fitted at checkpoints (quantiles of the held-out times); a task uses the fit of
 * the latest checkpoint not after its own time, so no weight has seen a later choice.
 *
 * @module
 */
import type { LogView } from "../brain/fitted/cooccurrence.ts";
import { choiceFeatures, FEATURE_NAMES, type HistoryPoint } from "../brain/fitted/features.ts";
import { type ChoiceObservation, fitMnl, type MnlFit, mnlLogProbs } from "../brain/fitted/mnl.ts";
import { Rng } from "../core/rng.ts";
import { itemIndex, sweepLog, type SweepQuery } from "./log_sweep.ts";
import type { SelectionData, SelectionTask } from "./selection_data.ts";

/** What the log says about one task's candidates. */
export interface LogScores {
  /** Feature rows, one per candidate (FEATURE_NAMES order). */
  features: number[][];
  /** The fitted model's weights used for this task. */
  weights: number[];
}

/** Options of {@link logScores}. */
export interface LogScoreOptions {
  /** Training choices per user (default 8). */
  perUser?: number;
  /** Negatives per training choice (default 9). */
  negatives?: number;
  /** Checkpoints at which weights are fitted (default 12). */
  checkpoints?: number;
  /** Seed of the training negatives. */
  seed?: number | string;
}

/** The fit report: weights of the last checkpoint and held-out log-likelihood. */
export interface FitReport {
  /** Feature names. */
  features: readonly string[];
  /** The latest checkpoint's fit. */
  last: MnlFit;
  /** Checkpoint fits (time, fit). */
  fits: { time: number; fit: MnlFit }[];
  /** Mean log-probability of each held-out item among its page (the model's). */
  heldOutLogLik: number;
  /** The same for uniform guessing. */
  uniformLogLik: number;
  /** Held-out choices scored. */
  heldOut: number;
}

const DAY = 86_400;

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
  const index = itemIndex(data);
  const ids = data.catalog.ids();
  const genres = (i: number) => data.catalog.get(ids[i])!.genres;
  const point = (itemId: string, rating: number): HistoryPoint => {
    const item = index.get(itemId) ?? -1;
    return { item, genres: item >= 0 ? genres(item) : [], rating };
  };
  const rng = new Rng(`fitted-training:${options.seed ?? 1}`);
  const perUser = options.perUser ?? 8, nNeg = options.negatives ?? 9;
  const training: { time: number; obs: ChoiceObservation[] }[] = [];
  const queries: SweepQuery[] = [];
  for (const [uid, list] of data.byUser) {
    if (list.length < 6) continue;
    const r = rng.fork(uid);
    // Held-out choices are made with long histories: train on choices made with histories like
    // those, from the later half of each user's log.
    const from = Math.max(5, Math.floor(list.length / 2));
    const positions = new Set<number>();
    for (let j = 0; j < perUser; j++) {
      positions.add(from + Math.floor(j * (list.length - from) / perUser));
    }
    for (const k of positions) {
      const time = list[k].timestamp;
      const seen = new Set(list.filter((x) => x.timestamp <= time).map((x) => x.itemId));
      const pool = ids.filter((id) => !seen.has(id));
      const negatives = r.sample(pool, nNeg);
      const days = new Set(list.slice(0, k).map((x) => Math.floor(x.timestamp / DAY)));
      const span = Math.floor(time / DAY) - Math.floor(list[0].timestamp / DAY) + 1;
      const idle = Math.max(0, span - days.size);
      const history = list.slice(0, k).map((x) => point(x.itemId, x.rating));
      const cands = [list[k].itemId, ...negatives].map((id) => point(id, 0));
      queries.push({
        time,
        answer: (view) => {
          const x = choiceFeatures(view, history, cands);
          const obs: ChoiceObservation[] = [{ x, chosen: 0 }];
          if (idle > 0) obs.push({ x: x.slice(1), chosen: -1, weight: idle / k });
          training.push({ time, obs });
        },
      });
    }
  }
  const features: number[][][] = tasks.map(() => []);
  tasks.forEach(({ task, time }, t) => {
    const history = task.history.map((e) => point(e.item.id, e.rating));
    const cands = task.candidates.map((c) => point(c.id, 0));
    queries.push({
      time,
      answer: (view: LogView) => features[t] = choiceFeatures(view, history, cands),
    });
  });
  sweepLog(data, index, queries);

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
  tasks.forEach(({ task }, t) => {
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
