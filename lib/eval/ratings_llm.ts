/**
 * The LLM brain's side of the rating protocol: one structured call per user, with the same
 * aligned history the selection prompt uses (age, gender, occupation and the most recent rated
 * films), asking for a 1–5 rating of each held-out film.
 *
 * @module
 */
import { z } from "zod";
import type { ChatMessage, StructuredLlm } from "../llm/types.ts";
import type { Profile } from "../profile/schema.ts";
import type { Item } from "../recsys/item.ts";
import type { HistoryEntry } from "./selection_data.ts";

/**
 * The reply: one integer rating per film, in order.
 *
 * @param n Films to rate.
 * @returns The zod schema.
 */
export function ratingReplySchema(n: number) {
  return z.object({
    ratings: z.array(z.number().int().min(1).max(5)).length(n),
  });
}

function line(item: Item): string {
  return `<${item.title}> (${item.year ?? "year unknown"}; ${item.genres.join(", ")})`;
}

/**
 * Builds the rating messages.
 *
 * @param profile The aligned profile (age, gender, occupation).
 * @param history The user's history before the held-out ratings.
 * @param items The films to rate.
 * @param recentK Most recent history items listed (default 15).
 * @returns System and user messages.
 *
 * @example The prompt lists the history with ratings and the films without
 * ```ts
 * import { ratingMessages } from "@lib/eval/ratings_llm.ts";
 * import assert from "node:assert/strict";
 * const item = (id: string) => ({ id, title: `Film ${id}`, genres: ["Drama"], year: 1990, description: "", popularity: 0, quality: 0 });
 * const p = { id: "ml:1", name: "User 1", gender: "female", age: 30, traits: [], career: "writer", interests: [], features: [], extras: {} };
 * const [, user] = ratingMessages(p, [{ item: item("a"), rating: 4, timestamp: 0 }], [item("b")]);
 * assert.match(user.content, /<Film a>.*you rated it 4\/5/);
 * assert.match(user.content, /\[1\] <Film b>/);
 * ```
 */
export function ratingMessages(
  profile: Profile,
  history: readonly HistoryEntry[],
  items: readonly Item[],
  recentK = 15,
): ChatMessage[] {
  const recent = history.slice(-recentK).map((e) =>
    `- ${line(e.item)}: you rated it ${e.rating}/5`
  );
  const user = [
    `You are ${profile.name}, a ${profile.age}-year-old ${profile.gender} ${profile.career}.`,
    "",
    "The movies you watched most recently (oldest first):",
    ...(recent.length ? recent : ["- (none)"]),
    "",
    "You have just watched these movies:",
    ...items.map((c, i) => `[${i + 1}] ${line(c)}`),
    "",
    `Rate each of the ${items.length} movies from 1 (hated it) to 5 (loved it), in the order ` +
    "listed, judging only from who you are and how you rated movies before.",
  ].join("\n");
  return [
    {
      role: "system",
      content: "You play a real movie viewer. Stay in character and answer in JSON with one " +
        "integer rating per movie.",
    },
    { role: "user", content: user },
  ];
}

/**
 * Asks the LLM for ratings.
 *
 * @param llm Any structured LLM.
 * @param profile The aligned profile.
 * @param history The history.
 * @param items Films to rate.
 * @param seed Call-site seed for the cache key.
 * @returns Ratings (null when the call failed) and the tokens spent.
 */
export async function llmRatings(
  llm: StructuredLlm,
  profile: Profile,
  history: readonly HistoryEntry[],
  items: readonly Item[],
  seed: string,
): Promise<{ ratings: number[] | null; tokens: number; failure: string | null }> {
  const r = await llm.complete({
    messages: ratingMessages(profile, history, items),
    schema: ratingReplySchema(items.length),
    schemaName: "ratings",
    meta: { agentId: profile.id, behaviour: "rating", seed },
    temperature: 0,
  });
  return {
    ratings: r.ok ? r.value.ratings : null,
    tokens: r.usage.promptTokens + r.usage.completionTokens,
    failure: r.ok ? null : r.error,
  };
}
