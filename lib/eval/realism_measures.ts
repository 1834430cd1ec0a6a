/**
 * The realism measures: one population's behaviour over a span (who consumed what, and the
 * stars given) summarised, and a simulated population compared with the real one.
 *
 * - activity: interactions per user (KS distance between the two distributions; ratio of
 *   means, "too active" above 1);
 * - popularity: Gini of item counts and the share of the top 10% of items (over the whole
 *   catalogue), KS distance of log(1 + item count);
 * - ratings: the 1–5 distribution, the mean and the share of 4–5 ("too positive");
 * - diversity: KS distance of per-user genre entropy and the mean pairwise Jaccard similarity
 *   of users' item sets ("too alike").
 *
 * @module
 */
import { shannonEntropy } from "../metrics/entropy.ts";
import { gini } from "../metrics/diversity.ts";
import { ksDistance, meanPairwiseJaccard, topShare } from "../metrics/realism.ts";

/** The measure names of realism.json. */
export const REALISM_MEASURES = [
  "activity_ks",
  "activity_ratio",
  "popularity_gini",
  "top10_share",
  "rating_mean",
  "positive_share",
  "entropy_ks",
  "jaccard_mean",
] as const;

/** A measure name. */
export type RealismMeasure = typeof REALISM_MEASURES[number];

/** One population's behaviour over the span. */
export interface Behaviour {
  /** Items consumed per user (every user of the population, empty when idle). */
  items: Map<string, string[]>;
  /** Stars given (any order). */
  ratings: number[];
}

/** Summary statistics of one population. */
export interface BehaviourSummary {
  perUser: number[];
  meanActivity: number;
  itemCounts: number[];
  gini: number;
  top10: number;
  logCounts: number[];
  ratingShares: number[];
  ratingMean: number;
  positiveShare: number;
  entropies: number[];
  jaccard: number;
}

/**
 * Summarises a population's behaviour.
 *
 * @param b The behaviour.
 * @param catalog Every item id (zeros count for concentration).
 * @param genresOf Genres of an item.
 * @returns The summary.
 *
 * @example
 * ```ts
 * import { summarise } from "@lib/eval/realism_measures.ts";
 * import assert from "node:assert/strict";
 * const s = summarise({ items: new Map([["u", ["a", "b"]], ["v", ["a"]], ["w", []]]), ratings: [5, 4, 2] },
 *   ["a", "b", "c"], (id) => (id === "a" ? ["Drama"] : ["Comedy"]));
 * assert.deepEqual(s.perUser, [2, 1, 0]);
 * assert.equal(s.meanActivity, 1);
 * assert.equal(s.positiveShare, 2 / 3);
 * assert.equal(s.entropies[0], 1);
 * assert.equal(s.jaccard, 0.5);
 * ```
 */
export function summarise(
  b: Behaviour,
  catalog: readonly string[],
  genresOf: (id: string) => readonly string[],
): BehaviourSummary {
  const perUser = [...b.items.values()].map((l) => l.length);
  const count = new Map<string, number>();
  for (const l of b.items.values()) for (const id of l) count.set(id, (count.get(id) ?? 0) + 1);
  const itemCounts = catalog.map((id) => count.get(id) ?? 0);
  const shares = [1, 2, 3, 4, 5].map((s) =>
    b.ratings.length ? b.ratings.filter((r) => r === s).length / b.ratings.length : NaN
  );
  const active = [...b.items.values()].filter((l) => l.length > 0);
  const entropies = active.map((l) => {
    const g = new Map<string, number>();
    for (const id of l) for (const x of genresOf(id)) g.set(x, (g.get(x) ?? 0) + 1);
    return shannonEntropy(g.values());
  });
  return {
    perUser,
    meanActivity: perUser.reduce((s, v) => s + v, 0) / Math.max(1, perUser.length),
    itemCounts,
    gini: gini(itemCounts),
    top10: topShare(itemCounts, 0.1),
    logCounts: itemCounts.map((c) => Math.log1p(c)),
    ratingShares: shares,
    ratingMean: b.ratings.length ? b.ratings.reduce((s, v) => s + v, 0) / b.ratings.length : NaN,
    positiveShare: b.ratings.length
      ? b.ratings.filter((r) => r >= 4).length / b.ratings.length
      : NaN,
    entropies,
    jaccard: meanPairwiseJaccard(active.map((l) => new Set(l))),
  };
}

/** A measure's value for the simulation and its distance to the real population. */
export interface Compared {
  value: number;
  distance: number;
}

/**
 * Compares a simulated population with the real one, measure by measure.
 *
 * @param sim The simulated summary.
 * @param real The real summary.
 * @returns Value and distance per measure (KS measures: value = distance = the KS distance;
 *   ratio: distance = |ratio − 1|; others: distance = |sim − real|).
 */
export function compare(
  sim: BehaviourSummary,
  real: BehaviourSummary,
): Record<RealismMeasure, Compared> {
  const abs = (a: number, b: number) => ({ value: a, distance: Math.abs(a - b) });
  const ks = (a: number[], b: number[]) => {
    const d = ksDistance(a, b);
    return { value: d, distance: d };
  };
  const ratio = sim.meanActivity / real.meanActivity;
  return {
    activity_ks: ks(sim.perUser, real.perUser),
    activity_ratio: { value: ratio, distance: Math.abs(ratio - 1) },
    popularity_gini: abs(sim.gini, real.gini),
    top10_share: abs(sim.top10, real.top10),
    rating_mean: abs(sim.ratingMean, real.ratingMean),
    positive_share: abs(sim.positiveShare, real.positiveShare),
    entropy_ks: ks(sim.entropies, real.entropies),
    jaccard_mean: abs(sim.jaccard, real.jaccard),
  };
}

/**
 * The real population's reference value per measure (0 for a KS distance and 1 for the
 * activity ratio: the real log compared with itself).
 *
 * @param real The real summary.
 * @returns Reference values.
 */
export function referenceValues(real: BehaviourSummary): Record<RealismMeasure, number> {
  return {
    activity_ks: 0,
    activity_ratio: 1,
    popularity_gini: real.gini,
    top10_share: real.top10,
    rating_mean: real.ratingMean,
    positive_share: real.positiveShare,
    entropy_ks: 0,
    jaccard_mean: real.jaccard,
  };
}
