/**
 * The protocols' view of a MovieLens release as a rating log for the fitted choice model:
 * item indices in the catalogue's order, and the replay that answers questions at given
 * moments from what the log knew then (every rating strictly before, nothing after), for many
 * users in one pass.
 *
 * @module
 */
import { logIndex, type LogQuery, type RatingLog, replayLog } from "../brain/fitted/training.ts";
import type { SelectionData } from "./selection_data.ts";

/** A question asked at a moment. */
export type SweepQuery = LogQuery;

/**
 * The data as a rating log.
 *
 * @param data The data.
 * @returns Users' ratings and the catalogue's items with genres.
 */
export function ratingLog(data: SelectionData): RatingLog {
  return {
    byUser: data.byUser,
    items: data.catalog.ids().map((id) => ({ id, genres: data.catalog.get(id)!.genres })),
  };
}

/**
 * Item ids → dense indices of the log views (the catalogue's order).
 *
 * @param data The data.
 * @returns The index.
 */
export function itemIndex(data: SelectionData): Map<string, number> {
  return logIndex(ratingLog(data));
}

/**
 * Replays the ratings and answers each query at its time.
 *
 * @param data The data.
 * @param index Item indices (from {@link itemIndex}).
 * @param queries Questions, in any order.
 */
export function sweepLog(
  data: SelectionData,
  index: ReadonlyMap<string, number>,
  queries: readonly SweepQuery[],
): void {
  replayLog(ratingLog(data), index, queries);
}
