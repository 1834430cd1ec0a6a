import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import {
  createRecommender,
  ExplorationRecommender,
  type ExploredItem,
  ItemSearch,
  loadVegaCatalog,
  MfRecommender,
  Pager,
} from "@lib/recsys/mod.ts";
import { plantedInteractions, twoBlockCatalog } from "./helpers.ts";

const N = 40;
const catalog = twoBlockCatalog(N);
const planted = plantedInteractions(N, 10, 0.3);

Deno.test("recommend() through a pager never repeats an item already shown", () => {
  for (const algorithm of ["random", "popular", "itemknn", "mf"] as const) {
    const rec = createRecommender({ algorithm, exploration: { randomItems: 1 } }, catalog);
    rec.fit(planted);
    const pager = new Pager(rec, { pageSize: 5 });
    const seen = new Set<string>();
    for (let p = 0; p < 8; p++) {
      for (const r of pager.next("g0-1", { round: p })) {
        assert.ok(!seen.has(r.itemId), `${algorithm}: ${r.itemId} shown twice`);
        seen.add(r.itemId);
      }
    }
    assert.deepEqual(new Set(pager.shown("g0-1")), seen);
  }
});

Deno.test("a pager resumes from its JSON checkpoint without repeating", () => {
  const make = () =>
    new Pager(createRecommender({ algorithm: "random", seed: 4 }, catalog), { pageSize: 4 });
  const a = make();
  a.next("u");
  a.markShown("u", ["m39"]);
  const state = JSON.parse(JSON.stringify(a.exportState()));
  const b = make();
  b.importState(state);
  assert.equal(b.pagesServed("u"), 1);
  const nextA = a.next("u"), nextB = b.next("u");
  assert.deepEqual(nextB, nextA);
  for (const r of nextB) assert.ok(!state.shown.u.includes(r.itemId));
  assert.throws(() => new Pager(a.recommender, { pageSize: 5 }).importState(state), /pageSize/);
});

Deno.test("exploration replaces exactly N of the k items with random unseen ones", () => {
  const inner = new MfRecommender(catalog, { factors: 8, rng: new Rng(1) });
  inner.fit(planted);
  for (const n of [0, 1, 3, 5]) {
    const explore = new ExplorationRecommender(inner, { randomItems: n, rng: new Rng(7) });
    const base = inner.recommend("g0-2", 5).map((r) => r.itemId);
    const page: ExploredItem[] = explore.recommend("g0-2", 5);
    assert.equal(page.length, 5);
    assert.equal(page.filter((r) => r.explored).length, n);
    assert.equal(page.filter((r) => base.includes(r.itemId)).length, 5 - n);
    const own = new Set(inner.interacted("g0-2"));
    for (const r of page) assert.ok(!own.has(r.itemId));
    const random = page.find((r) => r.explored);
    if (random) assert.match(explore.explain("g0-2", random.itemId), /random/);
  }
});

Deno.test("exploration applies only on every k-th round from its first round", () => {
  const explore = createRecommender(
    { algorithm: "popular", exploration: { randomItems: 2, everyRounds: 5, fromRound: 20 } },
    catalog,
  ) as ExplorationRecommender;
  explore.fit(planted);
  const explored = (round: number) =>
    explore.recommend("g1-0", 5, { round }).filter((r) => r.explored).length;
  assert.deepEqual([19, 20, 21, 24, 25, 30].map(explored), [0, 2, 0, 0, 2, 2]);
});

Deno.test("search finds a title by exact match, by part, and by a paraphrase", async () => {
  const { catalog: vega } = await loadVegaCatalog();
  const search = await ItemSearch.create(vega);
  const exact = await search.search("the wizard of oz", 3);
  assert.equal(exact[0].match, "exact");
  assert.equal(vega.get(exact[0].itemId)!.title, "The Wizard of Oz");
  const part = await search.search("Lord of the Rings", 3);
  assert.ok(
    part.every((h) => h.match === "title" && /Lord of the Rings/.test(vega.get(h.itemId)!.title)),
  );
  const paraphrase = await search.search("dead people at dawn", 5);
  assert.ok(
    paraphrase.some((h) => vega.get(h.itemId)!.title === "Dawn of the Dead"),
    paraphrase.map((h) => vega.get(h.itemId)!.title).join(", "),
  );
  const excluded = await search.search("the wizard of oz", 1, { exclude: [exact[0].itemId] });
  assert.notEqual(excluded[0].itemId, exact[0].itemId);
});
