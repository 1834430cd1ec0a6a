/**
 * The LLM brain's selection call: one structured request in which the agent (profile, its
 * retrieved memories and its most recent history) is shown a numbered candidate page and
 * picks exactly `a` items by number. Candidates appear only below {@link CANDIDATES_HEADER},
 * with title, year and genres: no popularity, rating or description that could tell the
 * ground truth apart.
 *
 * @module
 */
import { z } from "zod";
import type { Rng } from "../core/rng.ts";
import type { ChatMessage } from "../llm/types.ts";
import type { Item } from "../recsys/item.ts";
import type { HistoryAgent } from "./selection_agent.ts";
import type { HistoryEntry } from "./selection_data.ts";

/** The line that opens the candidate section of the prompt. */
export const CANDIDATES_HEADER = "Movies on the page now:";

/** The memory retrieval query of the selection behaviour (names no candidate). */
export const SELECTION_QUERY = "Which movies do I enjoy watching?";

/**
 * The reply schema for a page of n candidates and a picks.
 *
 * @param n Candidates on the page.
 * @param a Items to pick.
 * @returns A zod schema: `{ picks: number[a] in 1..n, reason: string }`.
 */
export function selectionReplySchema(n: number, a: number) {
  return z.object({
    picks: z.array(z.number().int().min(1).max(n)).min(a).max(a),
    reason: z.string(),
  });
}

/** A parsed selection reply. */
export type SelectionReply = z.infer<ReturnType<typeof selectionReplySchema>>;

function line(item: Item): string {
  return `<${item.title}> (${item.year ?? "year unknown"}; ${item.genres.join(", ")})`;
}

/**
 * Builds the selection messages.
 *
 * @param agent The agent built from the history.
 * @param history The history (for the recent list).
 * @param memories Retrieved memory texts.
 * @param candidates The shuffled page.
 * @param a Items to pick.
 * @param recentK Most recent history items listed (default 15).
 * @returns System and user messages.
 */
export function selectionMessages(
  agent: Pick<HistoryAgent, "profile">,
  history: readonly HistoryEntry[],
  memories: readonly string[],
  candidates: readonly Item[],
  a: number,
  recentK = 15,
): ChatMessage[] {
  const p = agent.profile;
  const recent = history.slice(-recentK).map((e) =>
    `- ${line(e.item)}: you rated it ${e.rating}/5`
  );
  const user = [
    `You are ${p.name}, a ${p.age}-year-old ${p.gender} ${p.career}.`,
    "",
    "What you remember about movies (most relevant first):",
    ...(memories.length ? memories.map((m) => `- ${m}`) : ["- (nothing)"]),
    "",
    `The movies you watched most recently (oldest first):`,
    ...(recent.length ? recent : ["- (none)"]),
    "",
    CANDIDATES_HEADER,
    ...candidates.map((c, i) => `[${i + 1}] ${line(c)}`),
    "",
    `Which ${a} of these ${candidates.length} movies would you watch? Pick exactly ${a} ` +
    `by their numbers, judging only from who you are and what you watched before.`,
  ].join("\n");
  return [
    {
      role: "system",
      content: "You play a real movie viewer. Stay in character and answer in JSON with the " +
        "numbers of the movies you pick and a one-sentence reason.",
    },
    { role: "user", content: user },
  ];
}

/**
 * Maps reply numbers to item ids: valid, distinct numbers in order, at most a; when fewer
 * than a are valid the rest are drawn at random from the remaining candidates and the
 * shortfall is reported.
 *
 * @param picks Numbers from the reply (1-based), or null when the call failed.
 * @param candidates The page.
 * @param a Items to pick.
 * @param rng Draws the fill-ins.
 * @returns Picked ids and a failure note (null when the reply was complete).
 *
 * @example
 * ```ts
 * import { mapPicks } from "@lib/eval/selection_prompt.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const page = ["x", "y", "z"].map((id) => ({ id, title: id, genres: ["Drama"], year: null, description: "", popularity: 0, quality: 0 }));
 * assert.deepEqual(mapPicks([3, 3, 1], page, 2, new Rng(1)), { ids: ["z", "x"], failure: null });
 * assert.equal(mapPicks([9], page, 1, new Rng(1)).failure, "0 of 1 picks were valid; 1 drawn at random");
 * ```
 */
export function mapPicks(
  picks: readonly number[] | null,
  candidates: readonly Item[],
  a: number,
  rng: Rng,
): { ids: string[]; failure: string | null } {
  const ids: string[] = [];
  for (const k of picks ?? []) {
    const c = Number.isInteger(k) ? candidates[k - 1] : undefined;
    if (c && !ids.includes(c.id) && ids.length < a) ids.push(c.id);
  }
  if (ids.length === a) return { ids, failure: null };
  const valid = ids.length;
  const rest = candidates.map((c) => c.id).filter((id) => !ids.includes(id));
  ids.push(...rng.sample(rest, a - valid));
  return { ids, failure: `${valid} of ${a} picks were valid; ${a - valid} drawn at random` };
}
