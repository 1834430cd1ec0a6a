/**
 * Checks an action from outside (a person, a web page, a notebook) against the context it
 * answers: the zod schema, the behaviour, and its references (the item must be on the page,
 * the friend one of the agent's friends).
 *
 * @module
 */
import { formatIssues } from "../core/errors.ts";
import { type Action, actionFits, actionSchema } from "./action.ts";
import type { DecisionContext } from "./context.ts";

/** A checked action or why it was rejected. */
export type CheckedAction = { ok: true; action: Action } | { ok: false; error: string };

/**
 * Validates an action for a context.
 *
 * @param ctx The context it answers.
 * @param value The proposed action (any JSON value).
 * @returns The action, or an error naming what is wrong.
 *
 * @example Items off the page and wrong actions are refused
 * ```ts
 * import { checkAction } from "@lib/brain/validate.ts";
 * import assert from "node:assert/strict";
 * const ctx = { behaviour: "browse", page: [{ item: { id: "i1" } }] } as never;
 * assert.ok(checkAction(ctx, { type: "watch", itemId: "i1" }).ok);
 * assert.match((checkAction(ctx, { type: "watch", itemId: "zz" }) as { error: string }).error, /not on the page/);
 * assert.match((checkAction(ctx, { type: "post", text: "hi", itemIds: [] }) as { error: string }).error, /does not answer browse/);
 * ```
 */
export function checkAction(ctx: DecisionContext, value: unknown): CheckedAction {
  const parsed = actionSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: formatIssues(parsed.error.issues) };
  const action = parsed.data;
  if (!actionFits(ctx.behaviour, action)) {
    return { ok: false, error: `action "${action.type}" does not answer ${ctx.behaviour}` };
  }
  if (action.type === "watch" && ctx.behaviour === "browse") {
    if (!ctx.page.some((s) => s.item.id === action.itemId)) {
      return { ok: false, error: `item ${action.itemId} is not on the page` };
    }
  }
  if (action.type === "feel" && ctx.behaviour === "feel" && action.itemId !== ctx.item.item.id) {
    return { ok: false, error: `feel names item ${action.itemId}, not ${ctx.item.item.id}` };
  }
  if ((action.type === "repost" || action.type === "comment") && ctx.behaviour === "social") {
    if (!(ctx.feed ?? []).some((p) => p.id === action.messageId)) {
      return { ok: false, error: `message ${action.messageId} is not in the feed` };
    }
  }
  if (action.type === "chat" && ctx.behaviour === "social") {
    if (!ctx.friends.some((f) => f.id === action.friendId)) {
      return { ok: false, error: `${action.friendId} is not a friend of ${ctx.agentId}` };
    }
  }
  return { ok: true, action };
}

/**
 * A first-person sentence about an action, for the memory of a decision made without words
 * (a person's click).
 *
 * @param ctx The context.
 * @param action The action.
 * @returns The sentence.
 */
export function describeAction(ctx: DecisionContext, action: Action): string {
  const when = `On ${ctx.time.label}`;
  const title = (id: string) =>
    ctx.behaviour === "browse"
      ? ctx.page.find((s) => s.item.id === id)?.item.title ?? id
      : ctx.behaviour === "feel"
      ? ctx.item.item.title
      : id;
  const feedText = (id: string) => {
    const m = ctx.behaviour === "social" ? ctx.feed?.find((p) => p.id === id) : undefined;
    return m ? `@${m.author}: ${m.text}` : id;
  };
  switch (action.type) {
    case "choose":
      return `${when} I chose ${
        action.activity === "nothing" ? "to rest" : `the ${action.activity}`
      }.`;
    case "watch":
      return `${when} I chose to watch <${title(action.itemId)}>.`;
    case "next_page":
      return `${when} I asked for more recommendations.`;
    case "search":
      return `${when} I searched for ${action.query}.`;
    case "leave":
      return `${when} I left the recommender.`;
    case "feel":
      return `${when} I rated <${title(action.itemId)}> ${action.rating}/5: ${action.feeling}`;
    case "chat":
      return `${when} I chatted with ${action.friendId}.`;
    case "post":
      return `${when} I posted: ${action.text}`;
    case "repost":
      return `${when} I reposted ${feedText(action.messageId)}.`;
    case "comment":
      return `${when} I commented on ${feedText(action.messageId)}: ${action.text}`;
    case "nothing":
      return `${when} I did nothing.`;
    case "answer":
      return `${when} I was interviewed and said: ${action.text}`;
  }
}
