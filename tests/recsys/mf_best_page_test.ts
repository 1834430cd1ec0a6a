// MF's pages come from the scorer's pruned search (CatalogScorer.best); they must be the pages
// scoring every item and taking the top k gives: the same items, order and scores.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { topK } from "@lib/core/top_k.ts";
import { Catalog } from "@lib/recsys/catalog.ts";
import { MfRecommender } from "@lib/recsys/mf_als.ts";
import { scoreItems } from "@lib/recsys/mf_score.ts";

/** MF with its factors in view, to score every item the plain way. */
class OpenMf extends MfRecommender {
  factors() {
    return this.pageFactors();
  }
  rowOf(userId: string) {
    return this.data.userIndex.get(userId)!;
  }
}

Deno.test("an MF page is the top k of every item's score, with interacted and excluded items left out", () => {
  const rng = new Rng("mf-best-page");
  const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
  const items = 300;
  const cat = new Catalog(
    Array.from({ length: items }, (_, i) => ({ ...base, id: `m${i}`, title: `M${i}` })),
  );
  // Popularity falls off steeply, as in real catalogues: most items are rarely seen.
  const rows = [];
  for (let u = 0; u < 80; u++) {
    for (let n = 0; n < 6; n++) {
      const i = Math.min(items - 1, Math.floor(items * rng.next() ** 4));
      rows.push({ userId: `u${u}`, itemId: `m${i}`, weight: 1 + rng.int(5) });
    }
  }
  const mf = new OpenMf(cat, { factors: 8, iterations: 4 });
  mf.fit(rows);
  const { x, y, f } = mf.factors()!;
  const scores = new Float64Array(items);
  for (let u = 0; u < 80; u++) {
    const userId = `u${u}`;
    const row = mf.rowOf(userId);
    scoreItems(x, row * f, y, f, scores);
    const interacted = new Set(mf.interacted(userId));
    const exclude = Array.from({ length: rng.int(20) }, () => `m${rng.int(items)}`);
    for (const k of [1, 5, 15, items]) {
      const blocked = (i: number) => !interacted.has(`m${i}`) && !exclude.includes(`m${i}`);
      const want = topK(scores, k, blocked).map((e) => ({ itemId: `m${e.index}`, score: e.score }));
      assert.deepEqual(mf.recommend(userId, k, { exclude }), want, `${userId}, k ${k}`);
    }
  }
});
