/**
 * The reply schema of each behaviour, built per context so that references can only be valid:
 * page items by their number on the page, friends by id. Every schema also carries a short
 * rationale, a one-sentence memory and its importance, so remembering costs no extra call.
 * The schemas suit strict structured outputs: every field required (nullable where it may
 * not apply), no records, enums over what the agent sees.
 *
 * @module
 */
import { z } from "zod";
import type { DecisionContext } from "../context.ts";

const common = {
  /** One short first-person sentence saying why. */
  rationale: z.string(),
  /** One sentence worth remembering of this moment. */
  memory: z.string(),
  /** How important that memory is, 1 (trivial) to 10; out-of-range values are clamped. */
  importance: z.number(),
};

/** Choose: recommender, social network or nothing. */
export const chooseReplySchema = z.object({
  activity: z.enum(["recommender", "social", "nothing"]),
  ...common,
});

/** Feel: a one-line feeling and a rating (rounded and clamped to 1–5 when off). */
export const feelReplySchema = z.object({ feeling: z.string(), rating: z.number(), ...common });

/** Interview: the answer. */
export const interviewReplySchema = z.object({ answer: z.string(), ...common });

/**
 * The browse schema for a page: `item` is the 1-based number of a page item.
 *
 * @param pageSize Items on the page.
 * @returns The schema.
 */
export function browseReplySchema(pageSize: number) {
  const numbers = Array.from({ length: pageSize }, (_, i) => String(i + 1));
  const decisions = pageSize > 0
    ? ["watch", "next_page", "search", "leave"] as const
    : ["next_page", "search", "leave"] as const;
  return z.object({
    decision: z.enum(decisions),
    item: numbers.length > 0 ? z.enum(numbers as [string, ...string[]]).nullable() : z.null(),
    query: z.string().nullable(),
    ...common,
  });
}

/**
 * The social schema for a set of friends: `friend` is a friend's id; dialogue speakers are
 * "me" and "friend".
 *
 * @param friendIds The agent's friends.
 * @returns The schema.
 */
export function socialReplySchema(friendIds: readonly string[]) {
  const decisions = friendIds.length > 0
    ? ["chat", "post", "nothing"] as const
    : ["post", "nothing"] as const;
  return z.object({
    decision: z.enum(decisions),
    friend: friendIds.length > 0 ? z.enum(friendIds as [string, ...string[]]).nullable() : z.null(),
    dialogue: z.array(z.object({ speaker: z.enum(["me", "friend"]), text: z.string() })),
    post: z.string().nullable(),
    ...common,
  });
}

/** Browse reply. */
export type BrowseReply = z.infer<ReturnType<typeof browseReplySchema>>;
/** Social reply. */
export type SocialReply = z.infer<ReturnType<typeof socialReplySchema>>;
/** Choose reply. */
export type ChooseReply = z.infer<typeof chooseReplySchema>;
/** Feel reply. */
export type FeelReply = z.infer<typeof feelReplySchema>;
/** Interview reply. */
export type InterviewReply = z.infer<typeof interviewReplySchema>;
/** Any reply. */
export type Reply = BrowseReply | SocialReply | ChooseReply | FeelReply | InterviewReply;

/**
 * The reply schema for a context.
 *
 * @param ctx The decision context.
 * @returns The schema to send with the call.
 *
 * @example Only items on the page can be named
 * ```ts
 * import { replySchema } from "@lib/brain/llm/schemas.ts";
 * import assert from "node:assert/strict";
 * const s = replySchema({ behaviour: "browse", page: [{}, {}] } as never);
 * const base = { decision: "watch", query: null, rationale: "", memory: "", importance: 5 };
 * assert.ok(s.safeParse({ ...base, item: "2" }).success);
 * assert.ok(!s.safeParse({ ...base, item: "3" }).success);
 * ```
 */
export function replySchema(ctx: DecisionContext): z.ZodType<Reply> {
  switch (ctx.behaviour) {
    case "choose":
      return chooseReplySchema;
    case "browse":
      return browseReplySchema(ctx.page.length) as z.ZodType<Reply>;
    case "feel":
      return feelReplySchema;
    case "social":
      return socialReplySchema(ctx.friends.map((f) => f.id)) as z.ZodType<Reply>;
    case "interview":
      return interviewReplySchema;
  }
}
