// The realism measures worked by hand: one small population summarised field by field, and
// two summaries compared measure by measure with the distance each one uses.
import assert from "node:assert/strict";
import {
  type BehaviourSummary,
  compare,
  REALISM_MEASURES,
  referenceValues,
  summarise,
} from "@lib/eval/realism_measures.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);
const GENRES: Record<string, string[]> = { a: ["Drama"], b: ["Drama", "Comedy"] };

Deno.test("a population summarised by hand", () => {
  const s = summarise(
    {
      items: new Map([["u", ["a", "b", "a"]], ["v", ["b"]], ["w", []]]),
      ratings: [5, 4, 2, 4],
    },
    ["a", "b", "c", "d"],
    (id) => GENRES[id] ?? [],
  );
  assert.deepEqual(s.perUser, [3, 1, 0]);
  close(s.meanActivity, 4 / 3);
  assert.deepEqual(s.itemCounts, [2, 2, 0, 0], "the catalogue's unconsumed items count as 0");
  // Half the catalogue holds everything: Gini 0.5 (Σ|xi − xj| / 2n²μ = 16 / 32).
  close(s.gini, 0.5);
  // The top 10% of 4 items is one item: 2 of 4 consumptions.
  close(s.top10, 0.5);
  assert.deepEqual(s.logCounts, [Math.log1p(2), Math.log1p(2), 0, 0]);
  assert.deepEqual(s.ratingShares, [0, 0.25, 0, 0.5, 0.25]);
  close(s.ratingMean, 3.75);
  close(s.positiveShare, 0.75);
  // Active users only: u saw Drama 3 times and Comedy once, v one of each.
  assert.equal(s.entropies.length, 2);
  close(s.entropies[0], -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)));
  close(s.entropies[1], 1);
  // Active users' item sets {a, b} and {b}: Jaccard 1/2; the idle user is left out.
  close(s.jaccard, 0.5);
});

Deno.test("no ratings give NaN rating measures; no users give zero activity", () => {
  const s = summarise({ items: new Map(), ratings: [] }, ["a"], () => []);
  assert.deepEqual(s.perUser, []);
  assert.equal(s.meanActivity, 0);
  assert.ok(s.ratingShares.every(Number.isNaN) && s.ratingShares.length === 5);
  assert.ok(Number.isNaN(s.ratingMean) && Number.isNaN(s.positiveShare));
  assert.deepEqual(s.entropies, []);
});

const summary = (over: Partial<BehaviourSummary>): BehaviourSummary => ({
  perUser: [1, 2],
  meanActivity: 1.5,
  itemCounts: [],
  gini: 0.3,
  top10: 0.2,
  logCounts: [],
  ratingShares: [],
  ratingMean: 3.5,
  positiveShare: 0.5,
  entropies: [1, 1],
  jaccard: 0.1,
  ...over,
});

Deno.test("compare: KS measures are their own distance, the ratio's is |r − 1|, the rest |sim − real|", () => {
  const sim = summary({ perUser: [1, 2], meanActivity: 2, gini: 0.5, top10: 0.25 });
  const real = summary({
    perUser: [3, 4],
    meanActivity: 4,
    gini: 0.25,
    top10: 0.5,
    ratingMean: 4,
    positiveShare: 0.75,
    entropies: [1, 1],
    jaccard: 0.35,
  });
  const c = compare(sim, real);
  assert.deepEqual(Object.keys(c), [...REALISM_MEASURES]);
  assert.deepEqual(c.activity_ks, { value: 1, distance: 1 });
  assert.deepEqual(c.activity_ratio, { value: 0.5, distance: 0.5 });
  assert.deepEqual(c.popularity_gini, { value: 0.5, distance: 0.25 });
  assert.deepEqual(c.top10_share, { value: 0.25, distance: 0.25 });
  assert.deepEqual(c.rating_mean, { value: 3.5, distance: 0.5 });
  assert.deepEqual(c.positive_share, { value: 0.5, distance: 0.25 });
  assert.deepEqual(c.entropy_ks, { value: 0, distance: 0 });
  close(c.jaccard_mean.value, 0.1);
  close(c.jaccard_mean.distance, 0.25);
  const tooActive = compare(summary({ meanActivity: 6 }), summary({ meanActivity: 4 }));
  assert.deepEqual(tooActive.activity_ratio, { value: 1.5, distance: 0.5 });
});

Deno.test("the real population's reference: 0 for KS, 1 for the ratio, its own values otherwise", () => {
  const real = summary({
    gini: 0.4,
    top10: 0.3,
    ratingMean: 3.2,
    positiveShare: 0.6,
    jaccard: 0.07,
  });
  assert.deepEqual(referenceValues(real), {
    activity_ks: 0,
    activity_ratio: 1,
    popularity_gini: 0.4,
    top10_share: 0.3,
    rating_mean: 3.2,
    positive_share: 0.6,
    entropy_ks: 0,
    jaccard_mean: 0.07,
  });
});
