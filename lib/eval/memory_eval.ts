/**
 * Memory evaluation (the paper's Table 2): for sampled behaviours, the memories the module
 * extracted from a user's history and the memories it retrieves for the behaviour, under the
 * full module and its ablations (without short-term, without long-term, without reflection),
 * exported blinded for rating (informativeness and relevance, 1–5), imported back, and
 * summarised per variant. An LLM rater can fill in; its rater id says so.
 *
 * @module
 */
import { z } from "zod";
import { mapLimit } from "../core/concurrency.ts";
import { DataError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { meanCI } from "../core/stats.ts";
import type { StructuredLlm } from "../llm/types.ts";
import type { MemoryConfigInput } from "../memory/config.ts";
import { agentFromHistory } from "./selection_agent.ts";
import {
  buildTask,
  heldOutPairs,
  sampleUsers,
  type SelectionData,
  trainingCatalog,
} from "./selection_data.ts";
import { readSheet, score15, toCsv } from "./rating_csv.ts";

/** The module and its ablations. */
export const MEMORY_VARIANTS: Readonly<Record<string, MemoryConfigInput>> = {
  "full": {},
  "w/o short-term": { shortTerm: false },
  "w/o long-term": { longTerm: false },
  "w/o reflection": { reflection: false },
};

/** One item to rate. */
export interface MemoryItem {
  /** Blinded id ("M001"). */
  itemId: string;
  userId: string;
  /** Key: the variant (never in the raters' sheet). */
  variant: string;
  /** What the agent is about to do. */
  behaviour: string;
  /** What the memory holds (insights and reflections first, then the most important). */
  extracted: string[];
  /** What it retrieves for the behaviour. */
  retrieved: string[];
}

/**
 * Builds rating items: for each sampled user the behaviour is choosing from a page of the
 * user's real next item and four popularity-matched negatives; every variant's memory
 * observes the same history.
 *
 * @param data MovieLens data.
 * @param options Behaviours (users, default 15), memories shown (default 8), seed.
 * @returns Items in blinded, shuffled order.
 */
export async function memoryItems(
  data: SelectionData,
  options: { behaviours?: number; shown?: number; seed?: number | string } = {},
): Promise<MemoryItem[]> {
  const rng = new Rng(`memory-eval:${options.seed ?? 1}`);
  const users = sampleUsers(data, options.behaviours ?? 15, rng.fork("users"), {
    maxA: 1,
    maxB: 4,
    minHistory: 5,
  });
  const catalog = trainingCatalog(data, heldOutPairs(data, users, 1));
  const shown = options.shown ?? 8;
  const items: Omit<MemoryItem, "itemId">[] = [];
  for (const u of users) {
    const task = buildTask(data, u, 1, 4, catalog, "popularity", rng.fork(u));
    const behaviour = `Choosing a movie to watch from a page showing ${
      task.candidates.map((c) => `<${c.title}> (${c.genres.join(", ")})`).join(", ")
    }.`;
    for (const [variant, config] of Object.entries(MEMORY_VARIANTS)) {
      const agent = await agentFromHistory(task.user, task.history, {
        memoryConfig: config,
        seed: `memory-eval:${u}`,
      });
      const mem = agent.memory!;
      const held = [...mem.longTerm, ...mem.shortTerm];
      const extracted = held
        .map((r, i) => ({ r, i, rank: r.kind === "observation" ? 0 : 1 }))
        .sort((a, b) => b.rank - a.rank || b.r.importance - a.r.importance || b.i - a.i)
        .slice(0, shown).map((x) => x.r.text);
      const retrieved = (await mem.retrieve(behaviour, agent.now)).texts.slice(0, shown);
      items.push({ userId: u, variant, behaviour, extracted, retrieved });
    }
  }
  return rng.fork("order").shuffle(items).map((it, i) => ({
    ...it,
    itemId: `M${String(i + 1).padStart(3, "0")}`,
  }));
}

/** Columns of the raters' sheet. */
export const MEMORY_COLUMNS = [
  "item_id",
  "behaviour",
  "extracted_memories",
  "retrieved_memories",
  "rater",
  "informativeness",
  "relevance",
];

/**
 * The raters' sheet (no user, no variant).
 *
 * @param items Items.
 * @returns CSV text.
 */
export function memorySheetCsv(items: readonly MemoryItem[]): string {
  return toCsv(
    MEMORY_COLUMNS,
    items.map((it) => ({
      item_id: it.itemId,
      behaviour: it.behaviour,
      extracted_memories: it.extracted.join(" | "),
      retrieved_memories: it.retrieved.join(" | "),
    })),
  );
}

/**
 * The key (item → user, variant).
 *
 * @param items Items.
 * @returns CSV text.
 */
export function memoryKeyCsv(items: readonly MemoryItem[]): string {
  return toCsv(
    ["item_id", "user_id", "variant"],
    items.map((it) => ({ item_id: it.itemId, user_id: it.userId, variant: it.variant })),
  );
}

/** The codebook of the memory sheet. */
export const MEMORY_CODEBOOK = `Memory rating sheet — codebook

Each row is one moment in a simulated viewer's life: what the viewer is about to do, what
the viewer's memory holds about past movies, and which memories it recalls for this moment.
Rows come from different memory designs; which design produced a row is hidden.

Columns
  item_id             Identifier of the row. Do not change it.
  behaviour           What the viewer is about to do.
  extracted_memories  What the memory holds (" | " separates memories).
  retrieved_memories  What it recalls for the behaviour (" | " separates memories).
  rater               Your rater id (the same on every row you rate). Required.
  informativeness     1–5: how much the memories tell about this viewer's tastes and history
                      (1 = nothing useful, 3 = some useful facts, 5 = a clear, rich picture).
  relevance           1–5: how relevant the recalled memories are to the behaviour
                      (1 = unrelated, 3 = partly related, 5 = exactly what is needed).
`;

/** One rating of one item. */
export interface MemoryRating {
  itemId: string;
  rater: string;
  informativeness: number;
  relevance: number;
}

/**
 * Reads a filled-in memory sheet.
 *
 * @param text CSV text.
 * @param file Name for errors.
 * @param itemIds Item ids that exist.
 * @returns Ratings.
 * @throws DataError naming line and column of the first bad row.
 */
export function parseMemoryRatings(
  text: string,
  file: string,
  itemIds: ReadonlySet<string>,
): MemoryRating[] {
  return readSheet(text, file, ["item_id", "rater", "informativeness", "relevance"]).map((row) => {
    const v = row.values;
    if (!itemIds.has(v.item_id)) {
      throw new DataError(file, row.line, `unknown item ${JSON.stringify(v.item_id)}`, "item_id");
    }
    if (!v.rater) throw new DataError(file, row.line, "empty rater id", "rater");
    return {
      itemId: v.item_id,
      rater: v.rater,
      informativeness: score15(row, "informativeness", file),
      relevance: score15(row, "relevance", file),
    };
  });
}

/** The LLM rater's reply. */
export const memoryRatingSchema = z.object({
  informativeness: z.number().int().min(1).max(5),
  relevance: z.number().int().min(1).max(5),
});

/**
 * Rates every item with an LLM (rater id `llm-rater:<model>`).
 *
 * @param llm Any structured LLM.
 * @param items Items (only behaviour and memories are shown).
 * @param concurrency Calls in flight (default 4).
 * @returns Ratings (failed calls are left out and counted).
 */
export async function llmRateMemories(
  llm: StructuredLlm,
  items: readonly MemoryItem[],
  concurrency = 4,
): Promise<{ ratings: MemoryRating[]; failures: number }> {
  const rater = `llm-rater:${llm.model}`;
  const out = await mapLimit(items, concurrency, async (it) => {
    const r = await llm.complete({
      messages: [
        { role: "system", content: MEMORY_CODEBOOK + "\nRate the row. Answer in JSON." },
        {
          role: "user",
          content: `Behaviour: ${it.behaviour}\nExtracted memories: ${
            it.extracted.join(" | ") || "(none)"
          }\nRetrieved memories: ${it.retrieved.join(" | ") || "(none)"}`,
        },
      ],
      schema: memoryRatingSchema,
      schemaName: "memory_rating",
      meta: { behaviour: "memory-rater", seed: it.itemId },
      temperature: 0,
    });
    return r.ok ? { itemId: it.itemId, rater, ...r.value } : null;
  });
  const ratings = out.filter((r) => r !== null);
  return { ratings, failures: out.length - ratings.length };
}

/** One row of the memory table. */
export interface MemoryScoreRow {
  variant: string;
  criterion: "informativeness" | "relevance";
  /** "people" or "LLM rater". */
  raters: string;
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

/**
 * Mean score per variant and criterion with a 95% interval over ratings.
 *
 * @param ratings Ratings.
 * @param items The key.
 * @returns Rows in the variants' order.
 */
export function memoryTable(
  ratings: readonly MemoryRating[],
  items: readonly MemoryItem[],
): MemoryScoreRow[] {
  const variant = new Map(items.map((i) => [i.itemId, i.variant]));
  const out: MemoryScoreRow[] = [];
  for (const raters of ["people", "LLM rater"]) {
    const mine = ratings.filter((r) =>
      r.rater.startsWith("llm-rater:") === (raters === "LLM rater")
    );
    for (const v of Object.keys(MEMORY_VARIANTS)) {
      for (const criterion of ["informativeness", "relevance"] as const) {
        const xs = mine.filter((r) => variant.get(r.itemId) === v).map((r) => r[criterion]);
        if (xs.length === 0) continue;
        const ci = meanCI(xs);
        out.push({ variant: v, criterion, raters, mean: ci.mean, lo: ci.lo, hi: ci.hi, n: ci.n });
      }
    }
  }
  return out;
}
