/**
 * Parameters of the rule brain's dynamics, one zod schema with documented defaults, so a
 * calibration or a notebook can override any of them and bad values are rejected by name.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatPath } from "@lib/core/errors.ts";
import { type RankerName, RANKERS } from "@lib/social/feed_rank.ts";

export { type RankerName, RANKERS };

const unit = z.number().min(0).max(1);

/** The rule dynamics' parameters (see {@link shareProbability} and friends for the formulas). */
export const RuleParamsSchema = z.object({
  /** Base chance to repost one shown message (independent-cascade style, per message). */
  shareBase: unit.default(0.08),
  /** How much each emotion level above calm multiplies the share chance: 1 + gain·level. */
  emotionGain: z.number().min(0).default(1),
  /** Weight of attitude agreement in the share chance (0: ignored, 1: only agreement). */
  agreementWeight: unit.default(0.6),
  /**
   * Share of shares recorded as a retweet of the source rather than of the friend who showed
   * it: on Twitter a retweet of a retweet is credited to the original tweet, which keeps real
   * propagation trees shallow (0 keeps every share under the friend it came from).
   */
  rootCredit: unit.default(0),
  /** Share of shares that are new posts rather than reposts. */
  newPostShare: unit.default(0.25),
  /** Emotional contagion: chance per level of gap to move one level towards the feed's mean. */
  contagion: unit.default(0.5),
  /** Per-step factor of S3's decaying emotion coefficient (contagion × decay^(t − t₀)). */
  emotionDecay: unit.default(0.9),
  /** Chance per step that an agent with no hotter feed cools down one level. */
  calmRate: unit.default(0.15),
  /** Bounded confidence: messages within this stance distance pull the agent. */
  confidence: z.number().min(0).max(2).default(0.6),
  /** Bounded confidence: how far the agent moves towards their mean. */
  convergence: unit.default(0.3),
  /** Steps a share stays in followers' feeds. */
  feedWindow: z.number().int().min(1).default(1),
  /** Messages shown per feed (top-K). */
  feedSize: z.number().int().min(1).default(5),
  /** Feed ranker. */
  ranker: z.enum(RANKERS).default("s3"),
  /** Per-step time decay of a message's feed score under the s3 ranker. */
  feedDecay: z.number().gt(0).max(1).default(0.8),
  /** Minutes of simulated time per step (used by the hot ranker and cascade comparison). */
  stepMinutes: z.number().positive().default(60),
  /** Initial shares of calm / moderate / intense agents. */
  initialEmotion: z.tuple([unit, unit, unit]).default([0.7, 0.25, 0.05]),
  /** Mean of the initial stance (normal, clipped to [-1, 1]). */
  stanceMean: z.number().min(-1).max(1).default(0),
  /** Spread of the initial stance. */
  stanceSd: z.number().min(0).default(0.4),
});

/** Validated rule parameters. */
export type RuleParams = z.infer<typeof RuleParamsSchema>;
/** Rule parameters as a caller writes them (all optional). */
export type RuleParamsInput = z.input<typeof RuleParamsSchema>;

/**
 * Validates rule parameters, filling defaults.
 *
 * @param input Overrides.
 * @param source Where they came from, for the error.
 * @returns The parameters.
 * @throws ConfigError naming the bad field.
 *
 * @example Defaults, and a bad field named
 * ```ts
 * import { ruleParams } from "@lib/social/spread/params.ts";
 * import assert from "node:assert/strict";
 * assert.equal(ruleParams().feedSize, 5);
 * assert.equal(ruleParams({ shareBase: 0.2 }).shareBase, 0.2);
 * assert.throws(() => ruleParams({ shareBase: 2 }), /shareBase/);
 * ```
 */
export function ruleParams(input: RuleParamsInput = {}, source = "rule params"): RuleParams {
  const parsed = RuleParamsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(source, formatPath(issue.path) || "(root)", issue.message);
  }
  const [a, b, c] = parsed.data.initialEmotion;
  if (!(a + b + c > 0)) throw new ConfigError(source, "initialEmotion", "shares must not all be 0");
  return parsed.data;
}
