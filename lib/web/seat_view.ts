/**
 * The JSON-safe view of a decision waiting for a person: what the agent would see (the
 * recommender page, the item just watched, friends and inbox) without the context's
 * generator, memory objects or anything else that does not belong on a page.
 *
 * @module
 */
import { ACTIONS_BY_BEHAVIOUR } from "../brain/action.ts";
import type { DecisionContext, SeenItem } from "../brain/context.ts";
import type { Behaviour } from "../brain/action.ts";

/** An item as the page shows it. */
export interface ItemView {
  id: string;
  title: string;
  year: number | null;
  genres: string[];
  description: string;
  friendsWatched: number;
  mentions: number;
  avgRating: number | null;
}

/** A pending decision as the page shows it. */
export interface SeatView {
  agentId: string;
  name: string;
  behaviour: Behaviour;
  /** Action types that answer it. */
  allowed: string[];
  round: number;
  time: string;
  memories: string[];
  /** Wall-clock milliseconds left before the decision times out to the safe fallback. */
  remainingMs: number;
  choose?: { unread: number; hasFriends: boolean };
  browse?: { page: ItemView[]; pageIndex: number; query: string | null; watched: string[] };
  feel?: { item: ItemView };
  social?: {
    friends: { id: string; name: string; interests: string[] }[];
    recent: { id: string; title: string; rating: number | null }[];
    inbox: { fromId: string; fromName: string; text: string }[];
    /** The ranked social feed, when anyone followed has posted. */
    feed?: { id: string; author: string; text: string; kind: string; reposts: number }[];
  };
}

function itemView(s: SeenItem): ItemView {
  return {
    id: s.item.id,
    title: s.item.title,
    year: s.item.year ?? null,
    genres: [...s.item.genres],
    description: s.item.description ?? "",
    friendsWatched: s.friendsWatched,
    mentions: s.mentions,
    avgRating: s.avgRating,
  };
}

/**
 * Builds the page's view of a pending decision.
 *
 * @param ctx The decision context the engine asked the person's brain.
 * @param remainingMs Time left before the fallback.
 * @returns Plain JSON.
 *
 * @example The generator never reaches the page
 * ```ts
 * import { seatView } from "@lib/web/seat_view.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const ctx = { behaviour: "choose", agentId: "h1", profile: { name: "Me" }, memories: [],
 *   time: { round: 2, iso: "", label: "Monday" }, rng: new Rng(1), unread: 1, hasFriends: true };
 * const v = seatView(ctx as never, 5000);
 * assert.deepEqual(v.choose, { unread: 1, hasFriends: true });
 * assert.ok(!JSON.stringify(v).includes("rng"));
 * ```
 */
export function seatView(ctx: DecisionContext, remainingMs: number): SeatView {
  const base: SeatView = {
    agentId: ctx.agentId,
    name: ctx.profile.name,
    behaviour: ctx.behaviour,
    allowed: [...ACTIONS_BY_BEHAVIOUR[ctx.behaviour]],
    round: ctx.time.round,
    time: ctx.time.label,
    memories: [...ctx.memories],
    remainingMs: Math.max(0, Math.round(remainingMs)),
  };
  switch (ctx.behaviour) {
    case "choose":
      return { ...base, choose: { unread: ctx.unread, hasFriends: ctx.hasFriends } };
    case "browse":
      return {
        ...base,
        browse: {
          page: ctx.page.map(itemView),
          pageIndex: ctx.pageIndex,
          query: ctx.query,
          watched: [...ctx.watchedThisSession],
        },
      };
    case "feel":
      return { ...base, feel: { item: itemView(ctx.item) } };
    case "social":
      return {
        ...base,
        social: {
          friends: ctx.friends.map((f) => ({
            id: f.id,
            name: f.name,
            interests: [...f.interests],
          })),
          recent: ctx.recent.map((r) => ({ id: r.item.id, title: r.item.title, rating: r.rating })),
          inbox: ctx.inbox.map((m) => ({ ...m })),
          ...(ctx.feed?.length
            ? {
              feed: ctx.feed.map((p) => ({
                id: p.id,
                author: p.author,
                text: p.text,
                kind: p.kind,
                reposts: p.reposts,
              })),
            }
            : {}),
        },
      };
    case "interview":
      return base;
  }
}
