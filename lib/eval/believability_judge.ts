/**
 * Judgments of blinded sequence pairs: import raters' sheets (every bad row named by line),
 * an LLM judge that can fill in for raters (its rater id says it is an LLM), un-blinding
 * with the key, and the five-level table of the paper's Tables 4–5.
 *
 * @module
 */
import { z } from "zod";
import { DataError } from "../core/errors.ts";
import { mapLimit } from "../core/concurrency.ts";
import type { StructuredLlm } from "../llm/types.ts";
import type { BlindPair } from "./believability.ts";
import { readSheet } from "./rating_csv.ts";

/** The five levels, from A's point of view. */
export const LEVELS = ["A>>B", "A>B", "A≈B", "B>A", "B>>A"] as const;
/** One level. */
export type Level = typeof LEVELS[number];

/** One rater's judgment of one pair. */
export interface Judgment {
  pairId: string;
  rater: string;
  level: Level;
  /** Line in the file (0 for the LLM judge). */
  line: number;
}

const ALIASES: Record<string, Level> = { "A=B": "A≈B", "A~B": "A≈B" };

/**
 * Reads a judgments sheet (the exported sheet with rater and judgment filled in).
 *
 * @param text CSV text.
 * @param file Name for errors.
 * @param pairIds Pair ids that exist.
 * @returns Judgments.
 * @throws DataError naming the line and column of the first bad row (unknown pair, empty
 *   rater, a judgment outside the five levels, the same rater twice on a pair).
 */
export function parseJudgments(
  text: string,
  file: string,
  pairIds: ReadonlySet<string>,
): Judgment[] {
  const seen = new Set<string>();
  return readSheet(text, file, ["pair_id", "rater", "judgment"]).map((row) => {
    const v = row.values;
    if (!pairIds.has(v.pair_id)) {
      throw new DataError(file, row.line, `unknown pair ${JSON.stringify(v.pair_id)}`, "pair_id");
    }
    if (!v.rater) throw new DataError(file, row.line, "empty rater id", "rater");
    const level = ALIASES[v.judgment] ?? v.judgment;
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new DataError(
        file,
        row.line,
        `expected one of ${LEVELS.join(", ")}, got ${JSON.stringify(v.judgment)}`,
        "judgment",
      );
    }
    const key = `${v.rater}|${v.pair_id}`;
    if (seen.has(key)) {
      throw new DataError(file, row.line, `rater ${v.rater} judged ${v.pair_id} twice`, "pair_id");
    }
    seen.add(key);
    return { pairId: v.pair_id, rater: v.rater, level: level as Level, line: row.line };
  });
}

/** The LLM judge's reply. */
export const judgeReplySchema = z.object({
  judgment: z.enum(LEVELS),
  reason: z.string(),
});

/**
 * Asks an LLM to judge every pair (one structured call each). Its rater id is
 * `llm-judge:<model>` so that tables never mistake it for a person.
 *
 * @param llm Any structured LLM.
 * @param pairs Blinded pairs (only past and the two sequences are shown).
 * @param concurrency Calls in flight (default 4).
 * @returns Judgments (a failed call is left out and counted in `failures`).
 */
export async function llmJudge(
  llm: StructuredLlm,
  pairs: readonly BlindPair[],
  concurrency = 4,
): Promise<{ judgments: Judgment[]; failures: number }> {
  const rater = `llm-judge:${llm.model}`;
  const out = await mapLimit(pairs, concurrency, async (p) => {
    const r = await llm.complete({
      messages: [
        {
          role: "system",
          content: "You rate how believable movie-watching sequences are for a viewer. " +
            `Answer with one of ${LEVELS.join(", ")} and a one-sentence reason.`,
        },
        {
          role: "user",
          content:
            `The viewer's past movies, oldest first: ${p.past}\n\nSequence A: ${p.sequenceA}\n` +
            `Sequence B: ${p.sequenceB}\n\nWhich sequence is more believable as this viewer's ` +
            `next ${p.n} movies?`,
        },
      ],
      schema: judgeReplySchema,
      schemaName: "believability_judgment",
      meta: { behaviour: "believability-judge", seed: p.pairId },
      temperature: 0,
    });
    return r.ok ? { pairId: p.pairId, rater, level: r.value.judgment, line: 0 } : null;
  });
  const judgments = out.filter((j) => j !== null);
  return { judgments, failures: out.length - judgments.length };
}

/** A judgment seen from source x against source y. */
export interface Unblinded {
  pairId: string;
  n: number;
  rater: string;
  x: string;
  y: string;
  /** The level with A = x. */
  level: Level;
}

const FLIP: Record<Level, Level> = {
  "A>>B": "B>>A",
  "A>B": "B>A",
  "A≈B": "A≈B",
  "B>A": "A>B",
  "B>>A": "A>>B",
};

/**
 * Un-blinds judgments with the key, seen from source x.
 *
 * @param judgments Judgments.
 * @param pairs The key (blinded pairs with their sources).
 * @param x The source that plays "A" in the table.
 * @returns Judgments with A = x.
 *
 * @example A judgment for B becomes a judgment for x when x was B
 * ```ts
 * import { unblind } from "@lib/eval/believability_judge.ts";
 * import assert from "node:assert/strict";
 * const pairs = [{ pairId: "P1", userId: "1", n: 5, past: "", sequenceA: "", sequenceB: "", sourceA: "rule", sourceB: "llm" }];
 * const [u] = unblind([{ pairId: "P1", rater: "r", level: "B>>A", line: 2 }], pairs, "llm");
 * assert.deepEqual([u.x, u.y, u.level], ["llm", "rule", "A>>B"]);
 * ```
 */
export function unblind(
  judgments: readonly Judgment[],
  pairs: readonly BlindPair[],
  x: string,
): Unblinded[] {
  const byId = new Map(pairs.map((p) => [p.pairId, p]));
  return judgments.map((j) => {
    const p = byId.get(j.pairId)!;
    const xIsA = p.sourceA === x;
    return {
      pairId: j.pairId,
      n: p.n,
      rater: j.rater,
      x,
      y: xIsA ? p.sourceB : p.sourceA,
      level: xIsA ? j.level : FLIP[j.level],
    };
  });
}

/** One row of the five-level table. */
export interface LevelRow {
  /** "llm vs real". */
  comparison: string;
  n: number;
  /** "people", or "LLM judge" when every rater is an LLM. */
  raters: string;
  judgments: number;
  /** Share of judgments per level (A = the first source). */
  shares: Record<Level, number>;
}

/**
 * The five-level table: per comparison and N, the share of judgments at each level.
 *
 * @param rows Un-blinded judgments.
 * @returns Table rows.
 */
export function levelTable(rows: readonly Unblinded[]): LevelRow[] {
  const groups = new Map<string, Unblinded[]>();
  for (const r of rows) {
    const llm = r.rater.startsWith("llm-judge:");
    const k = `${r.x} vs ${r.y}|${r.n}|${llm ? "LLM judge" : "people"}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].map(([k, g]) => {
    const [comparison, n, raters] = k.split("|");
    const shares = Object.fromEntries(
      LEVELS.map((l) => [l, g.filter((r) => r.level === l).length / g.length]),
    ) as Record<Level, number>;
    return { comparison, n: Number(n), raters, judgments: g.length, shares };
  }).sort((a, b) =>
    a.comparison.localeCompare(b.comparison) || a.n - b.n || a.raters.localeCompare(b.raters)
  );
}
