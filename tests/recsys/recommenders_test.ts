import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import {
  createRecommender,
  type Interaction,
  ItemKnnRecommender,
  MfRecommender,
  PopularRecommender,
  RandomRecommender,
} from "@lib/recsys/mod.ts";
import { blockOf, plantedInteractions, twoBlockCatalog } from "./helpers.ts";

const N = 40;
const catalog = twoBlockCatalog(N);
const planted = plantedInteractions(N, 15, 0.4);

Deno.test("MF learns a planted structure: each group is recommended its own genre block", () => {
  const mf = new MfRecommender(catalog, { factors: 8, iterations: 10, rng: new Rng(5) });
  mf.fit(planted);
  for (
    const [g, users] of [[0, ["g0-0", "g0-3", "g0-9"]], [1, ["g1-1", "g1-4", "g1-14"]]] as const
  ) {
    for (const u of users) {
      const recs = mf.recommend(u, 5);
      assert.equal(recs.length, 5);
      for (const r of recs) assert.equal(blockOf(r.itemId, N), g, `${u} got ${r.itemId}`);
    }
  }
  assert.match(mf.explain("g0-0", mf.recommend("g0-0", 1)[0].itemId), /taste profile/);
});

Deno.test("item-kNN finds similar items within the same block", () => {
  const knn = new ItemKnnRecommender(catalog, { neighbours: 10 });
  knn.fit(planted);
  for (const id of ["m0", "m7", "m25", "m39"]) {
    const sims = knn.similarItems(id, 5);
    assert.equal(sims.length, 5);
    for (const s of sims) assert.equal(blockOf(s.itemId, N), blockOf(id, N));
    assert.ok(sims[0].score >= sims[4].score);
  }
  const rec = knn.recommend("g1-2", 3);
  for (const r of rec) assert.equal(blockOf(r.itemId, N), 1);
  assert.match(knn.explain("g1-2", rec[0].itemId), /Because you watched “Film \d+”/);
});

Deno.test("recommend() excludes the user's own items and the excluded ones", () => {
  for (
    const rec of [
      new PopularRecommender(catalog),
      new ItemKnnRecommender(catalog),
      new MfRecommender(catalog, { factors: 4 }),
    ]
  ) {
    rec.fit(planted);
    const own = new Set(rec.interacted("g0-1"));
    assert.ok(own.size > 0);
    const exclude = ["m30", "m31", "m32"];
    const page = rec.recommend("g0-1", N, { exclude });
    assert.equal(page.length, N - own.size - exclude.length, rec.name);
    for (const r of page) assert.ok(!own.has(r.itemId) && !exclude.includes(r.itemId), rec.name);
  }
});

Deno.test("retraining on new interactions changes the recommendations", () => {
  for (
    const make of [
      () => new MfRecommender(catalog, { factors: 8, rng: new Rng(2) }),
      () => new ItemKnnRecommender(catalog),
    ]
  ) {
    const rec = make();
    const initial = plantedInteractions(N, 15, 0.4, 9);
    rec.fit(initial);
    const before = rec.recommend("newcomer", 5).map((r) => r.itemId);
    // The newcomer now watches Romance films; refitting on everything must move its page.
    const simulated: Interaction[] = ["m20", "m21", "m22", "m23"].map((itemId) => ({
      userId: "newcomer",
      itemId,
      round: 1,
    }));
    rec.fit([...initial, ...simulated]);
    const after = rec.recommend("newcomer", 5).map((r) => r.itemId);
    assert.notDeepEqual(after, before, rec.name);
    for (const id of after) assert.equal(blockOf(id, N), 1, `${rec.name}: ${id}`);
  }
});

Deno.test("an unknown user gets the popular items (cold start) with an explanation", () => {
  const mf = new MfRecommender(catalog, { factors: 4 });
  mf.fit([{ userId: "a", itemId: "m5" }, { userId: "b", itemId: "m5" }, {
    userId: "b",
    itemId: "m6",
  }]);
  assert.deepEqual(mf.recommend("stranger", 3).map((r) => r.itemId), ["m5", "m6", "m0"]);
  assert.match(mf.explain("stranger", "m5"), /Popular with other users \(2/);
  const fresh = new PopularRecommender(catalog);
  assert.deepEqual(
    fresh.recommend("x", 2).map((r) => r.itemId),
    ["m0", "m1"],
    "no data: catalogue popularity",
  );
});

Deno.test("the same seed gives the same recommendations; another seed differs", () => {
  const run = (seed: number, algorithm: "random" | "mf") => {
    const rec = createRecommender({
      algorithm,
      seed,
      ...(algorithm === "mf" ? { factors: 8 } : {}),
    }, catalog);
    rec.fit(planted);
    return ["g0-1", "g1-1", "new"].map((u) => rec.recommend(u, 5));
  };
  for (const algorithm of ["random", "mf"] as const) {
    assert.deepEqual(run(3, algorithm), run(3, algorithm));
  }
  assert.notDeepEqual(run(3, "random"), run(4, "random"));
});

Deno.test("a random recommender resumes its streams from exported state", () => {
  const a = new RandomRecommender(catalog, new Rng(1));
  a.recommend("u", 5);
  const state = JSON.parse(JSON.stringify(a.exportState()));
  const b = new RandomRecommender(catalog, new Rng(1));
  b.importState(state);
  assert.deepEqual(b.recommend("u", 5), a.recommend("u", 5));
});

Deno.test("createRecommender rejects a bad config naming the field", () => {
  assert.throws(
    () => createRecommender({ algorithm: "svd" }, catalog, { source: "run.json" }),
    /run\.json: algorithm/,
  );
  assert.throws(() => createRecommender({ algorithm: "mf", factors: -1 }, catalog), /factors/);
  assert.throws(
    () => createRecommender({ algorithm: "popular", exploration: { randomItems: 1.5 } }, catalog),
    /exploration\.randomItems/,
  );
});
