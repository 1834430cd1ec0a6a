/**
 * Actions: what a brain decides, as a zod discriminated union. Every brain (LLM, rule,
 * embedding, human) returns these; the engine validates them against the behaviour that was
 * asked for and applies them to the world.
 *
 * @module
 */
import { z } from "zod";

/**
 * The behaviours a brain is asked to decide, each with its own action subset (not the finer
 * prompt behaviours a simplified profile is built for, nor S3's post/repost choice).
 */
export const DECISION_BEHAVIOURS = ["choose", "browse", "feel", "social", "interview"] as const;

/** One behaviour. */
export type Behaviour = typeof DECISION_BEHAVIOURS[number];

/** Top-level choice of a turn: go to the recommender, to the social network, or do nothing. */
export const chooseActionSchema = z.object({
  type: z.literal("choose"),
  activity: z.enum(["recommender", "social", "nothing"]),
});

/** Watch one item of the current page. */
export const watchActionSchema = z.object({ type: z.literal("watch"), itemId: z.string() });
/** Ask for the next page of recommendations. */
export const nextPageActionSchema = z.object({ type: z.literal("next_page") });
/** Search the catalog. */
export const searchActionSchema = z.object({ type: z.literal("search"), query: z.string() });
/** Leave the recommender. */
export const leaveActionSchema = z.object({ type: z.literal("leave") });

/** After watching: a one-line feeling (item names in <>) and a 1–5 rating. */
export const feelActionSchema = z.object({
  type: z.literal("feel"),
  itemId: z.string(),
  rating: z.number().int().min(1).max(5),
  feeling: z.string(),
});

/** One line of a dialogue. */
export const dialogueLineSchema = z.object({ speaker: z.string(), text: z.string() });

/** A one-to-one chat with a friend (the whole dialogue, as RecAgent generates it). */
export const chatActionSchema = z.object({
  type: z.literal("chat"),
  friendId: z.string(),
  dialogue: z.array(dialogueLineSchema).min(1),
  /** Items the dialogue mentions. */
  itemIds: z.array(z.string()),
});

/** A one-to-many broadcast that every friend receives. */
export const postActionSchema = z.object({
  type: z.literal("post"),
  text: z.string(),
  itemIds: z.array(z.string()),
  /** The social-feed message that prompted the post, if any (its event travels with it). */
  parent: z.string().optional(),
});

/** Repost a message of the social feed to one's followers and friends. */
export const repostActionSchema = z.object({ type: z.literal("repost"), messageId: z.string() });

/** Comment on a message of the social feed. */
export const commentActionSchema = z.object({
  type: z.literal("comment"),
  messageId: z.string(),
  text: z.string(),
});

/** Do nothing (also the safe fallback of every behaviour). */
export const nothingActionSchema = z.object({ type: z.literal("nothing") });

/** An answer to an interview question. */
export const answerActionSchema = z.object({ type: z.literal("answer"), text: z.string() });

/** Every action. */
export const actionSchema = z.discriminatedUnion("type", [
  chooseActionSchema,
  watchActionSchema,
  nextPageActionSchema,
  searchActionSchema,
  leaveActionSchema,
  feelActionSchema,
  chatActionSchema,
  postActionSchema,
  repostActionSchema,
  commentActionSchema,
  nothingActionSchema,
  answerActionSchema,
]);

/** An action. */
export type Action = z.infer<typeof actionSchema>;
/** An action of a given type. */
export type ActionOf<T extends Action["type"]> = Extract<Action, { type: T }>;

/** Which action types answer which behaviour. */
export const ACTIONS_BY_BEHAVIOUR: Readonly<Record<Behaviour, readonly Action["type"][]>> = {
  choose: ["choose"],
  browse: ["watch", "next_page", "search", "leave"],
  feel: ["feel"],
  social: ["chat", "post", "repost", "comment", "nothing"],
  interview: ["answer"],
};

/**
 * Whether an action answers a behaviour.
 *
 * @param behaviour The behaviour asked for.
 * @param action The action returned.
 * @returns true when the action type belongs to the behaviour.
 *
 * @example Leaving fits browsing, posting does not
 * ```ts
 * import { actionFits } from "@lib/brain/action.ts";
 * import assert from "node:assert/strict";
 * assert.ok(actionFits("browse", { type: "leave" }));
 * assert.ok(!actionFits("browse", { type: "post", text: "hi", itemIds: [] }));
 * ```
 */
export function actionFits(behaviour: Behaviour, action: Action): boolean {
  return ACTIONS_BY_BEHAVIOUR[behaviour].includes(action.type);
}
