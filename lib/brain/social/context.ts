/**
 * What an S3 brain is given and what it returns. The engine builds the context (shown feed,
 * memories, own state, a seeded rng forked for this agent and step) and applies the decision;
 * a brain never touches the world.
 *
 * @module
 */
import type { Rng } from "@lib/core/rng.ts";
import type { Memory, Message } from "@lib/memory/message_pool.ts";
import type { RuleParams } from "@lib/social/spread/params.ts";
import type { S3Behaviour } from "@lib/social/spread/types.ts";

/** Who the agent is, as prompts see it. */
export interface AgentProfile {
  id: string;
  gender: string;
  age: number | null;
  occupation: string;
  /** Interests or self-description, used for relevance. */
  description: string;
}

/** A message in a feed with how it scores for this viewer. */
export interface FeedItem {
  message: Message;
  /** Relevance to the viewer's profile in [0, 1]. */
  relevance: number;
  /** Reposts so far. */
  reposts: number;
}

/** Everything a brain may look at. */
export interface S3Context {
  /** Current step. */
  t: number;
  /** Steps since the event was injected. */
  sinceEvent: number;
  profile: AgentProfile;
  /** Own emotion level (0..2) and stance. */
  emotion: number;
  stance: number;
  /** Whether the agent has shared the event before. */
  hasShared: boolean;
  /** Shown messages, best first. */
  feed: FeedItem[];
  /** Top memories. */
  memories: Memory[];
  /** Rule parameters (used by the rule brain). */
  params: RuleParams;
  /** Seeded for this agent and step. */
  rng: Rng;
  /** Call-site seed for LLM caches. */
  callSite: string;
}

/** What a brain decided. */
export interface S3Decision {
  /** S3's choices, and a comment when the brain offers one (the engine's feed). */
  behaviour: S3Behaviour | "comment";
  /** Index into the feed of the message reposted (or, for a post, that informed it). */
  source: number | null;
  /** Text of a new post. */
  text: string | null;
  /** New emotion level and stance. */
  emotion: number;
  stance: number;
  /** Why the decision failed (the agent then does nothing), or null. */
  failure: string | null;
  /** What the decision cost: LLM calls, tokens, and whether the reply came from the cache. */
  usage?: { calls: number; tokens: number; cached: boolean };
}

/** A decision maker. */
export interface S3Brain {
  /** Name recorded in runs. */
  readonly name: string;
  /**
   * @param ctx The agent's view.
   * @returns The decision (never throws).
   */
  decide(ctx: S3Context): Promise<S3Decision>;
}
