/**
 * The social feed of the one engine: every message posted, reposted or commented on by any
 * agent, and each agent's ranked view of what the accounts it follows and its friends wrote.
 * A turn reads the feed as it was at the start of the round (messages seeded before it
 * included); what turns write and the repost counts are applied after every turn, in the
 * active agents' order, so the feed is the same however concurrent decisions complete.
 *
 * @module
 */
import type { FeedPost } from "../brain/context.ts";
import { type RankerName, rankFeed, type RankInput } from "../social/feed_rank.ts";
import type { SocialGraph } from "../social/graph.ts";

/** How an agent's feed is ranked and cut. */
export interface FeedSettings {
  /** The ranker (default chronological). */
  ranker: RankerName;
  /** Messages shown per turn. */
  size: number;
  /** Per-round decay of the s3 ranker's score. */
  decay: number;
  /** Minutes per round (the hot ranker's clock). */
  stepMinutes: number;
}

/**
 * How a feed models S3's timeline beyond ranking: how long a message stays, how relevant it is
 * to each viewer, and the s3 ranker's decay (fixed by the world, not by each turn).
 */
export interface FeedModel {
  /** Rounds a message stays in feeds once it can be read (absent: for ever). */
  window?: number;
  /** Per-round decay of the s3 ranker's score (absent: the turn's setting). */
  decay?: number;
  /** Relevance in [0, 1] of a message to a viewer (absent: every message counts as 1). */
  relevance?: (viewerId: string, post: FeedPost) => number;
}

/**
 * The round from which a message can be read: a seeded message from the round it is seeded
 * in (before that round's turns), a turn's message from the next round (turns read the feed
 * as it was at the start of theirs).
 */
function readableFrom(p: FeedPost): number {
  return p.id.startsWith(SEED_PREFIX) ? p.round : p.round + 1;
}

/** Id prefix of seeded messages (see feed_seed.ts). */
export const SEED_PREFIX = "seed:";

/** Every feed message of a run. */
export class SocialFeed {
  readonly #posts: FeedPost[] = [];
  readonly #byId = new Map<string, FeedPost>();
  #model: FeedModel = {};
  /** Positions in #posts by author: a view reads the posts of a few accounts, not all posts. */
  readonly #byAuthor = new Map<string, number[]>();

  /**
   * Sets how the feed models S3's timeline (a world setting, rebuilt from the scenario).
   *
   * @param model Window, decay and relevance.
   */
  configure(model: FeedModel): void {
    this.#model = { ...model };
  }

  /**
   * Whether any message is about an event (news): what a feed reader is drawn by. Without it,
   * the choice of what to do next never needs the feed.
   *
   * @example
   * ```ts
   * import { SocialFeed } from "@lib/sim/social_feed.ts";
   * import assert from "node:assert/strict";
   * const feed = new SocialFeed();
   * const m = { text: "x", kind: "post" as const, parent: null, emotion: 0, stance: 0, reposts: 0, round: 0, author: "a" };
   * feed.add({ ...m, id: "1", eventId: null });
   * assert.equal(feed.hasNews, false);
   * feed.add({ ...m, id: "2", eventId: "e1" });
   * assert.equal(feed.hasNews, true);
   * feed.restore([{ ...m, id: "1", eventId: null }]);
   * assert.equal(feed.hasNews, false);
   * ```
   */
  get hasNews(): boolean {
    return this.#news > 0;
  }
  #news = 0;

  /** @returns Every message, in the order they were added. */
  get posts(): readonly FeedPost[] {
    return this.#posts;
  }

  /**
   * @param id A message id.
   * @returns The message, or undefined.
   */
  get(id: string): FeedPost | undefined {
    return this.#byId.get(id);
  }

  /**
   * Adds a message (a seeded event or what a turn wrote).
   *
   * @param post The message; its id must be new.
   * @throws Error when the id is already taken (ids are what reposts point at).
   */
  add(post: FeedPost): void {
    if (this.#byId.has(post.id)) throw new Error(`feed message ${post.id} already exists`);
    const copy = { ...post };
    const at = this.#byAuthor.get(copy.author);
    if (at) at.push(this.#posts.length);
    else this.#byAuthor.set(copy.author, [this.#posts.length]);
    this.#posts.push(copy);
    this.#byId.set(copy.id, copy);
    if (copy.eventId !== null) this.#news++;
  }

  /**
   * @param author An account.
   * @returns Its messages, in the order they were added.
   *
   * @example Only the author's messages, oldest first
   * ```ts
   * import { SocialFeed } from "@lib/sim/social_feed.ts";
   * import assert from "node:assert/strict";
   * const feed = new SocialFeed();
   * const m = { text: "x", kind: "post" as const, parent: null, eventId: null, emotion: 0, stance: 0, reposts: 0, round: 0 };
   * feed.add({ ...m, id: "1", author: "b" });
   * feed.add({ ...m, id: "2", author: "c" });
   * feed.add({ ...m, id: "3", author: "b" });
   * assert.deepEqual(feed.byAuthor("b").map((p) => p.id), ["1", "3"]);
   * ```
   */
  byAuthor(author: string): readonly FeedPost[] {
    return (this.#byAuthor.get(author) ?? []).map((i) => this.#posts[i]);
  }

  /**
   * Counts a repost of a message.
   *
   * @param id The reposted message.
   */
  repost(id: string): void {
    const m = this.#byId.get(id);
    if (m) m.reposts++;
  }

  /**
   * What an agent sees: messages by the accounts it follows and its friends, ranked and cut to
   * the feed size.
   *
   * @param graph The social graph.
   * @param agentId The viewer.
   * @param round The current round.
   * @param settings Ranker and size.
   * @returns Copies of the shown messages, best first.
   *
   * @example Newest first from followed accounts only
   * ```ts
   * import { SocialFeed } from "@lib/sim/social_feed.ts";
   * import { SocialGraph } from "@lib/social/graph.ts";
   * import assert from "node:assert/strict";
   * const g = new SocialGraph(["a", "b", "c", "d"]);
   * g.addEdge("a", "b");
   * g.addEdge("c", "d");
   * const feed = new SocialFeed();
   * const m = { text: "x", kind: "post" as const, parent: null, eventId: null, emotion: 0, stance: 0, reposts: 0 };
   * feed.add({ ...m, id: "1", author: "b", round: 0 });
   * feed.add({ ...m, id: "2", author: "b", round: 1 });
   * feed.add({ ...m, id: "3", author: "c", round: 1 });
   * const shown = feed.view(g, "a", 2, { ranker: "chronological", size: 5, decay: 0.8, stepMinutes: 60 });
   * assert.deepEqual(shown.map((p) => p.id), ["2", "1"]);
   * ```
   */
  view(graph: SocialGraph, agentId: string, round: number, settings: FeedSettings): FeedPost[] {
    // Every turn opens the feed; in a world with no messages yet that is a million empty sets.
    if (this.#posts.length === 0) return [];
    const sources = new Set([...graph.friends(agentId), ...graph.following(agentId)]);
    sources.delete(agentId);
    const { window, relevance } = this.#model;
    const at: number[] = [];
    for (const author of sources) for (const i of this.#byAuthor.get(author) ?? []) at.push(i);
    // Rank light stand-ins (the ranker's inputs and the post), not copies of every message an
    // account ever wrote, and copy only the ones shown: views get longer every round.
    const candidates: (RankInput & { id: string; post: FeedPost })[] = [];
    for (const i of at.sort((a, b) => a - b)) {
      const p = this.#posts[i];
      const readable = p.round <= round &&
        (window === undefined || (round >= readableFrom(p) && round - readableFrom(p) < window));
      if (!readable) continue;
      const r = relevance ? relevance(agentId, p) : 1;
      candidates.push({
        id: p.id,
        time: p.round,
        reposts: p.reposts,
        authenticity: 1,
        relevance: r,
        similarity: relevance ? 2 * r - 1 : 0,
        post: p,
      });
    }
    return rankFeed(candidates, settings.ranker, round, settings.size, {
      feedDecay: this.#model.decay ?? settings.decay,
      stepMinutes: settings.stepMinutes,
    }).map(({ post, relevance: r }) => {
      // A copy of the message, with the viewer's relevance only when the feed models it.
      const { relevance: _r, ...shown } = post;
      return relevance ? { ...shown, relevance: r } : shown;
    });
  }

  /** @returns The messages as JSON, for checkpoints. */
  toJSON(): FeedPost[] {
    return this.#posts.map((p) => ({ ...p }));
  }

  /**
   * Replaces the messages with saved ones.
   *
   * @param posts Saved messages.
   */
  restore(posts: readonly FeedPost[]): void {
    this.#posts.length = 0;
    this.#byId.clear();
    this.#byAuthor.clear();
    this.#news = 0;
    for (const p of posts) this.add(p);
  }
}
