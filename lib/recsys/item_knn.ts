/**
 * Item-based k-nearest-neighbours: cosine similarity over co-occurrence (how many users
 * interacted with both items, over the geometric mean of their audiences), truncated to each
 * item's nearest neighbours; a user's score for an item sums its similarity to the user's items.
 *
 * @module
 */
import type { Catalog } from "./catalog.ts";
import type { InteractionMatrix } from "./interaction_matrix.ts";
import type { ScoredItem } from "./item.ts";
import { ScoringRecommender } from "./recommender.ts";
import { topK } from "../core/top_k.ts";

/** Options of {@link ItemKnnRecommender}. */
export interface ItemKnnOptions {
  /** Neighbours kept per item (default 50). */
  neighbours?: number;
  /** Co-occurrences needed before two items count as neighbours (default 1). */
  minCommon?: number;
}

/**
 * Item-kNN over binary co-occurrence.
 *
 * @example Films watched by the same people are neighbours
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { ItemKnnRecommender } from "@lib/recsys/item_knn.ts";
 * import assert from "node:assert/strict";
 * const base = { genres: ["Drama"], year: null, description: "", popularity: 0, quality: 0.5 };
 * const cat = new Catalog(["a", "b", "c"].map((id) => ({ ...base, id, title: id })));
 * const knn = new ItemKnnRecommender(cat);
 * knn.fit([
 *   { userId: "1", itemId: "a" }, { userId: "1", itemId: "b" },
 *   { userId: "2", itemId: "a" }, { userId: "2", itemId: "b" }, { userId: "3", itemId: "c" },
 * ]);
 * assert.equal(knn.similarItems("a", 1)[0].itemId, "b");
 * ```
 */
export class ItemKnnRecommender extends ScoringRecommender {
  readonly name = "itemknn";
  readonly #m: number;
  readonly #minCommon: number;
  #nbr = new Int32Array(0);
  #sim = new Float32Array(0);
  #count = new Int32Array(0);

  /**
   * @param catalog The items.
   * @param options Neighbourhood size and minimum overlap.
   */
  constructor(catalog: Catalog, options: ItemKnnOptions = {}) {
    super(catalog);
    this.#m = options.neighbours ?? 50;
    this.#minCommon = options.minCommon ?? 1;
  }

  protected train(data: InteractionMatrix): void {
    const n = this.catalog.size, m = this.#m;
    this.#nbr = new Int32Array(n * m);
    this.#sim = new Float32Array(n * m);
    this.#count = new Int32Array(n);
    const co = new Float64Array(n);
    const touched: number[] = [];
    for (let i = 0; i < n; i++) {
      // Row i of the co-occurrence matrix, via the users of i and their items.
      for (let e = data.colPtr[i]; e < data.colPtr[i + 1]; e++) {
        for (const j of data.itemsOf(data.colUsers[e])) {
          if (j === i) continue;
          if (co[j] === 0) touched.push(j);
          co[j]++;
        }
      }
      const ni = data.userCount(i);
      for (const j of touched) {
        co[j] = co[j] >= this.#minCommon ? co[j] / Math.sqrt(ni * data.userCount(j)) : 0;
      }
      const best = topK(co, m, (j) => co[j] > 0);
      best.forEach((b, r) => {
        this.#nbr[i * m + r] = b.index;
        this.#sim[i * m + r] = b.score;
      });
      this.#count[i] = best.length;
      for (const j of touched) co[j] = 0;
      touched.length = 0;
    }
  }

  protected scoreUser(u: number, out: Float64Array): void {
    const m = this.#m, items = this.data.itemsOf(u);
    for (const i of items) {
      for (let r = 0; r < this.#count[i]; r++) out[this.#nbr[i * m + r]] += this.#sim[i * m + r];
    }
    // Items with no neighbour among the user's fall back to popularity order, far below any match.
    for (let j = 0; j < out.length; j++) out[j] += 1e-9 * this.popularScores[j];
  }

  protected explainKnown(u: number, i: number): string {
    let best = -1, bestSim = 0;
    for (const j of this.data.itemsOf(u)) {
      const s = Math.max(this.#similarity(j, i), this.#similarity(i, j));
      if (s > bestSim) [best, bestSim] = [j, s];
    }
    return best < 0
      ? "No film you watched is close to it; it is popular with other users."
      : `Because you watched ${this.quoted(best)} (similarity ${bestSim.toFixed(2)}).`;
  }

  /**
   * The items most similar to an item (its neighbours from the last fit).
   *
   * @param itemId An item id.
   * @param k How many.
   * @returns Neighbours with their cosine similarity, most similar first.
   */
  similarItems(itemId: string, k: number): ScoredItem[] {
    const i = this.catalog.indexOf(itemId);
    if (i < 0 || this.#count.length === 0) return [];
    const out: ScoredItem[] = [];
    for (let r = 0; r < Math.min(k, this.#count[i]); r++) {
      out.push({
        itemId: this.catalog.items[this.#nbr[i * this.#m + r]].id,
        score: this.#sim[i * this.#m + r],
      });
    }
    return out;
  }

  #similarity(from: number, to: number): number {
    for (let r = 0; r < this.#count[from]; r++) {
      if (this.#nbr[from * this.#m + r] === to) return this.#sim[from * this.#m + r];
    }
    return 0;
  }
}
