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
  /** Interest weight per genre (non-negative; drifts after consumption). */
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
}

/** Choose recommender / social / nothing. */
export interface ChooseContext extends BaseContext {
  behaviour: "choose";
  /** Unread messages and posts waiting in the social network. */
  unread: number;
  /** Whether the agent has friends to talk to. */
  hasFriends: boolean;
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
