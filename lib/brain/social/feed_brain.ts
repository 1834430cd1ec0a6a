/**
 * S3's feed decisions on the one Brain interface. A {@link FeedBrain} answers a social turn
 * whose feed holds messages with S3's decision logic (rule or LLM): repost, post or nothing,
 * and the emotion and stance that reading the feed leaves; every other behaviour (choosing an
 * activity, browsing the recommender, rating, chatting without a feed, interviews) goes to the
 * brain it wraps. So one agent can watch movies and pass news on in the same run, and the
 * registry can give any agent this brain.
 *
 * @module
 */
import type { Action } from "../action.ts";
import type { Brain, BrainKind, Decision } from "../brain.ts";
import type { DecisionContext, FeedPost, SocialContext } from "../context.ts";
import type { Profile } from "../../profile/schema.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "../../social/spread/params.ts";
import { attitudeOf, EMOTION_LEVELS } from "../../social/spread/types.ts";
import { ruleText } from "../../social/spread/texts.ts";
import type { AgentProfile, FeedItem, S3Brain, S3Context, S3Decision } from "./context.ts";

/** Options of a {@link FeedBrain}. */
export interface FeedBrainOptions {
  /** S3 rule parameters (the rule brain's share, emotion and confidence settings). */
  params?: RuleParamsInput;
}

/** The view S3's logic expects of a profile. */
function agentProfile(p: Profile): AgentProfile {
  return {
    id: p.id,
    gender: p.gender,
    age: p.age,
    occupation: p.career,
    description: p.interests.join(", "),
  };
}

function feedItem(p: FeedPost): FeedItem {
  return {
    message: {
      id: p.id,
      author: p.author,
      time: p.round,
      text: p.text,
      emotion: EMOTION_LEVELS[p.emotion] ?? "calm",
      stance: p.stance,
      kind: p.kind === "repost" ? "repost" : "post",
      authenticity: 1,
    },
    // A feed without a relevance model shows only followed accounts, all counted as relevant.
    relevance: p.relevance ?? 1,
    reposts: p.reposts,
  };
}

/** S3's decision logic for the social feed, wrapped around the agent's other brain. */
export class FeedBrain implements Brain {
  readonly kind: BrainKind;
  readonly name: string;
  readonly #feed: S3Brain;
  readonly #other: Brain;
  readonly #params: RuleParams;

  /**
   * @param feed S3's rule or LLM decision logic.
   * @param other The brain for everything else.
   * @param options Rule parameters.
   */
  constructor(feed: S3Brain, other: Brain, options: FeedBrainOptions = {}) {
    this.#feed = feed;
    this.#other = other;
    this.#params = ruleParams(options.params ?? {}, "feed brain params");
    this.kind = feed.name === "llm" ? "llm" : "rule";
    this.name = `feed:${feed.name} (S3 decisions) + ${other.name}`;
  }

  /**
   * Decides: a social turn with a non-empty feed by S3's logic; an agent with unread feed
   * messages opens the social network (S3's agents read their feed every step); the rest by
   * the wrapped brain.
   *
   * @param ctx The context.
   * @returns The decision, with the new emotion and stance as `mood` for feed decisions.
   *
   * @example A rule feed brain reposts a message it agrees with
   * ```ts
   * import { FeedBrain } from "@lib/brain/social/feed_brain.ts";
   * import { RuleS3Brain } from "@lib/brain/social/s3_rule.ts";
   * import { Rng } from "@lib/core/rng.ts";
   * import assert from "node:assert/strict";
   * const other = { kind: "rule" as const, name: "x", decide: () => Promise.reject(new Error("unused")) };
   * const brain = new FeedBrain(new RuleS3Brain(), other, { params: { shareBase: 1 } });
   * const post = { id: "m1", author: "b", round: 0, text: "news", kind: "post" as const, parent: null,
   *   eventId: "e", emotion: 2, stance: 0.8, reposts: 0 };
   * const d = await brain.decide({ behaviour: "social", agentId: "a", rng: new Rng(1), callSite: "1:a",
   *   profile: { id: "a", name: "A", gender: "f", age: 30, traits: [], career: "x", interests: [],
   *     features: [], extras: {} },
   *   state: { genreWeights: {}, watched: [], ratings: {}, heardOf: {}, conformity: 0.5, busyRounds: 0,
   *     stances: { e: 0.7 } },
   *   time: { round: 1, iso: "", label: "" }, memories: [], friends: [], recent: [], inbox: [],
   *   feed: [post], shared: [] });
   * assert.deepEqual(d.action, { type: "repost", messageId: "m1" });
   * assert.ok(d.mood !== undefined && "e" in d.mood.stances);
   * ```
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    if (ctx.behaviour === "choose" && (ctx.feedUnread ?? 0) > 0) {
      return Promise.resolve({
        action: { type: "choose", activity: "social" },
        brain: "rule",
        rationale: "There is news in my feed.",
        memory: null,
        calls: 0,
        tokens: 0,
        failure: null,
        cached: false,
      });
    }
    if (ctx.behaviour !== "social" || !ctx.feed?.length) return this.#other.decide(ctx);
    return this.#decideFeed(ctx, ctx.feed);
  }

  async #decideFeed(ctx: SocialContext, feed: FeedPost[]): Promise<Decision> {
    // S3's logic weighs one event at a time: the one of the best-ranked message about an event.
    const eventId = feed.find((p) => p.eventId !== null)?.eventId ?? null;
    const stance = eventId === null ? 0 : ctx.state.stances?.[eventId] ?? ctx.state.leaning ?? 0;
    const firstSeen = Math.min(
      ...feed.filter((p) => p.eventId === eventId).map((p) => p.round),
    );
    const s3: S3Context = {
      t: ctx.time.round,
      sinceEvent: Math.max(0, ctx.time.round - firstSeen),
      profile: agentProfile(ctx.profile),
      emotion: ctx.state.emotion ?? 0,
      stance,
      hasShared: eventId !== null && (ctx.shared ?? []).includes(eventId),
      feed: feed.map(feedItem),
      // What the engine's memory recalls for this reading: the agent's own earlier posts and
      // reposts, shown as S3 shows remembered messages.
      memories: ctx.memories.map((text, k) => ({
        message: {
          id: `memory:${k}`,
          author: ctx.agentId,
          time: ctx.time.round,
          text,
          emotion: EMOTION_LEVELS[ctx.state.emotion ?? 0] ?? "calm",
          stance,
          kind: "post",
          authenticity: 1,
        },
        relevance: 1,
      })),
      params: this.#params,
      rng: ctx.rng,
      callSite: ctx.callSite,
    };
    let d: S3Decision;
    try {
      d = await this.#feed.decide(s3);
    } catch (e) {
      d = {
        behaviour: "nothing",
        source: null,
        text: null,
        emotion: s3.emotion,
        stance,
        failure: `feed brain threw: ${(e as Error).message}`,
      };
    }
    const source = d.source === null ? null : feed[d.source] ?? null;
    const action: Action = d.behaviour === "repost" && source
      ? { type: "repost", messageId: source.id }
      : d.behaviour === "comment" && source && d.text
      ? { type: "comment", messageId: source.id, text: d.text }
      : d.behaviour === "post" && source
      ? {
        type: "post",
        text: d.text ??
          ruleText(source.text, EMOTION_LEVELS[d.emotion] ?? "calm", attitudeOf(d.stance)),
        itemIds: [],
        parent: source.id,
      }
      : { type: "nothing" };
    const said = action.type === "repost"
      ? `I reposted @${source!.author}: ${source!.text}`
      : action.type === "comment"
      ? `I commented on @${source!.author}: ${action.text}`
      : action.type === "post"
      ? `I posted: ${action.text}`
      : "";
    return {
      action,
      brain: this.kind,
      rationale: said,
      memory: said ? { text: said, importance: 4 } : null,
      calls: d.usage?.calls ?? 0,
      tokens: d.usage?.tokens ?? 0,
      failure: d.failure,
      cached: d.usage?.cached ?? false,
      mood: { emotion: d.emotion, stances: eventId === null ? {} : { [eventId]: d.stance } },
    };
  }
}
