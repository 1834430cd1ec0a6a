/**
 * Every constant of the memory module, in one zod schema with the defaults the original
 * work describes, plus the ablation switches of its Table 2 (without short-term, without
 * long-term, without reflection).
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatIssues, formatPath } from "../core/errors.ts";

/** Schema of the memory configuration (all fields have defaults). */
export const memoryConfigSchema = z.object({
  /** Ablation switches. */
  shortTerm: z.boolean().default(true),
  longTerm: z.boolean().default(true),
  reflection: z.boolean().default(true),
  /** Sensory: longest compressed sentence, in characters. */
  sensoryMaxChars: z.number().int().positive().default(200),
  /** Short-term capacity. */
  shortTermCapacity: z.number().int().positive().default(10),
  /** Cosine at or above which a new memory enhances a stored one. */
  enhanceThreshold: z.number().min(-1).max(1).default(0.85),
  /** Enhancements after which a short-term memory moves to long-term with an insight. */
  promoteAfter: z.number().int().positive().default(3),
  /** What happens to the oldest short-term memory when capacity is exceeded. */
  overflow: z.enum(["to-long-term", "drop"]).default("to-long-term"),
  /** A promotion insight is this much more important than the memory it is about (max 10). */
  insightBoost: z.number().min(0).max(9).default(2),
  /** Retrieval weights and recency decay per simulated hour. */
  weights: z.object({
    recency: z.number().nonnegative().default(1),
    importance: z.number().nonnegative().default(1),
    relevance: z.number().nonnegative().default(1),
  }).prefault({}),
  recencyDecay: z.number().gt(0).max(1).default(0.99),
  /** Long-term memories returned per retrieval. */
  topK: z.number().int().positive().default(5),
  /** Reflect when the importance of new long-term memories sums past this. */
  reflectionThreshold: z.number().positive().default(40),
  /** How many recent long-term memories a reflection reads. */
  reflectionWindow: z.number().int().positive().default(12),
  /** A topic must appear this often in the window to be reflected upon. */
  reflectionMinCount: z.number().int().positive().default(2),
  /** Importance of a reflection. */
  reflectionImportance: z.number().min(1).max(10).default(8),
  /** A new reflection this similar to an old one is merged into it. */
  mergeThreshold: z.number().min(-1).max(1).default(0.9),
  /** Forgetting: p = maxProbability · (1 − strength)^exponent, strength = recency · importance/10. */
  forgetting: z.object({
    enabled: z.boolean().default(true),
    maxProbability: z.number().min(0).max(1).default(0.2),
    exponent: z.number().positive().default(2),
    /** Memories younger than this (hours since creation) are never forgotten. */
    graceHours: z.number().nonnegative().default(24),
  }).prefault({}),
  /** Genre words the rule-based reflection looks for. */
  topicWords: z.array(z.string().min(1)).default([
    "action",
    "adventure",
    "comedy",
    "drama",
    "horror",
    "thriller",
    "romance",
    "romantic",
    "documentary",
    "musical",
    "western",
    "sci-fi",
    "fantasy",
    "animation",
    "animated",
    "family",
    "crime",
    "mystery",
    "war",
  ]),
});

/** A complete memory configuration. */
export type MemoryConfig = z.infer<typeof memoryConfigSchema>;
/** What a caller may pass (anything left out takes its default). */
export type MemoryConfigInput = z.input<typeof memoryConfigSchema>;

/**
 * Validates a memory configuration and fills in defaults.
 *
 * @param input Partial configuration.
 * @param source Where it came from, named in errors.
 * @returns The complete configuration.
 * @throws ConfigError naming the first bad field.
 *
 * @example Defaults and an ablation
 * ```ts
 * import { memoryConfig } from "@lib/memory/config.ts";
 * import assert from "node:assert/strict";
 * const c = memoryConfig({ reflection: false });
 * assert.equal(c.shortTermCapacity, 10);
 * assert.equal(c.weights.recency, 1);
 * assert.equal(c.reflection, false);
 * assert.throws(() => memoryConfig({ recencyDecay: 2 }), /memory config: recencyDecay/);
 * ```
 */
export function memoryConfig(
  input: MemoryConfigInput = {},
  source = "memory config",
): MemoryConfig {
  const r = memoryConfigSchema.safeParse(input);
  if (!r.success) {
    throw new ConfigError(
      source,
      formatPath(r.error.issues[0].path) || "(root)",
      formatIssues(r.error.issues),
    );
  }
  return r.data;
}
