/**
 * The numbers behind retrieval and forgetting, as pure functions.
 *
 * @module
 */
import type { MemoryConfig } from "./config.ts";
import type { MemoryRecord } from "./record.ts";

/**
 * Recency of a memory: decay^(hours since last access).
 *
 * @param record The memory.
 * @param now Simulated hour.
 * @param decay Decay per hour (0.99 by default in the config).
 * @returns A value in (0, 1].
 */
export function recency(
  record: Pick<MemoryRecord, "lastAccess">,
  now: number,
  decay: number,
): number {
  return Math.pow(decay, Math.max(0, now - record.lastAccess));
}

/**
 * Strength = recency × importance/10, in (0, 1].
 *
 * @param record The memory.
 * @param now Simulated hour.
 * @param decay Decay per hour.
 * @returns The strength.
 */
export function strength(
  record: Pick<MemoryRecord, "lastAccess" | "importance">,
  now: number,
  decay: number,
): number {
  return recency(record, now, decay) * record.importance / 10;
}

/**
 * Probability of forgetting a memory of a given strength: maxProbability·(1 − s)^exponent,
 * which rises as strength falls.
 *
 * @param s Strength in [0, 1].
 * @param f The forgetting settings.
 * @returns A probability.
 *
 * @example Weaker memories are likelier to go
 * ```ts
 * import { forgetProbability } from "@lib/memory/scoring.ts";
 * import assert from "node:assert/strict";
 * const f = { maxProbability: 0.2, exponent: 2 };
 * assert.ok(forgetProbability(0.1, f) > forgetProbability(0.9, f));
 * assert.equal(forgetProbability(1, f), 0);
 * ```
 */
export function forgetProbability(
  s: number,
  f: Pick<MemoryConfig["forgetting"], "maxProbability" | "exponent">,
): number {
  return f.maxProbability * Math.pow(1 - Math.min(1, Math.max(0, s)), f.exponent);
}

/** The parts of a retrieval score. */
export interface ScoreParts {
  recency: number;
  /** importance / 10. */
  importance: number;
  /** Cosine similarity to the query. */
  relevance: number;
  /** The weighted sum. */
  score: number;
}

/**
 * Retrieval score = w_r·recency + w_i·importance/10 + w_v·relevance.
 *
 * @param record The memory.
 * @param relevance Cosine similarity of the memory to the query.
 * @param now Simulated hour.
 * @param config Weights and decay.
 * @returns The score and its parts.
 */
export function retrievalScore(
  record: Pick<MemoryRecord, "lastAccess" | "importance">,
  relevance: number,
  now: number,
  config: Pick<MemoryConfig, "weights" | "recencyDecay">,
): ScoreParts {
  const r = recency(record, now, config.recencyDecay);
  const i = record.importance / 10;
  const w = config.weights;
  return {
    recency: r,
    importance: i,
    relevance,
    score: w.recency * r + w.importance * i + w.relevance * relevance,
  };
}
