/**
 * Most-popular recommender: the items most distinct users interacted with.
 *
 * @module
 */
import { ScoringRecommender } from "./recommender.ts";

/**
 * Ranks by the number of distinct users in the fitted data (catalogue popularity breaks ties),
 * the same for everyone except for what each user has already seen.
 *
 * @example The most watched item comes first
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { PopularRecommender } from "@lib/recsys/popular.ts";
 * import assert from "node:assert/strict";
 * const base = { genres: ["Drama"], year: null, description: "", popularity: 0, quality: 0.5 };
 * const cat = new Catalog(["a", "b", "c"].map((id) => ({ ...base, id, title: id })));
 * const rec = new PopularRecommender(cat);
 * rec.fit([{ userId: "1", itemId: "b" }, { userId: "2", itemId: "b" }, { userId: "2", itemId: "c" }]);
 * assert.deepEqual(rec.recommend("new", 2).map((r) => r.itemId), ["b", "c"]);
 * assert.deepEqual(rec.recommend("2", 2).map((r) => r.itemId), ["a"]);
 * ```
 */
export class PopularRecommender extends ScoringRecommender {
  readonly name = "popular";

  protected train(): void {}

  protected scoreUser(_u: number, out: Float64Array): void {
    out.set(this.popularScores);
  }

  protected explainKnown(_u: number, i: number): string {
    return `One of the most watched films (${this.data.userCount(i)} users).`;
  }
}
