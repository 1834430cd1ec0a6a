/**
 * Recommender configuration (zod) and the factory that builds a recommender from it, so an
 * algorithm or the exploration intervention is a config change.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatPath } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Catalog } from "./catalog.ts";
import { ExplorationRecommender } from "./exploration.ts";
import { ItemKnnRecommender } from "./item_knn.ts";
import { MfRecommender } from "./mf_als.ts";
import { PopularRecommender } from "./popular.ts";
import { RandomRecommender } from "./random.ts";
import type { Recommender } from "./recommender.ts";

/** Exploration settings: N random items on every k-th round from `fromRound`. */
export const ExplorationConfigSchema = z.strictObject({
  randomItems: z.number().int().nonnegative().default(0),
  everyRounds: z.number().int().positive().default(1),
  fromRound: z.number().int().nonnegative().default(0),
  placement: z.enum(["end", "random"]).default("end"),
});

const common = {
  seed: z.union([z.number(), z.string()]).default(0),
  exploration: ExplorationConfigSchema.optional(),
};

/** A recommender configuration; the fields allowed depend on the algorithm. */
export const RecommenderConfigSchema = z.discriminatedUnion("algorithm", [
  z.strictObject({ algorithm: z.literal("random"), ...common }),
  z.strictObject({ algorithm: z.literal("popular"), ...common }),
  z.strictObject({
    algorithm: z.literal("itemknn"),
    neighbours: z.number().int().positive().default(50),
    minCommon: z.number().int().positive().default(1),
    ...common,
  }),
  z.strictObject({
    algorithm: z.literal("mf"),
    factors: z.number().int().positive().max(512).default(32),
    iterations: z.number().int().positive().default(10),
    // No default: a scenario without it keeps its parsed form, manifest and models unchanged.
    warmSweeps: z.number().int().positive().optional(),
    regularization: z.number().nonnegative().default(10),
    alpha: z.number().positive().default(10),
    cgSteps: z.number().int().positive().default(3),
    // Where a fit runs, never what it finds (the same model bit for bit): left out, the
    // machine's cores (up to 4) and 20,000 stored interactions.
    workers: z.number().int().positive().optional(),
    parallelFrom: z.number().int().nonnegative().optional(),
    ...common,
  }),
]);

/** A parsed recommender configuration. */
export type RecommenderConfig = z.infer<typeof RecommenderConfigSchema>;

/**
 * Builds a recommender from a configuration.
 *
 * @param config The configuration (validated here).
 * @param catalog The items.
 * @param options `rng`: the run's generator (default: one seeded with `config.seed`);
 *   `source`: where the config came from, for errors.
 * @returns The recommender, wrapped for exploration when `exploration.randomItems` > 0.
 * @throws ConfigError naming the field when the configuration is invalid.
 *
 * @example Matrix factorisation with one random item in five, every round
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { createRecommender } from "@lib/recsys/config.ts";
 * import assert from "node:assert/strict";
 * const cat = new Catalog([{ id: "a", title: "A", genres: ["Drama"], year: null, description: "", popularity: 0, quality: 0.5 }]);
 * const rec = createRecommender({ algorithm: "mf", factors: 8, exploration: { randomItems: 1, everyRounds: 1 } }, cat);
 * assert.equal(rec.name, "mf+explore(1/1)");
 * assert.throws(() => createRecommender({ algorithm: "mf", neighbours: 5 }, cat), /neighbours/);
 * ```
 */
export function createRecommender(
  config: unknown,
  catalog: Catalog,
  options: { rng?: Rng; source?: string } = {},
): Recommender {
  const r = RecommenderConfigSchema.safeParse(config);
  if (!r.success) {
    const issue = r.error.issues[0];
    const keys = "keys" in issue && Array.isArray(issue.keys) ? issue.keys : [];
    const field = formatPath([...issue.path, ...keys.slice(0, 1)]) || "algorithm";
    throw new ConfigError(options.source ?? "recommender config", field, issue.message);
  }
  const c = r.data;
  const rng = options.rng ?? new Rng(c.seed);
  let rec: Recommender;
  switch (c.algorithm) {
    case "random":
      rec = new RandomRecommender(catalog, rng);
      break;
    case "popular":
      rec = new PopularRecommender(catalog);
      break;
    case "itemknn":
      rec = new ItemKnnRecommender(catalog, { neighbours: c.neighbours, minCommon: c.minCommon });
      break;
    case "mf":
      rec = new MfRecommender(catalog, {
        factors: c.factors,
        iterations: c.iterations,
        warmSweeps: c.warmSweeps,
        regularization: c.regularization,
        alpha: c.alpha,
        cgSteps: c.cgSteps,
        workers: c.workers,
        minParallelNnz: c.parallelFrom,
        rng,
      });
      break;
  }
  const e = c.exploration;
  return e && e.randomItems > 0 ? new ExplorationRecommender(rec, { ...e, rng }) : rec;
}
