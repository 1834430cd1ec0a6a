/**
 * A memory record and its JSON form. Times are simulated hours (numbers), never the wall
 * clock, so a run replays identically.
 *
 * @module
 */
import { z } from "zod";

/** What produced a memory. */
export const MEMORY_KINDS = ["observation", "insight", "reflection"] as const;
/** One kind of memory. */
export type MemoryKind = typeof MEMORY_KINDS[number];

/** JSON schema of a record (embeddings as plain number arrays). */
export const memoryRecordJsonSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  importance: z.number().int().min(1).max(10),
  /** Simulated hour of creation. */
  createdAt: z.number(),
  /** Simulated hour of the last retrieval (or creation). */
  lastAccess: z.number(),
  embedding: z.array(z.number()),
  kind: z.enum(MEMORY_KINDS),
  /** How many similar memories enhanced this one (or merges into a reflection). */
  enhancements: z.number().int().min(0),
  /** Ids of the memories this one was built from or enhanced by. */
  sources: z.array(z.string()),
});

/** A record as stored in JSON. */
export type MemoryRecordJson = z.infer<typeof memoryRecordJsonSchema>;

/** A record in memory. */
export interface MemoryRecord extends Omit<MemoryRecordJson, "embedding"> {
  embedding: Float32Array;
}

/**
 * @param r A record.
 * @returns Its JSON form.
 */
export function recordToJson(r: MemoryRecord): MemoryRecordJson {
  return { ...r, embedding: Array.from(r.embedding), sources: r.sources.slice() };
}

/**
 * @param r A JSON record (validated).
 * @returns The in-memory record; float32 values round-trip exactly.
 */
export function recordFromJson(r: MemoryRecordJson): MemoryRecord {
  return { ...r, embedding: Float32Array.from(r.embedding), sources: r.sources.slice() };
}

/**
 * Clamps a score to an integer importance 1–10.
 *
 * @param x A score.
 * @returns The importance.
 * @throws RangeError when x is not a finite number.
 */
export function clampImportance(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`importance must be a finite number, got ${x}`);
  return Math.min(10, Math.max(1, Math.round(x)));
}
