/**
 * The brain of an agent whose only activity is its social feed, as in S3: every turn it opens
 * the social network; there a {@link FeedBrain} answers whenever the feed shows something, and
 * this brain answers the turns whose feed is empty: the agent does nothing and, if an event has
 * reached it before, may calm down one level (S3's emotion decays without new stimuli).
 *
 * @module
 */
import type { Brain, Decision } from "../brain.ts";
import type { DecisionContext } from "../context.ts";
import { emotionStep } from "../../social/spread/dynamics.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "../../social/spread/params.ts";

/** The no-feed side of an S3 agent. */
export class FeedReader implements Brain {
  readonly kind = "rule" as const;
  readonly name = "feed reader (S3 agents only read their feed)";
  readonly #params: RuleParams;

  /** @param params S3 rule parameters (the calming rate). */
  constructor(params: RuleParamsInput = {}) {
    this.#params = ruleParams(params, "feed reader params");
  }

  /**
   * Decides: open the social network; there, with nothing in the feed, do nothing.
   *
   * @param ctx The context.
   * @returns The decision; an aware agent's emotion may cool as `mood`.
   *
   * @example An agent who knows of an event calms down when the feed falls silent
   * ```ts
   * import { FeedReader } from "@lib/brain/social/feed_reader.ts";
   * import { Rng } from "@lib/core/rng.ts";
   * import assert from "node:assert/strict";
   * const reader = new FeedReader({ calmRate: 1 });
   * const base = { agentId: "a", rng: new Rng(1), callSite: "1:a",
   *   profile: { id: "a", name: "A", gender: "f", age: 30, traits: [], career: "x", interests: [],
   *     features: [], extras: {} },
   *   state: { genreWeights: {}, watched: [], ratings: {}, heardOf: {}, conformity: 0.5, busyRounds: 0,
   *     emotion: 2, stances: { e: 0.4 } },
   *   time: { round: 3, iso: "", label: "" }, memories: [] };
   * const choose = await reader.decide({ ...base, behaviour: "choose", unread: 0, hasFriends: true });
   * assert.deepEqual(choose.action, { type: "choose", activity: "social" });
   * const social = await reader.decide({ ...base, behaviour: "social", friends: [], recent: [], inbox: [], feed: [] });
   * assert.deepEqual(social.action, { type: "nothing" });
   * assert.equal(social.mood?.emotion, 1);
   * ```
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    const decision = (action: Decision["action"], rationale: string): Decision => ({
      action,
      brain: "rule",
      rationale,
      memory: null,
      calls: 0,
      tokens: 0,
      failure: null,
      cached: false,
    });
    if (ctx.behaviour === "choose") {
      return Promise.resolve(decision({ type: "choose", activity: "social" }, "I check my feed."));
    }
    const nothing = decision({ type: "nothing" }, "Nothing new in my feed.");
    const aware = Object.keys(ctx.state.stances ?? {}).length > 0;
    if (ctx.behaviour !== "social" || !aware) return Promise.resolve(nothing);
    const level = ctx.state.emotion ?? 0;
    const emotion = emotionStep(level, NaN, 0, this.#params, ctx.rng.next());
    return Promise.resolve(
      emotion === level ? nothing : { ...nothing, mood: { emotion, stances: {} } },
    );
  }
}
