/**
 * Recommendation quality from the user's side: what was clicked, whether held-out preferred
 * items rank high, and how satisfied users say they are.
 *
 * @module
 */
import { mean } from "./descriptive.ts";
import {
  type ConsumptionRow,
  type ExposureRow,
  groupBy,
  type RatingRow,
  type RowsInput,
  toRows,
} from "./rows.ts";

type Key = Pick<ExposureRow, "round" | "agentId" | "itemId">;

/**
 * Click-through: the share of shown items the agent watched in the same round.
 *
 * @param exposures Items shown.
 * @param consumptions Items watched.
 * @returns Watched-and-shown / shown (NaN with nothing shown).
 *
 * @example One click on a page of four
 * ```ts
 * import { clickThrough } from "@lib/metrics/quality.ts";
 * import assert from "node:assert/strict";
 * const shown = ["m1", "m2", "m3", "m4"].map((itemId) => ({ round: 1, agentId: "u", itemId }));
 * assert.equal(clickThrough(shown, [{ round: 1, agentId: "u", itemId: "m2" }]), 0.25);
 * ```
 */
export function clickThrough(exposures: RowsInput<Key>, consumptions: RowsInput<Key>): number {
  const watched = new Set(toRows(consumptions).map(keyOf));
  const shown = toRows(exposures);
  if (shown.length === 0) return NaN;
  return shown.filter((r) => watched.has(keyOf(r))).length / shown.length;
}

/**
 * Watch rate: the share of sessions (agent × round with something shown) in which the agent
 * watched at least one item.
 *
 * @param exposures Items shown.
 * @param consumptions Items watched.
 * @returns Sessions with a watch / sessions (NaN with no sessions).
 */
export function watchRate(
  exposures: RowsInput<Pick<ExposureRow, "round" | "agentId">>,
  consumptions: RowsInput<Pick<ConsumptionRow, "round" | "agentId">>,
): number {
  const session = (r: { round: number; agentId: string }) => `${r.round}\u0000${r.agentId}`;
  const sessions = new Set(toRows(exposures).map(session));
  if (sessions.size === 0) return NaN;
  const watched = new Set(toRows(consumptions).map(session));
  let n = 0;
  for (const s of sessions) if (watched.has(s)) n++;
  return n / sessions.size;
}

/** A ranked recommendation list for one user. */
export interface RankedList {
  agentId: string;
  /** Item ids, best first. */
  items: readonly string[];
}

/** A held-out item a user is known to prefer. */
export interface HeldOutRow {
  agentId: string;
  itemId: string;
}

/**
 * Hit rate@k: the share of users with at least one held-out item in their top k.
 *
 * @param lists One ranked list per user.
 * @param heldOut Preferred items; users without any are left out.
 * @param k Cut-off.
 * @returns The hit rate (NaN when no user has held-out items).
 *
 * @example One of two held-out items in the top 2
 * ```ts
 * import { hitRateAtK } from "@lib/metrics/quality.ts";
 * import assert from "node:assert/strict";
 * const lists = [{ agentId: "a", items: ["x", "y", "z"] }, { agentId: "b", items: ["x", "y", "z"] }];
 * const held = [{ agentId: "a", itemId: "y" }, { agentId: "b", itemId: "z" }];
 * assert.equal(hitRateAtK(lists, held, 2), 0.5);
 * ```
 */
export function hitRateAtK(
  lists: readonly RankedList[],
  heldOut: RowsInput<HeldOutRow>,
  k: number,
): number {
  return perUser(
    lists,
    heldOut,
    (items, truth) => items.slice(0, k).some((i) => truth.has(i)) ? 1 : 0,
  );
}

/**
 * NDCG@k with binary relevance: DCG = Σ_{i<k} rel_i / log₂(i + 2), divided by the DCG of a
 * list with all held-out items first.
 *
 * @param lists One ranked list per user.
 * @param heldOut Preferred items; users without any are left out.
 * @param k Cut-off.
 * @returns The mean NDCG over users (NaN when no user has held-out items).
 *
 * @example One relevant item at rank 2 of 3
 * ```ts
 * import { ndcgAtK } from "@lib/metrics/quality.ts";
 * import assert from "node:assert/strict";
 * const ndcg = ndcgAtK([{ agentId: "a", items: ["x", "y", "z"] }], [{ agentId: "a", itemId: "y" }], 3);
 * assert.equal(ndcg, 1 / Math.log2(3));
 * ```
 */
export function ndcgAtK(
  lists: readonly RankedList[],
  heldOut: RowsInput<HeldOutRow>,
  k: number,
): number {
  return perUser(lists, heldOut, (items, truth) => {
    let dcg = 0, ideal = 0;
    items.slice(0, k).forEach((item, i) => {
      if (truth.has(item)) dcg += 1 / Math.log2(i + 2);
    });
    for (let i = 0; i < Math.min(k, truth.size); i++) ideal += 1 / Math.log2(i + 2);
    return dcg / ideal;
  });
}

function perUser(
  lists: readonly RankedList[],
  heldOut: RowsInput<HeldOutRow>,
  score: (items: readonly string[], truth: Set<string>) => number,
): number {
  const truth = new Map<string, Set<string>>();
  for (const r of toRows(heldOut)) {
    let s = truth.get(r.agentId);
    if (!s) truth.set(r.agentId, s = new Set());
    s.add(r.itemId);
  }
  const scores: number[] = [];
  for (const list of lists) {
    const t = truth.get(list.agentId);
    if (t && t.size > 0) scores.push(score(list.items, t));
  }
  return mean(scores);
}

/**
 * Mean score per round (ratings, or satisfaction asked of agents).
 *
 * @param input Rating rows.
 * @returns One row per round, ascending: mean score and number of ratings.
 *
 * @example Mean rating per round
 * ```ts
 * import { averageRating } from "@lib/metrics/quality.ts";
 * import assert from "node:assert/strict";
 * const rows = [[1, 4], [1, 6], [2, 9]].map(([round, score]) => ({ round, agentId: "u", itemId: "m", score }));
 * assert.deepEqual(averageRating(rows), [{ round: 1, mean: 5, n: 2 }, { round: 2, mean: 9, n: 1 }]);
 * ```
 */
export function averageRating(
  input: RowsInput<Pick<RatingRow, "round" | "score">>,
): { round: number; mean: number; n: number }[] {
  const byRound = groupBy(toRows(input), (r) => r.round);
  return [...byRound.keys()].sort((a, b) => a - b).map((round) => {
    const scores = byRound.get(round)!.map((r) => r.score);
    return { round, mean: mean(scores), n: scores.length };
  });
}

function keyOf(r: Key): string {
  return `${r.round}\u0000${r.agentId}\u0000${r.itemId}`;
}
