/**
 * Interest drift: after consuming an item, an agent's genre weights move toward the item's
 * genres, more when it liked the item. This is how a personalised recommender can narrow an
 * agent's taste over rounds (the information-cocoon mechanism the rule brain needs).
 *
 * @module
 */
import type { Item } from "../../recsys/item.ts";
import type { AgentState } from "../context.ts";
import { canonicalWeights, itemGenres } from "./taste.ts";
import { driftOnRow } from "./taste_table.ts";

/**
 * Moves an agent's genre weights toward a consumed item's genres:
 * `w ← (1 − s)·w/Σw + s·t`, where `t` spreads 1 evenly over the item's genres and
 * `s = rate · (0.25 + 0.75 · (rating − 1) / 4)` (a loved item moves them four times as far as a
 * hated one; an unrated one counts as a 3). Keys become canonical genres and the weights sum
 * to 1 afterwards.
 *
 * @param state The agent's state; `genreWeights` is replaced in place.
 * @param item The item consumed.
 * @param rating The 1–5 rating given, or null.
 * @param rate The drift rate in [0, 1] (0 = no drift).
 * @returns The new weights (also stored in `state.genreWeights`).
 *
 * @example Watching a comedy moves weight toward Comedy
 * ```ts
 * import { driftInterests } from "@lib/brain/rule/drift.ts";
 * import assert from "node:assert/strict";
 * const state = { genreWeights: { "Sci-Fi": 0.9, Comedy: 0.1 } };
 * const item = { id: "c", title: "Airplane!", genres: ["Comedy"], year: 1980, description: "", popularity: 1, quality: 0.8 };
 * driftInterests(state, item, 5, 0.2);
 * assert.ok(state.genreWeights.Comedy > 0.1);
 * ```
 */
export function driftInterests(
  state: Pick<AgentState, "genreWeights">,
  item: Item,
  rating: number | null,
  rate: number,
): Record<string, number> {
  driftState(state, item, rating, rate);
  return state.genreWeights;
}

/**
 * {@link driftInterests} without handing the new weights back: on a state whose weights live
 * on a row of a taste table (every agent of a world), the row changes in place and no record
 * is made until someone reads `genreWeights`.
 *
 * @param state The agent's state.
 * @param item The item consumed.
 * @param rating The 1–5 rating given, or null.
 * @param rate The drift rate in [0, 1] (0 = no drift).
 *
 * @example The same weights as driftInterests on a plain state
 * ```ts
 * import { driftInterests, driftState } from "@lib/brain/rule/drift.ts";
 * import { TasteTable, withTasteRow } from "@lib/brain/rule/taste_table.ts";
 * import assert from "node:assert/strict";
 * const start = { "Sci-Fi": 0.9, Comedy: 0.1 };
 * const item = { id: "d", title: "Heat", genres: ["Crime"], year: 1995, description: "", popularity: 1, quality: 0.8 };
 * const plain = { genreWeights: start };
 * const row = withTasteRow({}, new TasteTable(), start) as { genreWeights: Record<string, number> };
 * driftInterests(plain, item, 4, 0.3);
 * driftState(row, item, 4, 0.3);
 * assert.deepEqual(row.genreWeights, plain.genreWeights);
 * ```
 */
export function driftState(
  state: Pick<AgentState, "genreWeights">,
  item: Item,
  rating: number | null,
  rate: number,
): void {
  const r = Math.min(5, Math.max(1, rating ?? 3));
  const s = Math.min(1, Math.max(0, rate)) * (0.25 + 0.75 * (r - 1) / 4);
  if (!driftOnRow(state, item, s)) driftRecord(state, item, s);
}

// Drift on the record itself: a new record replaces the old one.
function driftRecord(state: Pick<AgentState, "genreWeights">, item: Item, s: number): void {
  // The current weights, normalised, scaled by 1 − s: computed in place on the fresh canonical
  // copy (each value as normalised() would give it, then scaled), one object instead of four.
  const next = canonicalWeights(state.genreWeights);
  let total = 0;
  for (const g in next) total += next[g];
  for (const g in next) next[g] = (1 - s) * (total > 0 ? next[g] / total : 0);
  const gs = itemGenres(item);
  if (s > 0) { for (const g of gs) next[g] = (next[g] ?? 0) + s / gs.length; }
  // Normalised in place: `next` is this call's own object, and each weight is read once before
  // it is written, so the values are normalised()'s without a second object.
  let sum = 0;
  for (const g in next) sum += next[g];
  for (const g in next) next[g] = sum > 0 ? next[g] / sum : 0;
  state.genreWeights = next;
}
