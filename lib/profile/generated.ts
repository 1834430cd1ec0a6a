/**
 * LLM-generated profiles. The population spec fixes the demographics: ages, genders,
 * careers, interests and features are drawn here with the seeded Rng, so the population
 * matches the spec exactly whatever the model writes. The model only fills in what needs
 * imagination (a name and personality traits), in batched structured calls that are
 * validated, de-duplicated and retried for the slots it left empty.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatIssues, formatPath } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { type Genre, genreInterest, GENRES } from "./genres.ts";
import { type Feature, FEATURES, type Profile } from "./schema.ts";

/** What population to generate. */
export const populationSpecSchema = z.object({
  count: z.number().int().positive(),
  ageRange: z.tuple([z.number().int().min(0), z.number().int().max(120)]).default([18, 70]),
  /** "uniform" over the range, or "normal" centred in it (sd = range/4, clipped). */
  ageDistribution: z.enum(["uniform", "normal"]).default("uniform"),
  /** Relative shares per gender label. */
  genderShares: z.record(z.string(), z.number().nonnegative()).default({ male: 0.5, female: 0.5 }),
  careers: z.array(z.string().min(1)).min(1).default([
    "engineer",
    "teacher",
    "doctor",
    "writer",
    "student",
    "farmer",
    "designer",
    "photographer",
    "nurse",
    "retired",
  ]),
  /** Relative weight per genre; genres left out are never drawn. Default: all equal. */
  interestWeights: z.partialRecord(z.enum(GENRES), z.number().nonnegative()).optional(),
  interestsPerAgent: z.tuple([z.number().int().min(1), z.number().int().min(1)]).default([1, 4]),
  /** Probability that an agent carries each feature. */
  featureProbabilities: z.partialRecord(z.enum(FEATURES), z.number().min(0).max(1)).default({
    Watcher: 0.8,
    Explorer: 0.4,
    Critic: 0.3,
    Poster: 0.5,
    Chatter: 0.4,
  }),
  /** Skeletons per LLM call. */
  batchSize: z.number().int().positive().default(10),
  /** Extra calls allowed for slots the model left empty or duplicated. */
  maxRetries: z.number().int().min(0).default(2),
  /** Id prefix: ids are `${idPrefix}${index}`. */
  idPrefix: z.string().default("g"),
});

/** A population spec (after defaults). */
export type PopulationSpec = z.infer<typeof populationSpecSchema>;

/** The part of a profile drawn from the spec before the model is asked. */
export interface ProfileSkeleton {
  index: number;
  gender: string;
  age: number;
  career: string;
  interests: string[];
  features: Feature[];
}

/** What the model returns per batch. */
export const generatedBatchSchema = z.object({
  profiles: z.array(z.object({
    index: z.number().int(),
    name: z.string().min(1),
    traits: z.array(z.string().min(1)).min(1).max(6),
  })),
});

/** The outcome of {@link generateProfiles}. */
export interface GenerationResult {
  profiles: Profile[];
  /** LLM calls made. */
  calls: number;
  /** Why calls or entries were rejected ("batch 2: …"), for the run log. */
  problems: string[];
}

/**
 * Draws the demographic skeletons of a population.
 *
 * @param spec The population spec (validated).
 * @param rng Seeded generator.
 * @returns One skeleton per agent.
 */
export function drawSkeletons(spec: PopulationSpec, rng: Rng): ProfileSkeleton[] {
  const [lo, hi] = spec.ageRange;
  if (lo > hi) throw new ConfigError("population spec", "ageRange", `min ${lo} > max ${hi}`);
  const genders = Object.keys(spec.genderShares);
  const gWeights = genders.map((g) => spec.genderShares[g]);
  const weights = spec.interestWeights ?? Object.fromEntries(GENRES.map((g) => [g, 1]));
  const genres = GENRES.filter((g) => (weights[g] ?? 0) > 0);
  if (genres.length === 0) {
    throw new ConfigError("population spec", "interestWeights", "needs one positive weight");
  }
  const [kMin, kMax] = spec.interestsPerAgent;
  return Array.from({ length: spec.count }, (_, index) => {
    const age = spec.ageDistribution === "uniform"
      ? lo + rng.int(hi - lo + 1)
      : Math.round(Math.min(hi, Math.max(lo, rng.normal((lo + hi) / 2, (hi - lo) / 4))));
    const k = Math.min(genres.length, kMin + rng.int(Math.max(1, kMax - kMin + 1)));
    const pool: Genre[] = genres.slice();
    const chosen: Genre[] = [];
    while (chosen.length < k) {
      const j = rng.categorical(pool.map((g) => weights[g] ?? 0));
      chosen.push(pool[j]);
      pool.splice(j, 1);
    }
    const features = FEATURES.filter((f) => rng.bool(spec.featureProbabilities[f] ?? 0));
    return {
      index,
      gender: genders[rng.categorical(gWeights)],
      age,
      career: rng.pick(spec.careers),
      interests: chosen.map(genreInterest),
      features: features.length > 0 ? features : ["Watcher"],
    };
  });
}

function batchPrompt(batch: ProfileSkeleton[]): string {
  const lines = batch.map((s) =>
    `- index ${s.index}: ${s.age}-year-old ${s.gender} ${s.career}; likes ${
      s.interests.join(", ")
    }; behaviour: ${s.features.join(", ")}`
  );
  return [
    "Invent one realistic person for each line below, a movie-recommender user.",
    "For each, give a full name (first and last) and 2 to 5 short personality traits",
    "(single adjectives such as 'curious', 'patient'). Keep the index of each line.",
    "Make the people distinct from one another.",
    ...lines,
  ].join("\n");
}

/**
 * Generates profiles through batched structured LLM calls.
 *
 * @param llm Any structured LLM (the pooled client, a replay cache, a scripted stub).
 * @param specInput The population spec (validated here; defaults filled in).
 * @param rng Seeded generator for the demographics and the call seeds.
 * @returns Profiles (ids `${idPrefix}${index}`), calls made and problems met.
 * @throws ConfigError for a bad spec.
 *
 * @example With a scripted model
 * ```ts
 * import { generateProfiles } from "@lib/profile/generated.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import type { StructuredLlm, StructuredRequest } from "@lib/llm/types.ts";
 * import assert from "node:assert/strict";
 * const llm: StructuredLlm = {
 *   model: "scripted",
 *   complete<T>(req: StructuredRequest<T>) {
 *     const idx = [...req.messages.at(-1)!.content.matchAll(/index (\d+)/g)].map((m) => Number(m[1]));
 *     const value = req.schema.parse({ profiles: idx.map((i) => ({ index: i, name: `Person ${i}`, traits: ["calm"] })) });
 *     return Promise.resolve({ ok: true as const, value, raw: "", usage: { promptTokens: 0, completionTokens: 0 }, cached: false, attempts: 1, latencyMs: 0 });
 *   },
 * };
 * const { profiles } = await generateProfiles(llm, { count: 3, batchSize: 2 }, new Rng(1));
 * assert.deepEqual(profiles.map((p) => p.id), ["g0", "g1", "g2"]);
 * ```
 */
export async function generateProfiles(
  llm: StructuredLlm,
  specInput: z.input<typeof populationSpecSchema>,
  rng: Rng,
): Promise<GenerationResult> {
  const parsed = populationSpecSchema.safeParse(specInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(
      "population spec",
      formatPath(first.path) || "(root)",
      formatIssues(parsed.error.issues),
    );
  }
  const spec = parsed.data;
  const skeletons = drawSkeletons(spec, rng.fork("skeletons"));
  const filled = new Map<number, { name: string; traits: string[] }>();
  const signatures = new Set<string>();
  const problems: string[] = [];
  let calls = 0;
  for (let attempt = 0; attempt <= spec.maxRetries; attempt++) {
    const missing = skeletons.filter((s) => !filled.has(s.index));
    if (missing.length === 0) break;
    for (let b = 0; b < missing.length; b += spec.batchSize) {
      const batch = missing.slice(b, b + spec.batchSize);
      const wanted = new Set(batch.map((s) => s.index));
      calls++;
      const res = await llm.complete({
        messages: [
          { role: "system", content: "You write short, varied user profiles as JSON." },
          { role: "user", content: batchPrompt(batch) },
        ],
        schema: generatedBatchSchema,
        schemaName: "profile_batch",
        meta: {
          behaviour: "profile-generation",
          seed: `${rng.key}:${attempt}:${batch[0].index}`,
        },
      });
      if (!res.ok) {
        problems.push(`batch at index ${batch[0].index} (try ${attempt + 1}): ${res.error}`);
        continue;
      }
      for (const entry of res.value.profiles) {
        const traits = [...new Set(entry.traits.map((t) => t.trim().toLowerCase()))];
        const sig = `${entry.name.trim().toLowerCase()}|${traits.slice().sort().join(",")}`;
        if (!wanted.has(entry.index) || filled.has(entry.index)) {
          problems.push(`index ${entry.index}: not asked for or already filled; ignored`);
        } else if (signatures.has(sig)) {
          problems.push(`index ${entry.index}: duplicates an earlier profile; asked again`);
        } else {
          signatures.add(sig);
          filled.set(entry.index, { name: entry.name.trim(), traits });
        }
      }
    }
  }
  const profiles: Profile[] = [];
  for (const s of skeletons) {
    const f = filled.get(s.index);
    if (!f) {
      problems.push(`index ${s.index}: no valid profile after ${spec.maxRetries + 1} tries`);
      continue;
    }
    profiles.push({
      id: `${spec.idPrefix}${s.index}`,
      name: f.name,
      gender: s.gender,
      age: s.age,
      traits: f.traits,
      career: s.career,
      interests: s.interests,
      features: s.features,
      extras: { source: "llm-generated", model: llm.model },
    });
  }
  return { profiles, calls, problems };
}
