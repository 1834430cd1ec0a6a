/**
 * User entropy: how spread over genres the items a user was shown (or watched) are. Falling
 * entropy under a personalised recommender is the information-cocoon signal. A multi-genre
 * item counts once for each of its genres, so an item tagged "Action|Sci-Fi" adds one to both.
 *
 * @module
 */
import { compareIds, groupBy, type RowsInput, toRows } from "./rows.ts";

/** Rows with a user, a round and the genres of one item (exposures or consumptions). */
export interface GenreRow {
  round: number;
  agentId: string;
  genres: readonly string[];
}

/** Entropy of one user at one round. */
export interface UserEntropyRow {
  round: number;
  agentId: string;
  /** Shannon entropy of the user's genre distribution. */
  entropy: number;
  /** Items behind it. */
  items: number;
}

/** Options of the entropy functions. */
export interface EntropyOptions {
  /** Logarithm base (default 2: bits, as the original code). */
  base?: number;
  /** Use every row up to the round (default) or only the round's own rows. */
  cumulative?: boolean;
}

/**
 * Shannon entropy of a distribution given by counts (zeros contribute nothing).
 *
 * @param counts Non-negative counts or weights.
 * @param base Logarithm base (default 2).
 * @returns −Σ p log p (0 for an empty or single-valued distribution).
 *
 * @example Four equally likely genres carry two bits
 * ```ts
 * import { shannonEntropy } from "@lib/metrics/entropy.ts";
 * import assert from "node:assert/strict";
 * assert.equal(shannonEntropy([5, 5, 5, 5]), 2);
 * assert.equal(shannonEntropy([3, 0]), 0);
 * ```
 */
export function shannonEntropy(counts: Iterable<number>, base = 2): number {
  const xs = [...counts];
  let total = 0;
  for (const c of xs) total += c;
  if (!(total > 0)) return 0;
  let h = 0;
  for (const c of xs) if (c > 0) h -= (c / total) * Math.log(c / total);
  return h / Math.log(base) + 0;
}

/**
 * @param rows Rows with genres.
 * @returns Count of each genre, each item counting once per genre it has.
 */
export function genreCounts(rows: readonly { genres: readonly string[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) for (const g of r.genres) out.set(g, (out.get(g) ?? 0) + 1);
  return out;
}

/**
 * Entropy of each user's genres, per round or cumulatively up to each round.
 *
 * @param input Exposure or consumption rows.
 * @param options Base and cumulative (default true).
 * @returns One row per (round, user with items so far), by round then agent id.
 *
 * @example Per round and cumulative
 * ```ts
 * import { userEntropy } from "@lib/metrics/entropy.ts";
 * import assert from "node:assert/strict";
 * const rows = [
 *   { round: 1, agentId: "u", genres: ["drama"] },
 *   { round: 2, agentId: "u", genres: ["comedy"] },
 * ];
 * assert.deepEqual(userEntropy(rows, { cumulative: false }).map((r) => r.entropy), [0, 0]);
 * assert.deepEqual(userEntropy(rows).map((r) => r.entropy), [0, 1]);
 * ```
 */
export function userEntropy(
  input: RowsInput<GenreRow>,
  options: EntropyOptions = {},
): UserEntropyRow[] {
  const rows = toRows(input);
  const base = options.base ?? 2;
  const rounds = [...new Set(rows.map((r) => r.round))].sort((a, b) => a - b);
  const byRound = groupBy(rows, (r) => r.round);
  const out: UserEntropyRow[] = [];
  const running = new Map<string, { counts: Map<string, number>; items: number }>();
  for (const round of rounds) {
    if (!(options.cumulative ?? true)) running.clear();
    for (const r of byRound.get(round)!) {
      let acc = running.get(r.agentId);
      if (!acc) running.set(r.agentId, acc = { counts: new Map(), items: 0 });
      acc.items++;
      for (const g of r.genres) acc.counts.set(g, (acc.counts.get(g) ?? 0) + 1);
    }
    for (const agentId of [...running.keys()].sort(compareIds)) {
      const acc = running.get(agentId)!;
      out.push({
        round,
        agentId,
        entropy: shannonEntropy(acc.counts.values(), base),
        items: acc.items,
      });
    }
  }
  return out;
}

/**
 * RecAgent's user entropy E = −(1/|U|) Σ_u Σ_c f_{u,c} log₂ f_{u,c}, where f_{u,c} is the share
 * of genre c among the genres of the items recommended to user u, over all rows given.
 *
 * @param input Exposure rows (the original uses recommended items).
 * @param options Logarithm base (default 2).
 * @returns The mean over users (NaN without rows).
 *
 * @example Hand-computed: one user on one genre, one split evenly over two
 * ```ts
 * import { recagentEntropy } from "@lib/metrics/entropy.ts";
 * import assert from "node:assert/strict";
 * const rows = [
 *   { round: 1, agentId: "a", genres: ["drama"] },
 *   { round: 1, agentId: "a", genres: ["drama"] },
 *   { round: 1, agentId: "b", genres: ["drama", "comedy"] },
 * ];
 * assert.equal(recagentEntropy(rows), (0 + 1) / 2);
 * ```
 */
export function recagentEntropy(
  input: RowsInput<GenreRow>,
  options: { base?: number } = {},
): number {
  const byUser = groupBy(toRows(input), (r) => r.agentId);
  if (byUser.size === 0) return NaN;
  let sum = 0;
  for (const rows of byUser.values()) {
    sum += shannonEntropy(genreCounts(rows).values(), options.base);
  }
  return sum / byUser.size;
}

/**
 * {@link recagentEntropy} at each round, over each user's rows up to that round (cumulative,
 * default) or in that round only; users without rows yet are left out.
 *
 * @param input Exposure rows.
 * @param options Base and cumulative.
 * @returns One row per round: the entropy and the number of users behind it.
 *
 * @example Entropy per round of what was recommended
 * ```ts
 * import { recagentEntropyByRound } from "@lib/metrics/entropy.ts";
 * import assert from "node:assert/strict";
 * const rows = [
 *   { round: 0, agentId: "a", genres: ["x"] },
 *   { round: 1, agentId: "a", genres: ["y"] },
 *   { round: 1, agentId: "b", genres: ["y"] },
 * ];
 * assert.deepEqual(recagentEntropyByRound(rows), [
 *   { round: 0, entropy: 0, users: 1 },
 *   { round: 1, entropy: 0.5, users: 2 },
 * ]);
 * ```
 */
export function recagentEntropyByRound(
  input: RowsInput<GenreRow>,
  options: EntropyOptions = {},
): { round: number; entropy: number; users: number }[] {
  const perUser = groupBy(userEntropy(input, options), (r) => r.round);
  return [...perUser].map(([round, rows]) => ({
    round,
    entropy: rows.reduce((s, r) => s + r.entropy, 0) / rows.length,
    users: rows.length,
  }));
}
