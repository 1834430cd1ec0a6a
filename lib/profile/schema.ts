/**
 * The agent profile: who an agent is, as the prompts and the rule brain see it. The zod
 * schema is the single source of truth; every profiling method (handcrafted CSV,
 * LLM-generated, dataset-aligned) produces values that pass it.
 *
 * @module
 */
import { z } from "zod";

/** The behavioural features an agent may carry, as in RecAgent's profile table. */
export const FEATURES = ["Watcher", "Explorer", "Critic", "Poster", "Chatter"] as const;

/** One behavioural feature. */
export type Feature = typeof FEATURES[number];

/**
 * The fixed sentence each feature expands to in prompts (the wording of the original
 * profile panels), so the same feature always reads the same to the model.
 */
export const FEATURE_SENTENCES: Readonly<Record<Feature, string>> = {
  Watcher:
    "Watcher: chooses movies, enjoys watching, and provides feedback and ratings to the recommender.",
  Explorer: "Explorer: searches for movies heard of before and expands movie experiences.",
  Critic: "Critic: demands high standards, may criticize the recommender and the movies.",
  Poster:
    "Poster: enjoys publicly posting on social media, sharing content and insights with more people.",
  Chatter: "Chatter: engages in private conversations and trusts friends' recommendations.",
};

/** Schema of one feature name. */
export const featureSchema: z.ZodEnum<{ [K in Feature]: K }> = z.enum(FEATURES);

/** Schema of one agent profile. */
export const profileSchema = z.object({
  /** Unique within a population; the only key that resolves an agent. */
  id: z.string().min(1),
  /** Display name; names may repeat across agents. */
  name: z.string().min(1),
  gender: z.string().min(1),
  age: z.number().int().min(0).max(120),
  traits: z.array(z.string().min(1)),
  career: z.string(),
  /** Phrased like the seed: "sci-fi movies", "documentaries". */
  interests: z.array(z.string().min(1)),
  features: z.array(featureSchema),
  /** Expected actions per round; drawn from a Pareto distribution when absent. */
  activity: z.number().positive().optional(),
  /** How strongly the agent follows others' opinions, 0..1. */
  conformity: z.number().min(0).max(1).optional(),
  /** Free-form fields (data source, dataset user id, trait sentences, …). */
  extras: z.record(z.string(), z.string()).default({}),
});

/** A validated profile (extras always present). */
export type Profile = z.infer<typeof profileSchema>;
/** What a caller may write before validation (extras optional). */
export type ProfileInput = z.input<typeof profileSchema>;

/**
 * The fixed sentences of a profile's features, in the profile's order.
 *
 * @param features Feature names.
 * @returns One sentence per feature.
 *
 * @example Critic expands to its fixed sentence
 * ```ts
 * import { featureSentences } from "@lib/profile/schema.ts";
 * import assert from "node:assert/strict";
 * assert.match(featureSentences(["Critic"])[0], /^Critic: demands high standards/);
 * ```
 */
export function featureSentences(features: readonly Feature[]): string[] {
  return features.map((f) => FEATURE_SENTENCES[f]);
}
