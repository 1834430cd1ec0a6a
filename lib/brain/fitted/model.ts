/**
 * The fitted choice model learned from a whole rating log, ready for simulation: weights of
 * the multinomial logit (with its no-choice utility) fitted by maximum likelihood on the log's
 * training choices, the log's collaborative state after its last rating, and the spread of
 * real ratings around the model's predictions (so simulated stars vary as real ones do).
 *
 * @module
 */
import type { LogView } from "./cooccurrence.ts";
import { FEATURE_NAMES } from "./features.ts";
import { fitMnl, type MnlFit } from "./mnl.ts";
import {
  logIndex,
  type RatingLog,
  replayLog,
  type TimedObservations,
  type TrainingOptions,
  trainingQueries,
} from "./training.ts";

/** A model fitted on a log. */
export interface FittedModel {
  /** Where it was fitted ("ml-100k, 943 users"), for the brain's name. */
  source: string;
  /** The maximum-likelihood fit (weights in FEATURE_NAMES order, no-choice utility). */
  fit: MnlFit;
  /** Feature names. */
  features: readonly string[];
  /** The log's collaborative state after every rating. */
  view: LogView;
  /** Item id → index of `view`. */
  index: ReadonlyMap<string, number>;
  /** Items' genres by index. */
  genres: readonly (readonly string[])[];
  /** Standard deviation of real ratings around the model's predictions on training choices. */
  ratingSd: number;
}

/**
 * Fits the model on a log.
 *
 * @param log The log (each user's ratings oldest first, and the items).
 * @param source A label of the log.
 * @param options Training sizes and seed.
 * @returns The model.
 *
 * @example Fitted on a log where users keep to one genre, a same-genre film has more utility
 * ```ts
 * import { fitChoiceModel } from "@lib/brain/fitted/model.ts";
 * import { choiceFeatures } from "@lib/brain/fitted/features.ts";
 * import assert from "node:assert/strict";
 * const items = Array.from({ length: 40 }, (_, i) => ({ id: `i${i}`, genres: [i % 2 ? "Drama" : "Comedy"] }));
 * const byUser = new Map();
 * for (let u = 0; u < 30; u++) {
 *   const g = u % 2;
 *   byUser.set(`u${u}`, Array.from({ length: 15 }, (_, k) => ({ userId: `u${u}`, itemId: `i${(2 * (k + u)) % 40 + g}`, rating: 4, timestamp: k * 86400 + u })));
 * }
 * const model = fitChoiceModel({ byUser, items }, "toy");
 * const history = [1, 3, 5].map((i) => ({ item: i, genres: ["Drama"], rating: 4 }));
 * const [same, other] = choiceFeatures(model.view, history, [{ item: 7, genres: ["Drama"] }, { item: 8, genres: ["Comedy"] }])
 *   .map((x) => x.reduce((s, v, k) => s + v * model.fit.weights[k], 0));
 * assert.ok(same > other);
 * ```
 */
export function fitChoiceModel(
  log: RatingLog,
  source: string,
  options: TrainingOptions = {},
): FittedModel {
  const index = logIndex(log);
  const training: TimedObservations[] = [];
  const view = replayLog(log, index, trainingQueries(log, index, training, options));
  training.sort((x, y) => x.time - y.time);
  const fit = fitMnl(training.flatMap((t) => t.obs), FEATURE_NAMES.length);
  const se = training.reduce((s, t) => s + (t.predicted - t.actual) ** 2, 0);
  return {
    source,
    fit,
    features: FEATURE_NAMES,
    view,
    index,
    genres: log.items.map((it) => it.genres),
    ratingSd: training.length ? Math.sqrt(se / training.length) : 1,
  };
}
