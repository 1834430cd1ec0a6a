/**
 * Conformity: do agents' scores and choices move towards what others say?
 *
 * @module
 */
import { quantile } from "../core/stats.ts";
import { mean, std } from "./descriptive.ts";
import { type ConsumptionRow, groupBy, type RatingRow, type RowsInput, toRows } from "./rows.ts";

/**
 * RecAgent's attitude change by number of friends:
 * AC(i) = (1 / (R·|U_i|)) Σ_{u∈U_i} Σ_r 1(s_{u,r−1} ≠ s_{u,r}), where U_i are the agents with
 * i friends and R is the number of rounds (10 in the paper). A change is counted only between
 * consecutive rounds that both have a score; with several items, changes add up over items.
 *
 * @param input Score rows (round, agent, item, score).
 * @param friendCount Number of friends of each agent (a Map or a record).
 * @param options rounds: R (default 10).
 * @returns One row per friend count, ascending: AC and |U_i|.
 *
 * @example Two agents with 1 friend, one with 3
 * ```ts
 * import { attitudeChange } from "@lib/metrics/conformity.ts";
 * import assert from "node:assert/strict";
 * const scores = { a: [5, 5, 6], b: [7, 7, 7], c: [3, 5, 6] };
 * const rows = Object.entries(scores).flatMap(([agentId, s]) =>
 *   s.map((score, round) => ({ round, agentId, itemId: "m", score })));
 * assert.deepEqual(attitudeChange(rows, { a: 1, b: 1, c: 3 }, { rounds: 2 }), [
 *   { friends: 1, ac: 1 / (2 * 2), users: 2 },
 *   { friends: 3, ac: 2 / (2 * 1), users: 1 },
 * ]);
 * ```
 */
export function attitudeChange(
  input: RowsInput<RatingRow>,
  friendCount: ReadonlyMap<string, number> | Record<string, number>,
  options: { rounds?: number } = {},
): { friends: number; ac: number; users: number }[] {
  const rounds = options.rounds ?? 10;
  const countOf = (id: string) =>
    friendCount instanceof Map ? friendCount.get(id) : (friendCount as Record<string, number>)[id];
  const changes = new Map<string, number>();
  for (const rows of groupBy(toRows(input), (r) => `${r.agentId}\u0000${r.itemId}`).values()) {
    const byRound = new Map(rows.map((r) => [r.round, r.score]));
    let n = 0;
    for (const [round, score] of byRound) {
      const prev = byRound.get(round - 1);
      if (prev !== undefined && prev !== score) n++;
    }
    changes.set(rows[0].agentId, (changes.get(rows[0].agentId) ?? 0) + n);
  }
  const groups = new Map<number, number[]>();
  for (const [agentId, n] of changes) {
    const i = countOf(agentId);
    if (i === undefined) throw new RangeError(`no friend count for agent "${agentId}"`);
    const list = groups.get(i);
    if (list) list.push(n);
    else groups.set(i, [n]);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((friends) => {
    const ns = groups.get(friends)!;
    return { friends, ac: ns.reduce((s, n) => s + n, 0) / (rounds * ns.length), users: ns.length };
  });
}

/** Spread of the scores given in one round. */
export interface ScoreSpreadRow {
  round: number;
  n: number;
  mean: number;
  /** Population standard deviation. */
  std: number;
  /** Interquartile range (linear interpolation). */
  iqr: number;
  /** Share of scores inside the range (inclusive; [6, 7] by default, where scores gather). */
  shareInRange: number;
}

/**
 * Score distribution per round: concentration shows as falling std and IQR and a rising
 * share in the consensus range.
 *
 * @param input Score rows.
 * @param options range: the consensus range (default [6, 7]).
 * @returns One row per round, ascending.
 *
 * @example Spread of four scores of one movie
 * ```ts
 * import { scoreSpread } from "@lib/metrics/conformity.ts";
 * import assert from "node:assert/strict";
 * const rows = [3, 6, 7, 8].map((score, i) => ({ round: 0, agentId: `u${i}`, itemId: "m", score }));
 * assert.deepEqual(scoreSpread(rows), [
 *   { round: 0, n: 4, mean: 6, std: Math.sqrt(3.5), iqr: 7.25 - 5.25, shareInRange: 0.5 },
 * ]);
 * ```
 */
export function scoreSpread(
  input: RowsInput<Pick<RatingRow, "round" | "score">>,
  options: { range?: readonly [number, number] } = {},
): ScoreSpreadRow[] {
  const [lo, hi] = options.range ?? [6, 7];
  const byRound = groupBy(toRows(input), (r) => r.round);
  return [...byRound.keys()].sort((a, b) => a - b).map((round) => {
    const s = byRound.get(round)!.map((r) => r.score);
    return {
      round,
      n: s.length,
      mean: mean(s),
      std: std(s),
      iqr: quantile(s, 0.75) - quantile(s, 0.25),
      shareInRange: s.filter((x) => x >= lo && x <= hi).length / s.length,
    };
  });
}

/** A score before and after an agent saw a social signal (e.g. the friends' mean score). */
export interface SignalRow {
  agentId: string;
  itemId: string;
  /** Score before seeing the signal. */
  before: number;
  /** Score after seeing it. */
  after: number;
  /** The signal shown. */
  signal: number;
}

/**
 * How far scores moved towards a displayed social signal. A row's shift is
 * |before − signal| − |after − signal|: positive when the score moved closer.
 *
 * @param input Before/after rows.
 * @returns Mean shift and the shares of rows that moved closer, further, or stayed as far.
 *
 * @example One agent moves toward the signal, one does not
 * ```ts
 * import { ratingShift } from "@lib/metrics/conformity.ts";
 * import assert from "node:assert/strict";
 * const r = ratingShift([
 *   { agentId: "a", itemId: "m", before: 4, after: 6, signal: 8 },
 *   { agentId: "b", itemId: "m", before: 9, after: 9, signal: 8 },
 * ]);
 * assert.deepEqual(r, { n: 2, meanShift: 1, shareTowards: 0.5, shareAway: 0, shareSame: 0.5 });
 * ```
 */
export function ratingShift(
  input: RowsInput<SignalRow>,
): { n: number; meanShift: number; shareTowards: number; shareAway: number; shareSame: number } {
  const shifts = toRows(input).map((r) =>
    Math.abs(r.before - r.signal) - Math.abs(r.after - r.signal)
  );
  const n = shifts.length;
  return {
    n,
    meanShift: mean(shifts),
    shareTowards: shifts.filter((s) => s > 0).length / n,
    shareAway: shifts.filter((s) => s < 0).length / n,
    shareSame: shifts.filter((s) => s === 0).length / n,
  };
}

/** An agent heard a friend mention an item (in a chat or a post). */
export interface MentionRow {
  round: number;
  /** Who heard the mention. */
  agentId: string;
  itemId: string;
}

/**
 * Share of choices that follow friends' mentions: a consumption counts when the agent heard
 * the item mentioned in an earlier round (or the same round with sameRound: true).
 *
 * @param consumptions Items watched.
 * @param mentions Mentions heard.
 * @param options sameRound: also count mentions heard in the round of the choice.
 * @returns Choices, those following a mention, and their share (NaN with no choices).
 *
 * @example Half the choices follow a friend's mention
 * ```ts
 * import { followShare } from "@lib/metrics/conformity.ts";
 * import assert from "node:assert/strict";
 * const watched = [{ round: 2, agentId: "a", itemId: "m1" }, { round: 2, agentId: "a", itemId: "m2" }];
 * const heard = [{ round: 1, agentId: "a", itemId: "m1" }, { round: 3, agentId: "a", itemId: "m2" }];
 * assert.deepEqual(followShare(watched, heard), { choices: 2, following: 1, share: 0.5 });
 * ```
 */
export function followShare(
  consumptions: RowsInput<Pick<ConsumptionRow, "round" | "agentId" | "itemId">>,
  mentions: RowsInput<MentionRow>,
  options: { sameRound?: boolean } = {},
): { choices: number; following: number; share: number } {
  const firstHeard = new Map<string, number>();
  for (const m of toRows(mentions)) {
    const k = `${m.agentId}\u0000${m.itemId}`;
    firstHeard.set(k, Math.min(firstHeard.get(k) ?? Infinity, m.round));
  }
  const choices = toRows(consumptions);
  const following = choices.filter((c) => {
    const heard = firstHeard.get(`${c.agentId}\u0000${c.itemId}`);
    return heard !== undefined && (options.sameRound ? heard <= c.round : heard < c.round);
  }).length;
  return {
    choices: choices.length,
    following,
    share: choices.length ? following / choices.length : NaN,
  };
}
