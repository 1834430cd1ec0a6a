import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { topK } from "../../lib/core/top_k.ts";
import { Catalog } from "../../lib/recsys/catalog.ts";
import { MfRecommender } from "../../lib/recsys/mf_als.ts";

/** MF with its popularity scores in view, to compare pages with top-k over them. */
class Visible extends MfRecommender {
  get popularity(): Float64Array {
    return this.popularScores;
  }
}

Deno.test("a user the model does not know gets top-k of popularity, ties to the lower index, exclusions respected", () => {
  const rng = new Rng(3);
  const base = { year: null, description: "", quality: 0.5, genres: ["Drama"] };
  // Popularity in a few levels, so many items tie.
  const items = Array.from({ length: 60 }, (_, i) => ({
    ...base,
    id: `m${i}`,
    title: `M${i}`,
    popularity: rng.int(4),
  }));
  const mf = new Visible(new Catalog(items), { factors: 4 });
  for (const fit of [0, 1]) {
    if (fit) {
      mf.fit(
        Array.from({ length: 80 }, (_, u) => ({ userId: `u${u}`, itemId: `m${rng.int(60)}` })),
      );
    }
    for (let trial = 0; trial < 20; trial++) {
      const exclude = Array.from({ length: rng.int(30) }, () => `m${rng.int(60)}`);
      const k = 1 + rng.int(12);
      const want = topK(mf.popularity, k, (i) => !exclude.includes(`m${i}`))
        .map((e) => ({ itemId: `m${e.index}`, score: e.score }));
      assert.deepEqual(
        mf.recommend(`new${trial}`, k, { exclude }),
        want,
        `fit ${fit} trial ${trial}`,
      );
    }
  }
});
