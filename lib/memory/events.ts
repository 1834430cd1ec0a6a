/**
 * What happened inside an agent's memory, as a log of typed events: enough to tell the life
 * story of every memory (stored, enhanced, promoted, evicted, dropped, reflected, merged,
 * retrieved, forgotten).
 *
 * @module
 */

/** Kinds of memory events. */
export const MEMORY_EVENT_TYPES = [
  "stored",
  "enhanced",
  "promoted",
  "evicted",
  "dropped",
  "reflected",
  "merged",
  "retrieved",
  "forgotten",
] as const;

/** One kind of memory event. */
export type MemoryEventType = typeof MEMORY_EVENT_TYPES[number];

/** Where a memory is after the event. */
export type MemoryStage = "short-term" | "long-term" | "gone";

/** One memory event. */
export interface MemoryEvent {
  type: MemoryEventType;
  /** Simulated hour. */
  at: number;
  memoryId: string;
  text: string;
  stage: MemoryStage;
  /** Event specifics: the enhancer's id, the reflection question, the forgetting probability, … */
  detail?: string;
}
