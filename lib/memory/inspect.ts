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
