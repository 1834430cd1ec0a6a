/**
 * Item utility of the RecSim-style choice model: interest match, quality, the shift of the
 * agent's belief about the item from social evidence (weighted by conformity), and novelty, each term kept apart so a rationale can name the
 * strongest reason and a notebook can plot them.
 *
 * @module
 */
import type { Feature, Profile } from "../../profile/schema.ts";
import type { AgentState, SeenItem } from "../context.ts";
import type { RuleConfig } from "./config.ts";
import { type CanonicalTaste, novelty, profileMatch } from "./taste.ts";
import { tasteMatch, type TasteVector } from "./taste_table.ts";
import { beliefShift } from "./belief.ts";

export { socialSignal } from "./belief.ts";

/** The terms of an item's utility (already weighted) and their sum. */
export interface UtilityTerms {
  interest: number;
  quality: number;
  social: number;
  novelty: number;
  /** Penalty for an item already watched (≤ 0). */
  rewatch: number;
  total: number;
}

/** What the utility of an item depends on besides the item. */
export interface UtilityInputs {
  profile: Pick<Profile, "interests" | "features">;
  state: Pick<AgentState, "genreWeights" | "watched" | "conformity">;
  /** Consumed shares by genre (from `consumedShares`). */
  shares: Readonly<Record<string, number>>;
  /** The state's taste (canonical weights or their vector), read once when a page is scored. */
  taste?: CanonicalTaste | TasteVector;
  /** The profile's interest genres, read once when a page of items is scored. */
  liked?: ReadonlySet<string>;
}

/**
 * The utility of an item for an agent.
 *
 * @param seen The item with its social signals.
 * @param inputs Profile, state and consumed shares.
 * @param cfg The weights.
 * @param out Terms to fill and return instead of new ones (a page's items scored in turn).
 * @returns The weighted terms and their total.
 *
 * @example An item in the agent's favourite genre scores higher
 * ```ts
 * import { itemUtility } from "@lib/brain/rule/utility.ts";
 * import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
 * import assert from "node:assert/strict";
 * const mk = (g: string) => ({ item: { id: g, title: g, genres: [g], year: null, description: "", popularity: 1, quality: 0.5 },
 *   friendsWatched: 0, mentions: 0, avgRating: null });
 * const inputs = { profile: { interests: [], features: [] }, shares: {},
 *   state: { genreWeights: { "Sci-Fi": 1, Comedy: 0.1 }, watched: [], conformity: 0.5 } };
 * assert.ok(itemUtility(mk("Sci-Fi"), inputs, DEFAULT_RULE_CONFIG).total > itemUtility(mk("Comedy"), inputs, DEFAULT_RULE_CONFIG).total);
 * ```
 */
export function itemUtility(
  seen: SeenItem,
  inputs: UtilityInputs,
  cfg: RuleConfig,
  out?: UtilityTerms,
): UtilityTerms {
  const has = (f: Feature) => inputs.profile.features.includes(f);
  const interest = cfg.interest *
    (tasteMatch(inputs.state, seen.item, inputs.taste) +
      cfg.profileInterest * profileMatch(inputs.profile, seen.item, inputs.liked));
  const quality = (cfg.quality + (has("Critic") ? cfg.criticQuality : 0)) * seen.item.quality;
  // The belief channel: social evidence raises (or lowers) what the agent expects of the item.
  const social = beliefShift(seen, inputs.state.conformity, cfg);
  const nov = (cfg.novelty + (has("Explorer") ? cfg.explorerNovelty : 0)) *
    novelty(inputs.shares, seen.item);
  const rewatch = inputs.state.watched.includes(seen.item.id) ? -cfg.rewatchPenalty : 0;
  const stay = has("Watcher") ? cfg.watcherStay : 0;
  const total = interest + quality + social + nov + rewatch + stay;
  if (!out) return { interest, quality, social, novelty: nov, rewatch, total };
  out.interest = interest;
  out.quality = quality;
  out.social = social;
  out.novelty = nov;
  out.rewatch = rewatch;
  out.total = total;
  return out;
}

/**
 * Multinomial-logit probabilities of options with utilities.
 *
 * @param utilities Utilities (−Infinity = unavailable).
 * @param temperature Divides every utility.
 * @returns Probabilities summing to 1.
 *
 * @example An impossible option gets probability zero
 * ```ts
 * import { logitProbabilities } from "@lib/brain/rule/utility.ts";
 * import assert from "node:assert/strict";
 * const [a, b, c] = logitProbabilities([1, 0, -Infinity], 1);
 * assert.ok(a > b && c === 0);
 * ```
 */
export function logitProbabilities(utilities: readonly number[], temperature: number): number[] {
  // Loops into one array (every decision of every agent comes here); the maximum, the sum
  // from 0 in option order and each quotient are the same numbers as the array methods give.
  const n = utilities.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (Number.isFinite(utilities[i])) max = Math.max(max, utilities[i]);
  const p = new Array<number>(n);
  if (!Number.isFinite(max)) return p.fill(1 / n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const u = utilities[i];
    total += p[i] = Number.isFinite(u) ? Math.exp((u - max) / temperature) : 0;
  }
  for (let i = 0; i < n; i++) p[i] /= total;
  return p;
}
