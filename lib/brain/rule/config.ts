/**
 * Every weight of the rule brain (RecSim-style choice model), as one zod schema with
 * defaults, so a scenario can set any of them and a manifest records them all.
 *
 * @module
 */
import { z } from "zod";
import { HERDING_FIT } from "./herding_fit.ts";

const w = (value: number) => z.number().default(value);

/** The choice model's weights; every field has a default (parse `{}` for all defaults). */
export const ruleConfigSchema = z.object({
  // Item utility.
  /** Weight of interest match (current genre weights of the agent vs the item's genres). */
  interest: w(2.5),
  /** Extra match for genres named in the profile's interests (within the interest term). */
  profileInterest: w(0.5),
  /** Weight of item quality (0–1). */
  quality: w(1.5),
  /** Extra quality weight for Critics. */
  criticQuality: w(1.5),
  /**
   * Belief channel: how far social evidence (friends who watched, mentions, the visible
   * average rating) moves the agent's expected value of an item, times its conformity. The
   * expectation drives the choice to watch and is what the experience is later compared with.
   * Default fitted by `calibrateHerding` to Muchnik, Aral & Taylor (2013); see
   * `HERDING_FIT`.
   */
  social: w(HERDING_FIT.social),
  /** Social signal: log(1 + friends who watched it). */
  socialFriends: w(1),
  /** Social signal: log(1 + mentions received). */
  socialMentions: w(0.7),
  /** Social signal: (average rating − 3) / 2. */
  socialRating: w(0.5),
  /** Weight of novelty (genres the agent has consumed little). */
  novelty: w(0.5),
  /** Extra novelty weight for Explorers. */
  explorerNovelty: w(1),
  /** Utility removed from an item already watched. */
  rewatchPenalty: w(3),
  /** Logit temperature (utilities are divided by it; lower = more deterministic). */
  temperature: z.number().positive().default(1),
  // Browse: the no-choice options.
  /** Base utility of asking for the next page. */
  nextBase: w(1.5),
  /** Next page gains this per unit the best item falls short of `pageTarget`. */
  badPage: w(0.5),
  /** Item utility the agent hopes to find on a page. */
  pageTarget: w(3),
  /** Next page loses this per page already seen. */
  pageCost: w(0.3),
  /** Base utility of leaving. */
  leaveBase: w(0.5),
  /** Leaving gains this per item watched this session. */
  sessionFatigue: w(3.5),
  /** Leaving gains this per page already seen. */
  pageFatigue: w(0.4),
  /** Utility of items for Watchers (they stay and watch rather than leave). */
  watcherStay: w(0.5),
  /**
   * Searching for a heard-of item is worth that item's utility (mentions = times heard) plus
   * this (negative: the effort of searching).
   */
  searchBase: w(-1),
  /** Extra search utility for Explorers. */
  explorerSearch: w(1.5),
  /** Search gains this per log(1 + times heard of). */
  heardOf: w(0.5),
  // Choose.
  recommenderBase: w(1),
  watcherRecommender: w(1),
  explorerRecommender: w(0.5),
  socialBase: w(0.3),
  chatterSocial: w(1),
  posterSocial: w(1),
  /** Social gains this per log(1 + unread messages). */
  inbox: w(0.7),
  nothingBase: w(0.5),
  // Social.
  chatBase: w(0.5),
  chatterChat: w(1.5),
  postBase: w(0),
  posterPost: w(1.5),
  socialNothing: w(0.7),
  /** Chat gains this when a friend wrote to the agent (it replies to them). */
  reply: w(1),
  // Ratings.
  /** Rating points per unit of experienced utility above `ratingCenter`. */
  ratingScale: w(1.5),
  ratingCenter: w(0.6),
  /** Standard deviation of rating noise (in rating points). */
  ratingNoise: z.number().nonnegative().default(0.5),
  /**
   * Disconfirmation: rating points per unit the experience beat (or fell short of) the
   * expectation, as a share of `ratingScale` (a hyped item that disappoints is rated lower).
   * Not fitted: a fixed, named assumption.
   */
  disconfirmation: z.number().nonnegative().default(0.5),
  /**
   * Audience effect of rating in public: rating points per unit of the visible average's
   * distance from the middle ((avg − 3) / 2), times conformity. 0 switches it off. Default
   * fitted by `calibrateHerding` (see `HERDING_FIT`).
   */
  audience: z.number().nonnegative().default(HERDING_FIT.audience),
  /** Standard deviation of how an item turns out against what the agent's taste predicted. */
  experienceNoise: z.number().nonnegative().default(0.3),
  /** Rating points Critics take off. */
  criticHarshness: w(0.5),
  // Interest drift.
  /** Default drift rate after consuming an item. */
  driftRate: z.number().min(0).max(1).default(0.1),
  /** Explanations kept (by call site; oldest dropped first). */
  explainCapacity: z.number().int().nonnegative().default(1000),
});

/** Rule-brain weights (all set). */
export type RuleConfig = z.infer<typeof ruleConfigSchema>;
/** Rule-brain weights as written in a scenario (any subset). */
export type RuleConfigInput = z.input<typeof ruleConfigSchema>;

/** The defaults. */
export const DEFAULT_RULE_CONFIG: RuleConfig = ruleConfigSchema.parse({});
