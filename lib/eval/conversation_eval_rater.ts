/**
 * An LLM that fills in the conversation sheet: one structured call per agent and checkpoint,
 * asked only the questions that apply (no chat questions for an agent without chats). Its
 * rater id is `llm-rater:<model>` so the table never mistakes it for a person.
 *
 * @module
 */
import { z } from "zod";
import { mapLimit } from "../core/concurrency.ts";
import type { StructuredLlm } from "../llm/types.ts";
import {
  applicable,
  type ConversationItem,
  type ConversationQuestion,
  QUESTION_TEXT,
} from "./conversation_eval.ts";
import { CONVERSATION_CODEBOOK, type ConversationRating } from "./conversation_eval_sheet.ts";

/**
 * The reply schema for one item: one integer 1–5 per question that applies.
 *
 * @param questions The questions asked.
 * @returns A zod object schema.
 *
 * @example
 * ```ts
 * import { conversationReplySchema } from "@lib/eval/conversation_eval_rater.ts";
 * import assert from "node:assert/strict";
 * const s = conversationReplySchema(["post_profile"]);
 * assert.ok(s.safeParse({ post_profile: 4 }).success);
 * assert.ok(!s.safeParse({ post_profile: 6 }).success);
 * ```
 */
export function conversationReplySchema(
  questions: readonly ConversationQuestion[],
): z.ZodObject<Record<string, z.ZodNumber>> {
  return z.object(
    Object.fromEntries(questions.map((q) => [q, z.number().int().min(1).max(5)])),
  );
}

/**
 * The user message the LLM rater reads for one item.
 *
 * @param item The item.
 * @returns The message text.
 */
export function conversationPrompt(item: ConversationItem): string {
  const asked = applicable(item).map((q) => `${q}: ${QUESTION_TEXT[q]}`).join("\n");
  return `Profile: ${item.profile}\nPast behaviour (watched movies with ratings, oldest ` +
    `first): ${item.past}\n\nChats:\n${item.chats.join("\n") || "(none)"}\n\nPosts:\n${
      item.posts.join("\n") || "(none)"
    }\n\nAnswer these questions with an integer 1–5 each:\n${asked}`;
}

/**
 * Rates every item with an LLM (rater id `llm-rater:<model>`).
 *
 * @param llm Any structured LLM.
 * @param items Items (profile, past behaviour, chats and posts are shown).
 * @param concurrency Calls in flight (default 4).
 * @returns Ratings (failed calls are left out and counted).
 */
export async function llmRateConversations(
  llm: StructuredLlm,
  items: readonly ConversationItem[],
  concurrency = 4,
): Promise<{ ratings: ConversationRating[]; failures: number }> {
  const rater = `llm-rater:${llm.model}`;
  const out = await mapLimit(items, concurrency, async (item) => {
    const questions = applicable(item);
    const r = await llm.complete({
      messages: [
        {
          role: "system",
          content: CONVERSATION_CODEBOOK + "\nRate the person's chats and posts. Answer in JSON.",
        },
        { role: "user", content: conversationPrompt(item) },
      ],
      schema: conversationReplySchema(questions),
      schemaName: "conversation_rating",
      meta: { behaviour: "conversation-rater", seed: item.itemId },
      temperature: 0,
    });
    if (!r.ok) return null;
    const scores: ConversationRating["scores"] = {};
    for (const q of questions) scores[q] = r.value[q];
    return { itemId: item.itemId, rater, scores, line: 0 };
  });
  const ratings = out.filter((r) => r !== null);
  return { ratings, failures: out.length - ratings.length };
}
