/**
 * The row shapes metrics read. They are the minimal columns a run's event log or collectors
 * provide; metrics know nothing else about the engine. Every metric accepts either an array
 * of rows or an arquero table (anything with `objects()`).
 *
 * @module
 */

/** An item shown to an agent (one row per item on a recommendation page). */
export interface ExposureRow {
  /** Simulation round. */
  round: number;
  /** Who saw it. */
  agentId: string;
  /** What was shown. */
  itemId: string;
  /** The item's genres (a multi-genre item lists several). */
  genres: readonly string[];
  /** Page number within the round, when an agent saw several pages (default 0). */
  page?: number;
}

/** An item an agent consumed (watched). */
export interface ConsumptionRow {
  /** Simulation round. */
  round: number;
  /** Who watched it. */
  agentId: string;
  /** What was watched. */
  itemId: string;
  /** The item's genres. */
  genres: readonly string[];
}

/** A score an agent gave an item (a movie rating 1–10, a satisfaction score…). */
export interface RatingRow {
  /** Simulation round. */
  round: number;
  /** Who rated. */
  agentId: string;
  /** What was rated. */
  itemId: string;
  /** The score. */
  score: number;
}

/** Rows as an array or an arquero table. */
export type RowsInput<T> = readonly T[] | { objects(): object[] };

/**
 * @param input An array of rows or an arquero table.
 * @returns The rows as an array.
 *
 * @example An arquero-like table becomes rows
 * ```ts
 * import { toRows } from "@lib/metrics/rows.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows({ objects: () => [{ a: 1 }] }), [{ a: 1 }]);
 * ```
 */
export function toRows<T>(input: RowsInput<T>): readonly T[] {
  if (Array.isArray(input)) return input;
  const table = input as { objects?: () => object[] };
  if (typeof table.objects === "function") return table.objects() as T[];
  throw new TypeError("expected an array of rows or an arquero table");
}

/**
 * Groups rows by a key, keeping first-seen order of keys.
 *
 * @param rows Rows.
 * @param key Key of a row.
 * @returns Key → rows.
 */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Orders agent ids by code unit, the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
