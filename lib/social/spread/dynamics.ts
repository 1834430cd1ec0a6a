/**
 * The rule brain's documented dynamics as pure scalar functions, shared by the typed-array
 * path and the object-based agents:
 *
 * - share (independent-cascade style): each shown message gets one coin with
 *   p = shareBase · (1 + emotionGain · level) · ((1 − w) + 2w · agree) · relevance,
 *   agree = (1 + s_viewer · s_message) / 2, so intense emotion and agreement both raise it;
 * - emotion (S3's Markov chain with a decaying coefficient): with a feed hotter than the agent,
 *   move up one level with probability contagion · decay^(t − t₀) · (feed mean − level);
 *   otherwise cool down one level with probability calmRate;
 * - attitude (bounded confidence, Deffuant/Hegselmann–Krause): messages within `confidence` of
 *   the agent's stance pull it by `convergence` towards their mean; the attitude is the sign.
 *
 * @module
 */
import type { RuleParams } from "@lib/social/spread/params.ts";

/**
 * Chance to share one shown message.
 *
 * @param level Viewer's emotion level (0 calm, 1 moderate, 2 intense).
 * @param viewerStance Viewer's stance in [-1, 1].
 * @param messageStance The message's stance in [-1, 1].
 * @param params Rule parameters.
 * @param relevance How relevant the event is to the viewer, in [0, 1] (default 1).
 * @returns A probability.
 *
 * @example Emotion and agreement raise it
 * ```ts
 * import { shareProbability } from "@lib/social/spread/dynamics.ts";
 * import { ruleParams } from "@lib/social/spread/params.ts";
 * import assert from "node:assert/strict";
 * const p = ruleParams();
 * assert.ok(shareProbability(2, 0, 0.5, p) > shareProbability(0, 0, 0.5, p));
 * assert.ok(shareProbability(1, 0.8, 0.8, p) > shareProbability(1, -0.8, 0.8, p));
 * ```
 */
export function shareProbability(
  level: number,
  viewerStance: number,
  messageStance: number,
  params: RuleParams,
  relevance = 1,
): number {
  const agree = (1 + viewerStance * messageStance) / 2;
  const w = params.agreementWeight;
  const p = params.shareBase * (1 + params.emotionGain * level) * ((1 - w) + 2 * w * agree) *
    relevance;
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * One Markov step of the emotion level.
 *
 * @param level Current level (0..2).
 * @param feedMean Mean emotion level of the shown messages (NaN when the feed is empty).
 * @param sinceEvent Steps since the event was injected (the coefficient decays with it).
 * @param params Rule parameters.
 * @param u A uniform draw in [0, 1).
 * @returns The new level.
 *
 * @example A hot feed heats, an empty one cools
 * ```ts
 * import { emotionStep } from "@lib/social/spread/dynamics.ts";
 * import { ruleParams } from "@lib/social/spread/params.ts";
 * import assert from "node:assert/strict";
 * const p = ruleParams({ contagion: 1, calmRate: 1 });
 * assert.equal(emotionStep(0, 2, 0, p, 0.1), 1);
 * assert.equal(emotionStep(2, NaN, 0, p, 0.1), 1);
 * ```
 */
export function emotionStep(
  level: number,
  feedMean: number,
  sinceEvent: number,
  params: RuleParams,
  u: number,
): number {
  if (feedMean > level) {
    const coef = params.contagion * Math.pow(params.emotionDecay, Math.max(0, sinceEvent));
    return u < coef * (feedMean - level) ? Math.min(2, level + 1) : level;
  }
  return level > 0 && u < params.calmRate ? level - 1 : level;
}

/**
 * Bounded-confidence update of a stance.
 *
 * @param stance Current stance.
 * @param sum Sum of the stances of the shown messages within `confidence` of it.
 * @param count How many there were.
 * @param params Rule parameters.
 * @returns The new stance, in [-1, 1].
 *
 * @example
 * ```ts
 * import { boundedConfidence, withinConfidence } from "@lib/social/spread/dynamics.ts";
 * import { ruleParams } from "@lib/social/spread/params.ts";
 * import assert from "node:assert/strict";
 * const p = ruleParams({ confidence: 0.5, convergence: 0.5 });
 * assert.ok(withinConfidence(0, 0.4, p) && !withinConfidence(0, 0.9, p));
 * assert.equal(boundedConfidence(0, 0.4, 1, p), 0.2);
 * ```
 */
export function boundedConfidence(
  stance: number,
  sum: number,
  count: number,
  params: RuleParams,
): number {
  if (count === 0) return stance;
  const s = stance + params.convergence * (sum / count - stance);
  return s < -1 ? -1 : s > 1 ? 1 : s;
}

/**
 * @param stance Agent's stance.
 * @param messageStance A message's stance.
 * @param params Rule parameters.
 * @returns Whether the message is close enough to move the agent.
 */
export function withinConfidence(
  stance: number,
  messageStance: number,
  params: RuleParams,
): boolean {
  return Math.abs(messageStance - stance) <= params.confidence;
}
