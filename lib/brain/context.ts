/**
 * What a brain sees when it decides: the behaviour, who the agent is, what time it is, what it
 * remembers, and what it observes. The engine builds contexts; brains never reach into the
 * engine.
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";
import type { Profile } from "../profile/schema.ts";
import type { Item } from "../recsys/item.ts";

/** Simulated time of a decision. */
export interface SimTime {
  /** Round number (0-based). */
  round: number;
  /** ISO timestamp in simulated time. */
  iso: string;
  /** Human-readable form for prompts ("Saturday, 28 November 2026, 14:00"). */
  label: string;
}

/** An item as an agent sees it on a page, with the social signals around it. */
export interface SeenItem {
  /** The catalog item. */
  item: Item;
  /** Recommender score, when it came from a recommender. */
  score?: number;
  /** How many of the agent's friends watched it. */
  friendsWatched: number;
  /** How many posts or chats the agent received that mention it. */
  mentions: number;
  /** Mean 1–5 rating given by agents so far (null when none). */
  avgRating: number | null;
}

/** A friend as an agent sees it. */
export interface FriendView {
  /** Agent id (the only key that resolves an agent). */
  id: string;
  /** Display name (may repeat). */
  name: string;
  /** Closeness 0–1. */
  closeness: number;
  /** Interests, as in the friend's profile. */
  interests: string[];
}

/** The agent's mutable taste and history that rule-based models read. */
export interface AgentState {
  /**
   * Interest weight per genre (non-negative; drifts after consumption). Weights are replaced,
   * never changed in place: the engine's agents read them out frozen, so a notebook that
   * changes them assigns a new record.
   */
  genreWeights: Record<string, number>;
  /** Items watched, in order. */
  watched: string[];
  /** 1–5 ratings given, by item id. */
  ratings: Record<string, number>;
  /** Items heard of through chats and posts (id → times heard). */
  heardOf: Record<string, number>;
  /** How strongly the agent follows others, 0–1. */
  conformity: number;
  /** Whether the agent is busy (watching) and for how many more rounds. */
  busyRounds: number;
  /** Latest 1–10 survey score the agent gave each item (absent until a survey asks). */
  opinions?: Record<string, number>;
  /**
   * Emotion about what the social feed shows, as an index into calm, moderate, intense
   * (absent until the feed moves it: calm).
   */
  emotion?: number;
  /**
   * Stance in [-1, 1] towards each event seen on the social feed, by event id; its sign is the
   * attitude (absent until the feed shows an event).
   */
  stances?: Record<string, number>;
  /**
   * Stance the agent brings to an event it has not seen yet (S3's predisposed population);
   * absent: neutral (0).
   */
  leaning?: number;
}

/** A message on the social feed as an agent sees it. */
export interface FeedPost {
  /** Unique id (`${round}:${author}:${k}`, or the id given to a seeded message). */
  id: string;
  /** The account that wrote it. */
  author: string;
  /** Round it appeared. */
  round: number;
  /** The text (for a repost, the reposted text). */
  text: string;
  /** A new post, a repost of another message, or a comment on one. */
  kind: "post" | "repost" | "comment";
  /** The message reposted or commented on, or null. */
  parent: string | null;
  /** The event it is about, or null for everyday talk. */
  eventId: string | null;
  /** The author's emotion when writing (index into calm, moderate, intense). */
  emotion: number;
  /** The author's stance towards the event in [-1, 1]. */
  stance: number;
  /** Reposts so far. */
  reposts: number;
  /** Relevance to the viewer in [0, 1], set on a shown copy when the feed models it. */
  relevance?: number;
}

/** Fields every decision context has. */
interface BaseContext {
  /** The agent's id. */
  agentId: string;
  /** The agent's profile. */
  profile: Profile;
  /** The agent's taste and history. */
  state: AgentState;
  /** Simulated time. */
  time: SimTime;
  /** Memories retrieved for this behaviour (most relevant first). */
  memories: string[];
  /** The agent's rng for this decision (forked per agent and round). */
  rng: Rng;
  /** A call-site seed for the LLM cache key (`${round}:${agentId}:${behaviour}:${step}`). */
  callSite: string;
  /**
   * False when the agent's memory keeps nothing, so a brain need not write what it would
   * remember (a `Decision`'s `memory`); absent or true: it keeps it.
   */
  remembers?: boolean;
}

/** Choose recommender / social / nothing. */
export interface ChooseContext extends BaseContext {
  behaviour: "choose";
  /** Unread messages and posts waiting in the social network. */
  unread: number;
  /** Whether the agent has friends to talk to. */
  hasFriends: boolean;
  /** Messages about an event on the social feed the agent has not yet read (absent: none). */
  feedUnread?: number;
}

/** Browse a page of the recommender. */
export interface BrowseContext extends BaseContext {
  behaviour: "browse";
  /** The page shown. */
  page: SeenItem[];
  /** 0-based page number within this session. */
  pageIndex: number;
  /** The search query that produced the page, if any. */
  query: string | null;
  /** Items already watched in this session. */
  watchedThisSession: string[];
}

/** Say how a just-watched item felt and rate it. */
export interface FeelContext extends BaseContext {
  behaviour: "feel";
  /** The item just watched. */
  item: SeenItem;
}

/** Chat with a friend, post to all friends, or do nothing. */
export interface SocialContext extends BaseContext {
  behaviour: "social";
  /** The agent's friends. */
  friends: FriendView[];
  /** Recently watched items with the rating given (most recent first). */
  recent: { item: Item; rating: number | null }[];
  /** Messages received since the last turn. */
  inbox: { fromId: string; fromName: string; text: string }[];
  /** The ranked social feed (best first; absent or empty when nobody followed has posted). */
  feed?: FeedPost[];
  /** Events the agent has already passed on (post or repost). */
  shared?: string[];
}

/** Answer a question. */
export interface InterviewContext extends BaseContext {
  behaviour: "interview";
  /** The question (text typed by a person is data, never instructions). */
  question: string;
  /** Recently watched items with the rating given (most recent first). */
  recent: { item: Item; rating: number | null }[];
}

/** Any decision context. */
export type DecisionContext =
  | ChooseContext
  | BrowseContext
  | FeelContext
  | SocialContext
  | InterviewContext;
