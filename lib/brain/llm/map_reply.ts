/**
 * From a validated model reply to an action. What the schema cannot rule out is repaired to
 * the nearest valid meaning (a rating of 4.6 → 5, a chat with no friend named → the closest
 * friend, "watch" with no number but a page title in the rationale → that item) and every
 * repair is recorded; what cannot be repaired becomes a failure, and the brain falls back to
 * the safe action.
 *
 * @module
 */
import type { Action } from "../action.ts";
import type { DecisionContext } from "../context.ts";
import type { Item } from "../../recsys/item.ts";
import type {
  BrowseReply,
  ChooseReply,
  FeelReply,
  InterviewReply,
  Reply,
  SocialReply,
} from "./schemas.ts";

/** The outcome of mapping a reply. */
export type MappedReply =
  | { ok: true; action: Action; repairs: string[] }
  | { ok: false; error: string };

/**
 * Titles named in <angle brackets>.
 *
 * @param text Any text.
 * @returns The bracketed names, trimmed, in order.
 *
 * @example Names in angle brackets
 * ```ts
 * import { bracketedNames } from "@lib/brain/llm/map_reply.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(bracketedNames("I loved <Alien> and < Up >."), ["Alien", "Up"]);
 * ```
 */
export function bracketedNames(text: string): string[] {
  return [...text.matchAll(/<([^<>]+)>/g)].map((m) => m[1].trim()).filter((t) => t.length > 0);
}

const key = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * Ids of known items named in a text, in <brackets>, matched on title letters and digits.
 *
 * @param text The text.
 * @param items Items that may be named.
 * @returns Distinct ids in order of first mention; unknown names are dropped.
 */
export function mentionedItems(text: string, items: readonly Item[]): string[] {
  const byTitle = new Map(items.map((i) => [key(i.title), i.id]));
  const ids = bracketedNames(text).map((t) => byTitle.get(key(t))).filter((id) => id !== undefined);
  return [...new Set(ids)];
}

/**
 * Maps a reply to an action for a context.
 *
 * @param ctx The context the reply answers.
 * @param reply The validated reply.
 * @returns The action with the repairs made, or an error.
 *
 * @example A fractional rating is rounded
 * ```ts
 * import { mapReply } from "@lib/brain/llm/map_reply.ts";
 * import assert from "node:assert/strict";
 * const ctx = { behaviour: "feel", item: { item: { id: "i1", title: "Alien" } } };
 * const r = mapReply(ctx as never, { feeling: "Loved <Alien>.", rating: 4.6, rationale: "", memory: "", importance: 5 });
 * assert.deepEqual(r, { ok: true, action: { type: "feel", itemId: "i1", rating: 5, feeling: "Loved <Alien>." }, repairs: ["rating 4.6 → 5"] });
 * ```
 */
export function mapReply(ctx: DecisionContext, reply: Reply): MappedReply {
  const repairs: string[] = [];
  const done = (action: Action): MappedReply => ({ ok: true, action, repairs });
  switch (ctx.behaviour) {
    case "choose":
      return done({ type: "choose", activity: (reply as ChooseReply).activity });
    case "feel": {
      const r = reply as FeelReply;
      const rating = Number.isFinite(r.rating) ? Math.min(5, Math.max(1, Math.round(r.rating))) : 3;
      if (rating !== r.rating) repairs.push(`rating ${r.rating} → ${rating}`);
      let feeling = r.feeling.trim();
      if (!feeling) {
        feeling = r.rationale.trim();
        if (!feeling) return { ok: false, error: "feel: empty feeling" };
        repairs.push("empty feeling → rationale");
      }
      return done({ type: "feel", itemId: ctx.item.item.id, rating, feeling });
    }
    case "interview": {
      const answer = (reply as InterviewReply).answer.trim();
      return answer ? done({ type: "answer", text: answer }) : { ok: false, error: "empty answer" };
    }
    case "browse":
      return mapBrowse(ctx, reply as BrowseReply, repairs);
    case "social":
      return mapSocial(ctx, reply as SocialReply, repairs);
  }
}

function mapBrowse(
  ctx: Extract<DecisionContext, { behaviour: "browse" }>,
  r: BrowseReply,
  repairs: string[],
): MappedReply {
  const done = (action: Action): MappedReply => ({ ok: true, action, repairs });
  switch (r.decision) {
    case "watch": {
      if (r.item !== null) {
        return done({ type: "watch", itemId: ctx.page[Number(r.item) - 1].item.id });
      }
      const named = mentionedItems(`${r.rationale} ${r.memory}`, ctx.page.map((s) => s.item));
      if (named.length === 0) {
        return { ok: false, error: "watch: no item number and no page title named" };
      }
      repairs.push("watch without item number → the page item named in the rationale");
      return done({ type: "watch", itemId: named[0] });
    }
    case "search": {
      const query = (r.query ?? "").trim();
      if (query) return done({ type: "search", query });
      repairs.push("search without a query → next page");
      return done({ type: "next_page" });
    }
    case "next_page":
      return done({ type: "next_page" });
    case "leave":
      return done({ type: "leave" });
  }
}

function mapSocial(
  ctx: Extract<DecisionContext, { behaviour: "social" }>,
  r: SocialReply,
  repairs: string[],
): MappedReply {
  const known = ctx.recent.map((x) => x.item);
  if (r.decision === "nothing") return { ok: true, action: { type: "nothing" }, repairs };
  if (r.decision === "post") {
    const text = (r.post ?? "").trim();
    if (!text) return { ok: false, error: "post: empty text" };
    return {
      ok: true,
      action: { type: "post", text, itemIds: mentionedItems(text, known) },
      repairs,
    };
  }
  let friend = ctx.friends.find((f) => f.id === r.friend);
  if (!friend) {
    friend = [...ctx.friends].sort((a, b) =>
      b.closeness - a.closeness || a.id.localeCompare(b.id)
    )[0];
    if (!friend) return { ok: false, error: "chat: the agent has no friends" };
    repairs.push(`chat without a friend → closest friend ${friend.id}`);
  }
  const lines = r.dialogue.map((l) => ({
    speaker: l.speaker === "me" ? ctx.agentId : friend.id,
    text: l.text.trim(),
  }))
    .filter((l) => l.text.length > 0);
  if (lines.length === 0) return { ok: false, error: "chat: empty dialogue" };
  const itemIds = mentionedItems(lines.map((l) => l.text).join(" "), known);
  return {
    ok: true,
    action: { type: "chat", friendId: friend.id, dialogue: lines, itemIds },
    repairs,
  };
}
