// Item-kNN's cosine worked by hand, and the pager's extra exclusions adding to what was shown.
import assert from "node:assert/strict";
import { Catalog } from "@lib/recsys/catalog.ts";
import { ItemKnnRecommender } from "@lib/recsys/item_knn.ts";
import { Pager } from "@lib/recsys/pager.ts";
import { PopularRecommender } from "@lib/recsys/popular.ts";

const base = { genres: ["Drama"], year: null, description: "", quality: 0.5 };

Deno.test("item-kNN similarity is co-occurrence over the geometric mean of the audiences", () => {
  const cat = new Catalog(
    ["a", "b", "c", "d"].map((id) => ({ ...base, id, title: id, popularity: 0 })),
  );
  const knn = new ItemKnnRecommender(cat);
  // a: users 1, 2, 3; b: users 1, 2; c: user 3; d: nobody.
  knn.fit([
    { userId: "1", itemId: "a" },
    { userId: "1", itemId: "b" },
    { userId: "2", itemId: "a" },
    { userId: "2", itemId: "b" },
    { userId: "3", itemId: "a" },
    { userId: "3", itemId: "c" },
  ]);
  const sims = knn.similarItems("a", 5);
  assert.deepEqual(sims.map((s) => s.itemId), ["b", "c"]);
  // cos(a, b) = 2 / √(3·2) = 0.8165; cos(a, c) = 1 / √(3·1) = 0.5774.
  assert.ok(Math.abs(sims[0].score - 2 / Math.sqrt(6)) < 1e-6, `${sims[0].score}`);
  assert.ok(Math.abs(sims[1].score - 1 / Math.sqrt(3)) < 1e-6, `${sims[1].score}`);
  const fromB = knn.similarItems("b", 5);
  assert.deepEqual(fromB.map((s) => s.itemId), ["a"]);
  assert.ok(Math.abs(fromB[0].score - 2 / Math.sqrt(6)) < 1e-6);
  assert.deepEqual(knn.similarItems("d", 5), []);
  // minCommon 2 drops the pair seen together only once.
  const strict = new ItemKnnRecommender(cat, { minCommon: 2 });
  strict.fit([
    { userId: "1", itemId: "a" },
    { userId: "1", itemId: "b" },
    { userId: "2", itemId: "a" },
    { userId: "2", itemId: "b" },
    { userId: "3", itemId: "a" },
    { userId: "3", itemId: "c" },
  ]);
  assert.deepEqual(strict.similarItems("a", 5).map((s) => s.itemId), ["b"]);
});

Deno.test("the pager's exclude adds to the shown items instead of replacing them", () => {
  const cat = new Catalog(
    Array.from({ length: 12 }, (_, i) => ({ ...base, id: `m${i}`, title: `F${i}`, popularity: i })),
  );
  const pager = new Pager(new PopularRecommender(cat), { pageSize: 5 });
  const ids = (page: { itemId: string }[]) => page.map((r) => r.itemId);
  assert.deepEqual(ids(pager.next("u")), ["m11", "m10", "m9", "m8", "m7"]);
  assert.deepEqual(ids(pager.next("u", { exclude: ["m6"] })), ["m5", "m4", "m3", "m2", "m1"]);
  // An extra exclusion holds for that page only; it is not recorded as shown.
  assert.deepEqual(ids(pager.next("u")), ["m6", "m0"]);
  assert.deepEqual(pager.shown("u").length, 12);
  assert.equal(pager.pagesServed("u"), 3);
  // Another user starts afresh.
  assert.deepEqual(ids(pager.next("v", { exclude: ["m11"] })), ["m10", "m9", "m8", "m7", "m6"]);
});
