/**
 * The conversation rating sheet: export (with "n/a" written where a question does not
 * apply), codebook, import through the shared sheet reader (every bad row named by line and
 * column), and the table of mean scores per question and checkpoint with 95% intervals.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { meanCI } from "../core/stats.ts";
import {
  applicable,
  CONVERSATION_QUESTIONS,
  type ConversationItem,
  type ConversationQuestion,
  NOT_APPLICABLE,
  QUESTION_TEXT,
} from "./conversation_eval.ts";
import { readSheet, score15, toCsv } from "./rating_csv.ts";

/** Columns of the raters' sheet. */
export const CONVERSATION_COLUMNS = [
  "item_id",
  "agent_id",
  "checkpoint",
  "profile",
  "past_behaviour",
  "chats",
  "posts",
  "rater",
  ...CONVERSATION_QUESTIONS,
];

/** One rater's answers for one item; a question that does not apply has no score. */
export interface ConversationRating {
  itemId: string;
  rater: string;
  scores: Partial<Record<ConversationQuestion, number>>;
  /** Line in the file (0 for the LLM rater). */
  line: number;
}

/**
 * The raters' sheet: one row per agent and checkpoint, chats and posts one per line, "n/a"
 * already written where a question does not apply. With ratings it is the filled-in sheet
 * (one row per rating), in the format the import reads back.
 *
 * @param items Items.
 * @param ratings Ratings to fill in (default none: an empty sheet).
 * @returns CSV text.
 */
export function conversationSheetCsv(
  items: readonly ConversationItem[],
  ratings?: readonly ConversationRating[],
): string {
  const byId = new Map(items.map((it) => [it.itemId, it]));
  const rows = ratings
    ? ratings.map((r) => ({ item: byId.get(r.itemId)!, rating: r }))
    : items.map((item) => ({ item, rating: undefined }));
  return toCsv(
    CONVERSATION_COLUMNS,
    rows.map(({ item, rating }) => {
      const open = new Set(applicable(item));
      return {
        item_id: item.itemId,
        agent_id: item.agentId,
        checkpoint: item.checkpoint,
        profile: item.profile,
        past_behaviour: item.past,
        chats: item.chats.join("\n") || "(none)",
        posts: item.posts.join("\n") || "(none)",
        rater: rating?.rater ?? "",
        ...Object.fromEntries(CONVERSATION_QUESTIONS.map((q) => [
          q,
          open.has(q) ? rating?.scores[q] ?? "" : NOT_APPLICABLE,
        ])),
      };
    }),
  );
}

/** The codebook of the conversation sheet. */
export const CONVERSATION_CODEBOOK = `Conversation rating sheet — codebook

Each row is one simulated person at one point of a simulation: who the person is (profile),
which movies the person watched so far with the person's own ratings, and everything the
person said so far in private chats with friends and in public posts.

Columns
  item_id          Identifier of the row. Do not change it.
  agent_id         The simulated person.
  checkpoint       Rounds of the simulation completed at this point.
  profile          Name, gender, age, career, traits, interests and behavioural features.
  past_behaviour   Watched movies with the person's rating (1–5), oldest first.
  chats            Each chat the person took part in, one per line: who talked with whom,
                   then the dialogue (each turn starts with the speaker's agent id).
  posts            Each public post, one per line.
  rater            Your rater id (the same on every row you rate). Required.
${CONVERSATION_QUESTIONS.map((q) => `  ${q.padEnd(15)}  1–5: ${QUESTION_TEXT[q]}`).join("\n")}

Scores: 1 = clearly inconsistent, 2 = mostly inconsistent, 3 = neither, 4 = mostly
consistent, 5 = fully consistent. Where the person has no chats (or no posts) the chat (or
post) questions say "${NOT_APPLICABLE}": leave them so. Several raters may return several files,
or one file with several rows per item_id.
`;

/**
 * Reads a filled-in conversation sheet.
 *
 * @param text CSV text.
 * @param file Name for errors.
 * @param items The items the sheet was made from.
 * @returns Ratings.
 * @throws DataError naming line and column of the first bad row: unknown item, empty
 *   rater, a score outside 1–5, a score where the question does not apply (it must be
 *   "n/a" or empty), the same rater twice on an item.
 *
 * @example A score for chats the agent never had is rejected
 * ```ts
 * import { parseConversationRatings } from "@lib/eval/conversation_eval_sheet.ts";
 * import assert from "node:assert/strict";
 * const items = [{ itemId: "C001", agentId: "a", checkpoint: 1, profile: "", past: "", chats: [], posts: ["hi"] }];
 * const head = "item_id,rater,chat_profile,chat_behaviour,post_profile,post_behaviour\n";
 * assert.deepEqual(parseConversationRatings(head + "C001,ann,n/a,n/a,4,5\n", "c.csv", items)[0].scores, { post_profile: 4, post_behaviour: 5 });
 * assert.throws(() => parseConversationRatings(head + "C001,ann,3,n/a,4,5\n", "c.csv", items), /c\.csv:2 \(chat_profile\)/);
 * ```
 */
export function parseConversationRatings(
  text: string,
  file: string,
  items: readonly ConversationItem[],
): ConversationRating[] {
  const byId = new Map(items.map((it) => [it.itemId, it]));
  const seen = new Set<string>();
  return readSheet(text, file, ["item_id", "rater", ...CONVERSATION_QUESTIONS]).map((row) => {
    const v = row.values;
    const item = byId.get(v.item_id);
    if (!item) {
      throw new DataError(file, row.line, `unknown item ${JSON.stringify(v.item_id)}`, "item_id");
    }
    if (!v.rater) throw new DataError(file, row.line, "empty rater id", "rater");
    const key = `${v.rater}|${v.item_id}`;
    if (seen.has(key)) {
      throw new DataError(file, row.line, `rater ${v.rater} rated ${v.item_id} twice`, "item_id");
    }
    seen.add(key);
    const open = new Set(applicable(item));
    const scores: Partial<Record<ConversationQuestion, number>> = {};
    for (const q of CONVERSATION_QUESTIONS) {
      if (open.has(q)) {
        scores[q] = score15(row, q, file);
      } else if (v[q] !== "" && v[q].toLowerCase() !== NOT_APPLICABLE) {
        const what = q.startsWith("chat") ? "chats" : "posts";
        throw new DataError(
          file,
          row.line,
          `agent ${item.agentId} has no ${what} at checkpoint ${item.checkpoint}; expected ` +
            `"${NOT_APPLICABLE}", got ${JSON.stringify(v[q])}`,
          q,
        );
      }
    }
    return { itemId: item.itemId, rater: v.rater, scores, line: row.line };
  });
}

/** One row of the conversation table. */
export interface ConversationScoreRow {
  question: ConversationQuestion;
  checkpoint: number;
  /** "people" or "LLM rater". */
  raters: string;
  mean: number;
  lo: number;
  hi: number;
  /** Scores averaged (raters × agents). */
  n: number;
}

/**
 * Mean score per question and checkpoint with a 95% interval over every score in the cell
 * (all raters and agents); people and LLM raters (`llm-rater:` ids) are kept apart.
 *
 * @param ratings Ratings.
 * @param items The items rated.
 * @returns Rows by raters, question, checkpoint; cells without scores are left out.
 */
export function conversationTable(
  ratings: readonly ConversationRating[],
  items: readonly ConversationItem[],
): ConversationScoreRow[] {
  const checkpointOf = new Map(items.map((it) => [it.itemId, it.checkpoint]));
  const checkpoints = [...new Set(items.map((it) => it.checkpoint))].sort((a, b) => a - b);
  const out: ConversationScoreRow[] = [];
  for (const raters of ["people", "LLM rater"]) {
    const mine = ratings.filter((r) =>
      r.rater.startsWith("llm-rater:") === (raters === "LLM rater")
    );
    for (const question of CONVERSATION_QUESTIONS) {
      for (const checkpoint of checkpoints) {
        const xs = mine.filter((r) => checkpointOf.get(r.itemId) === checkpoint)
          .flatMap((r) => r.scores[question] ?? []);
        if (xs.length === 0) continue;
        const ci = meanCI(xs);
        out.push({ question, checkpoint, raters, mean: ci.mean, lo: ci.lo, hi: ci.hi, n: ci.n });
      }
    }
  }
  return out;
}
