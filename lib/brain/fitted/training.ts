/**
 * The fitted choice model's training data, from any rating log: choices the users really
 * made, each against items they had not rated yet, with the no-choice option observed on idle
 * days; and the replay that computes every feature from what the log knew at the choice's time.
 *
 * For every user, up to `perUser` rated items spread over the later half of the history (held-
 * out and simulated decisions are made with long histories, so training uses histories like
 * those) are choices among themselves and `negatives` items the user had not rated by then. A
 * day in the user's active span without any rating counts as declining such a page, weighted
 * so that idle days and ratings keep their real proportion.
 *
 * @module
 */
import { Rng } from "../../core/rng.ts";
import { Cooccurrence, type LogView } from "./cooccurrence.ts";
import { choiceFeatures, type HistoryPoint, predictRating } from "./features.ts";
import type { ChoiceObservation } from "./mnl.ts";

/** One rating of a log. */
export interface LogRating {
  userId: string;
  itemId: string;
  /** 1–5 stars. */
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

/** A log as the model reads it. */
export interface RatingLog {
  /** Each user's ratings, oldest first. */
  byUser: ReadonlyMap<string, readonly LogRating[]>;
  /** Item ids (dense index order) and their genres. */
  items: readonly { id: string; genres: readonly string[] }[];
}

/** A question asked of the log at a moment. */
export interface LogQuery {
  /** Unix seconds; ratings at or after this time are not yet known. */
  time: number;
  /** Called once, with the log as it stood at `time`. */
  answer(view: LogView): void;
}

/** A training choice with its time. */
export interface TimedObservations {
  time: number;
  obs: ChoiceObservation[];
  /** The rating the model predicts for the chosen item, and the real one. */
  predicted: number;
  actual: number;
}

/** Options of {@link trainingQueries}. */
export interface TrainingOptions {
  /** Training choices per user (default 8). */
  perUser?: number;
  /** Negatives per training choice (default 9). */
  negatives?: number;
  /** Seed of the negatives. */
  seed?: number | string;
}

const DAY = 86_400;

/**
 * Item ids → dense indices.
 *
 * @param log The log.
 * @returns The index.
 */
export function logIndex(log: RatingLog): Map<string, number> {
  return new Map(log.items.map((it, i) => [it.id, i]));
}

/**
 * A history point for an item id (index −1 and no genres when the log does not know it).
 *
 * @param log The log.
 * @param index Its index.
 * @param itemId The item.
 * @param rating The stars.
 * @returns The point.
 */
export function pointOf(
  log: RatingLog,
  index: ReadonlyMap<string, number>,
  itemId: string,
  rating: number,
): HistoryPoint {
  const item = index.get(itemId) ?? -1;
  return { item, genres: item >= 0 ? log.items[item].genres : [], rating };
}

/**
 * Builds the training queries; each answered query appends its observations to `sink`.
 *
 * @param log The log.
 * @param index Its index.
 * @param sink Where answered observations go.
 * @param options Sizes and seed.
 * @returns The queries (answer them with {@link replayLog}).
 */
export function trainingQueries(
  log: RatingLog,
  index: ReadonlyMap<string, number>,
  sink: TimedObservations[],
  options: TrainingOptions = {},
): LogQuery[] {
  const rng = new Rng(`fitted-training:${options.seed ?? 1}`);
  const perUser = options.perUser ?? 8, nNeg = options.negatives ?? 9;
  const ids = log.items.map((it) => it.id);
  const queries: LogQuery[] = [];
  for (const [uid, list] of log.byUser) {
    if (list.length < 6) continue;
    const r = rng.fork(uid);
    const from = Math.max(5, Math.floor(list.length / 2));
    const positions = new Set<number>();
    for (let j = 0; j < perUser; j++) {
      positions.add(from + Math.floor(j * (list.length - from) / perUser));
    }
    for (const k of positions) {
      const time = list[k].timestamp;
      const seen = new Set(list.filter((x) => x.timestamp <= time).map((x) => x.itemId));
      const negatives = r.sample(ids.filter((id) => !seen.has(id)), nNeg);
      const days = new Set(list.slice(0, k).map((x) => Math.floor(x.timestamp / DAY)));
      const span = Math.floor(time / DAY) - Math.floor(list[0].timestamp / DAY) + 1;
      const idle = Math.max(0, span - days.size);
      const history = list.slice(0, k).map((x) => pointOf(log, index, x.itemId, x.rating));
      const cands = [list[k].itemId, ...negatives].map((id) => pointOf(log, index, id, 0));
      queries.push({
        time,
        answer: (view) => {
          const x = choiceFeatures(view, history, cands, time);
          const obs: ChoiceObservation[] = [{ x, chosen: 0 }];
          if (idle > 0) obs.push({ x: x.slice(1), chosen: -1, weight: idle / k });
          const predicted = predictRating(view, history, cands[0].item);
          sink.push({ time, obs, predicted, actual: list[k].rating });
        },
      });
    }
  }
  return queries;
}

/**
 * Replays the log in time order and answers each query from the ratings made strictly
 * before its time.
 *
 * @param log The log.
 * @param index Its index.
 * @param queries Questions, in any order.
 * @returns The log's state after every rating (the whole log).
 *
 * @example A query sees only earlier ratings
 * ```ts
 * import { replayLog } from "@lib/brain/fitted/training.ts";
 * import assert from "node:assert/strict";
 * const log = { items: [{ id: "a", genres: [] }], byUser: new Map([["u", [
 *   { userId: "u", itemId: "a", rating: 4, timestamp: 10 }]]]) };
 * const seen: number[] = [];
 * const end = replayLog(log, new Map([["a", 0]]), [5, 10, 11].map((time) => ({ time, answer: (v) => seen.push(v.count(0)) })));
 * assert.deepEqual(seen, [0, 0, 1]);
 * assert.equal(end.count(0), 1);
 * ```
 */
export function replayLog(
  log: RatingLog,
  index: ReadonlyMap<string, number>,
  queries: readonly LogQuery[],
): Cooccurrence {
  const ratings = [...log.byUser.values()].flat().sort((x, y) => x.timestamp - y.timestamp);
  const order = queries.map((q, i) => [q.time, i] as const).sort((x, y) =>
    x[0] - y[0] || x[1] - y[1]
  );
  const state = new Cooccurrence(index.size);
  let next = 0;
  const advance = (time: number) => {
    while (next < ratings.length && ratings[next].timestamp < time) {
      const r = ratings[next++];
      const item = index.get(r.itemId);
      if (item !== undefined) state.add(r.userId, item, r.rating, r.timestamp);
    }
  };
  for (const [time, i] of order) {
    advance(time);
    queries[i].answer(state);
  }
  advance(Infinity);
  return state;
}
