/**
 * Random recommender: uniform over the items the user has not interacted with.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import type { Catalog } from "./catalog.ts";
import type { ScoredItem } from "./item.ts";
import { type RecommenderState, type RecommendOptions, ScoringRecommender } from "./recommender.ts";
import { sampleIndices, UserStreams } from "./user_streams.ts";

/**
 * Uniformly random pages, seeded per user and call.
 *
 * @example Same seed, same pages
 * ```ts
 * import { Rng } from "@lib/core/rng.ts";
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { RandomRecommender } from "@lib/recsys/random.ts";
 * import assert from "node:assert/strict";
 * const cat = new Catalog(Array.from({ length: 50 }, (_, i) => ({
 *   id: `m${i}`, title: `Film ${i}`, genres: ["Drama"], year: null, description: "", popularity: 0, quality: 0.5,
 * })));
 * const a = new RandomRecommender(cat, new Rng(7)), b = new RandomRecommender(cat, new Rng(7));
 * assert.deepEqual(a.recommend("u1", 5), b.recommend("u1", 5));
 * ```
 */
export class RandomRecommender extends ScoringRecommender {
  readonly name = "random";
  readonly #streams: UserStreams;

  /**
   * @param catalog The items.
   * @param rng Seeded generator (default seed 0).
   */
  constructor(catalog: Catalog, rng: Rng = new Rng(0)) {
    super(catalog);
    this.#streams = new UserStreams(rng.fork("random"));
  }

  protected train(): void {}

  protected scoreUser(): void {}

  protected explainKnown(): string {
    return "Picked at random from the catalogue.";
  }

  override explain(_userId: string, itemId: string): string {
    return this.catalog.has(itemId)
      ? "Picked at random from the catalogue."
      : `"${itemId}" is not in the catalogue.`;
  }

  override recommend(userId: string, k: number, options: RecommendOptions = {}): ScoredItem[] {
    const blocked = this.blockedMask(userId, options);
    const picks = sampleIndices(
      this.#streams.next(userId),
      this.catalog.size,
      k,
      (i) => blocked[i] === 0,
    );
    return picks.map((i) => ({ itemId: this.catalog.items[i].id, score: 0 }));
  }

  override exportState(): RecommenderState {
    return { calls: this.#streams.exportState() };
  }

  override importState(state: RecommenderState): void {
    this.#streams.importState((state.calls ?? {}) as Record<string, number>);
  }
}
