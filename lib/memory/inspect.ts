/**
 * Memories as table rows, for arquero and tableView in notebooks.
 *
 * @module
 */
import type { MemoryStage } from "./events.ts";
import type { MemoryKind, MemoryRecord } from "./record.ts";
import { recency, strength } from "./scoring.ts";

/** One row of AgentMemory.rows. */
export interface MemoryRow {
  id: string;
  stage: MemoryStage;
  kind: MemoryKind;
  text: string;
  importance: number;
  createdAt: number;
  lastAccess: number;
  enhancements: number;
  recency: number;
  strength: number;
  sources: string;
}

/**
 * One memory as a row.
 *
 * @param r The memory.
 * @param stage Where it is held.
 * @param now Simulated hour at which recency and strength are computed.
 * @param decay Recency decay per hour.
 * @returns The row.
 */
export function memoryRow(
  r: MemoryRecord,
  stage: MemoryStage,
  now: number,
  decay: number,
): MemoryRow {
  return {
    id: r.id,
    stage,
    kind: r.kind,
    text: r.text,
    importance: r.importance,
    createdAt: r.createdAt,
    lastAccess: r.lastAccess,
    enhancements: r.enhancements,
    recency: recency(r, now, decay),
    strength: strength(r, now, decay),
    sources: r.sources.join(" "),
  };
}

/** How many memories of one kind a stage holds at one moment. */
export interface StageCount {
  /** Simulated hour. */
  at: number;
  /** "short-term observation", "long-term insight", … */
  group: string;
  count: number;
}

/**
 * Counts held memories per stage and kind, for a "memories held over time" figure.
 *
 * @param rows Rows from AgentMemory.rows.
 * @param at Simulated hour the rows describe.
 * @returns One count per stage/kind pair present (zeros included for every pair).
 *
 * @example Memories counted by stage and kind
 * ```ts
 * import { stageCounts } from "@lib/memory/inspect.ts";
 * import assert from "node:assert/strict";
 * const counts = stageCounts([{ stage: "short-term", kind: "observation" }] as never, 3);
 * assert.deepEqual(counts.find((c) => c.group === "short-term observation"), { at: 3, group: "short-term observation", count: 1 });
 * assert.equal(counts.length, 4);
 * ```
 */
export function stageCounts(
  rows: readonly Pick<MemoryRow, "stage" | "kind">[],
  at: number,
): StageCount[] {
  const groups = [
    "short-term observation",
    "long-term observation",
    "long-term insight",
    "long-term reflection",
  ];
  return groups.map((group) => ({
    at,
    group,
    count: rows.filter((r) => `${r.stage} ${r.kind}` === group).length,
  }));
}
