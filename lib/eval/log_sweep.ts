/**
 * Replays a log in time order and answers questions at given moments from what the log knew
 * then: every rating made strictly before the moment, nothing after. This is how the
 * protocols compute collaborative signals without look-ahead for many users at once, in one
 * pass, instead of rebuilding the log's state for each user.
 *
 * @module
 */
import { Cooccurrence, type LogView } from "../brain/fitted/cooccurrence.ts";
import type { SelectionData } from "./selection_data.ts";

/** A question asked at a moment. */
export interface SweepQuery {
  /** Unix seconds; ratings at or after this time are not yet known. */
  time: number;
  /** Called once, with the log as it stood at `time`. */
  answer(view: LogView): void;
}

/**
 * Item ids → dense indices of the log views (the catalogue's order).
 *
 * @param data The data.
 * @returns The index.
 */
export function itemIndex(data: SelectionData): Map<string, number> {
  return new Map(data.catalog.ids().map((id, i) => [id, i]));
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
  const ratings = [...data.byUser.values()].flat().sort((x, y) => x.timestamp - y.timestamp);
  const order = queries.map((q, i) => [q.time, i] as const).sort((x, y) =>
    x[0] - y[0] || x[1] - y[1]
  );
  const log = new Cooccurrence(index.size);
  let next = 0;
  for (const [time, i] of order) {
    while (next < ratings.length && ratings[next].timestamp < time) {
      const r = ratings[next++];
      const item = index.get(r.itemId);
      if (item !== undefined) log.add(r.userId, item, r.rating);
    }
    queries[i].answer(log);
  }
}
