/**
 * Beliefs and experience of the rule brain. Social influence travels one way: evidence
 * (friends who watched, mentions, the visible average rating, opinions heard) shifts what an
 * agent expects of an item; the expectation drives its choice and is what its experience is
 * compared with when it rates; rating in public adds a separate audience effect. Nothing here
 * moves a rating toward what others said except the named, switchable audience effect.
 *
 * @module
 */
import type { SeenItem } from "../context.ts";
import type { RuleConfig } from "./config.ts";

/**
 * The social signal of a seen item before conformity: friends who watched it, mentions, and
 * how others rated it.
 *
 * @param seen The seen item.
 * @param cfg The weights.
 * @returns The unweighted social signal.
 */
export function socialSignal(seen: SeenItem, cfg: RuleConfig): number {
  return cfg.socialFriends * Math.log1p(seen.friendsWatched) +
    cfg.socialMentions * Math.log1p(seen.mentions) +
    cfg.socialRating * (seen.avgRating === null ? 0 : (seen.avgRating - 3) / 2);
}

/**
 * How far social evidence moves the agent's expected value of an item (utility points):
 * `social · conformity · socialSignal`. 0 when the belief channel is off (`social: 0`).
 *
 * @param seen The item with its visible social signals.
 * @param conformity The agent's conformity (0–1).
 * @param cfg The weights.
 * @returns The shift.
 *
 * @example A well-rated item seen by friends is expected to be better, more so by conformists
 * ```ts
 * import { beliefShift } from "@lib/brain/rule/belief.ts";
 * import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
 * import assert from "node:assert/strict";
 * const seen = { item: { id: "m", title: "M", genres: [], year: null, description: "", popularity: 1, quality: 0.5 },
 *   friendsWatched: 3, mentions: 1, avgRating: 4.5 };
 * assert.ok(beliefShift(seen, 0.9, DEFAULT_RULE_CONFIG) > beliefShift(seen, 0.1, DEFAULT_RULE_CONFIG));
 * assert.equal(beliefShift(seen, 0.9, { ...DEFAULT_RULE_CONFIG, social: 0 }), 0);
 * ```
 */
export function beliefShift(seen: SeenItem, conformity: number, cfg: RuleConfig): number {
  return cfg.social * conformity * socialSignal(seen, cfg);
}

/**
 * What the agent expects of an item: its own taste's prediction plus the belief shift.
 *
 * @param own The taste's prediction (interest match + quality − 0.5).
 * @param seen The item with its social signals.
 * @param conformity The agent's conformity.
 * @param cfg The weights.
 * @returns The expectation.
 */
export function expectedValue(
  own: number,
  seen: SeenItem,
  conformity: number,
  cfg: RuleConfig,
): number {
  return own + beliefShift(seen, conformity, cfg);
}

/**
 * The unrounded 1–5 rating an experience earns: `3 + ratingScale·(experienced − ratingCenter)`
 * plus disconfirmation `disconfirmation·ratingScale·(experienced − expected)`.
 *
 * @param experienced How the item turned out for the agent.
 * @param expected What the agent expected of it.
 * @param cfg The weights.
 * @returns The rating before the audience effect, noise and rounding.
 *
 * @example Expecting more than one gets lowers the rating
 * ```ts
 * import { ratingFromExperience } from "@lib/brain/rule/belief.ts";
 * import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
 * import assert from "node:assert/strict";
 * assert.ok(ratingFromExperience(1, 2, DEFAULT_RULE_CONFIG) < ratingFromExperience(1, 1, DEFAULT_RULE_CONFIG));
 * ```
 */
export function ratingFromExperience(
  experienced: number,
  expected: number,
  cfg: RuleConfig,
): number {
  return 3 + cfg.ratingScale * (experienced - cfg.ratingCenter) +
    cfg.disconfirmation * cfg.ratingScale * (experienced - expected);
}

/**
 * The audience effect of rating in public: people shade a public rating toward the visible
 * average, `audience · conformity · (avg − 3) / 2` rating points; 0 without an average or
 * with `audience: 0`.
 *
 * @param avgRating The visible average rating (1–5) or null.
 * @param conformity The agent's conformity.
 * @param cfg The weights.
 * @returns Rating points.
 *
 * @example
 * ```ts
 * import { audienceEffect } from "@lib/brain/rule/belief.ts";
 * import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
 * import assert from "node:assert/strict";
 * assert.equal(audienceEffect(null, 1, DEFAULT_RULE_CONFIG), 0);
 * assert.ok(audienceEffect(5, 1, DEFAULT_RULE_CONFIG) >= 0);
 * assert.equal(audienceEffect(5, 1, { ...DEFAULT_RULE_CONFIG, audience: 0 }), 0);
 * ```
 */
export function audienceEffect(
  avgRating: number | null,
  conformity: number,
  cfg: RuleConfig,
): number {
  return avgRating === null ? 0 : cfg.audience * conformity * (avgRating - 3) / 2;
}
