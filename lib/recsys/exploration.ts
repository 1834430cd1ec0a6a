/**
 * The exploration knob: on chosen rounds, replace N of a page's k items with random items the
 * user has not seen, so "replace 1 of 5 items with a random one every round" is a config change.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Interaction, ScoredItem } from "./item.ts";
import type { Recommender, RecommenderState, RecommendOptions } from "./recommender.ts";
import { sampleIndices, UserStreams } from "./user_streams.ts";

/** Options of {@link ExplorationRecommender}. */
export interface ExplorationOptions {
  /** How many of each page's items are random (capped at the page size). */
  randomItems: number;
  /** Explore on every k-th round counted from `fromRound` (default 1: every round). */
  everyRounds?: number;
  /** First round with exploration (default 0). */
  fromRound?: number;
  /** Where random items go: "end" of the page (default) or "random" positions. */
  placement?: "end" | "random";
  /** Seeded generator (default seed 0). */
  rng?: Rng;
}

/** A recommended item, marked when exploration put it there. */
export interface ExploredItem extends ScoredItem {
  /** True for a random item injected by exploration. */
  explored?: true;
}

/**
 * Wraps a recommender and mixes random unseen items into its pages. A call without a
 * `round` counts as an exploring round.
 *
 * @example One of five items is random
 * ```ts
 * import { Rng } from "@lib/core/rng.ts";
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { PopularRecommender } from "@lib/recsys/popular.ts";
 * import { ExplorationRecommender } from "@lib/recsys/exploration.ts";
 * import assert from "node:assert/strict";
 * const cat = new Catalog(Array.from({ length: 40 }, (_, i) => ({
 *   id: `m${i}`, title: `Film ${i}`, genres: ["Drama"], year: null, description: "", popularity: 40 - i, quality: 0.5,
 * })));
 * const rec = new ExplorationRecommender(new PopularRecommender(cat), { randomItems: 1, rng: new Rng(3) });
 * const page = rec.recommend("u", 5);
 * assert.equal(page.filter((p) => p.explored).length, 1);
 * assert.deepEqual(page.slice(0, 4).map((p) => p.itemId), ["m0", "m1", "m2", "m3"]);
 * ```
 */
export class ExplorationRecommender implements Recommender {
  readonly name: string;
  readonly inner: Recommender;
  readonly #n: number;
  readonly #every: number;
  readonly #from: number;
  readonly #placement: "end" | "random";
  readonly #streams: UserStreams;
  #lastRandom = new Map<string, Set<string>>();

  /**
   * @param inner The recommender whose pages are mixed.
   * @param options How many random items, on which rounds, where on the page.
   */
  constructor(inner: Recommender, options: ExplorationOptions) {
    if (!(options.randomItems >= 0) || !Number.isInteger(options.randomItems)) {
      throw new ConfigError(
        "exploration",
        "randomItems",
        `randomItems must be a non-negative integer, got ${options.randomItems}`,
      );
    }
    this.inner = inner;
    this.#n = options.randomItems;
    this.#every = Math.max(1, options.everyRounds ?? 1);
    this.#from = options.fromRound ?? 0;
    this.#placement = options.placement ?? "end";
    this.#streams = new UserStreams((options.rng ?? new Rng(0)).fork("explore"));
    this.name = `${inner.name}+explore(${this.#n}/${this.#every})`;
  }

  get catalog() {
    return this.inner.catalog;
  }

  /**
   * @param round A round, or undefined.
   * @returns Whether pages of that round are mixed.
   */
  explores(round: number | undefined): boolean {
    if (this.#n === 0) return false;
    if (round === undefined) return true;
    return round >= this.#from && (round - this.#from) % this.#every === 0;
  }

  fit(interactions: readonly Interaction[]): void {
    this.inner.fit(interactions);
  }

  recommend(userId: string, k: number, options: RecommendOptions = {}): ExploredItem[] {
    const ranked = this.inner.recommend(userId, k, options);
    if (!this.explores(options.round)) return ranked;
    const n = Math.min(this.#n, k);
    const cat = this.catalog;
    const blocked = new Uint8Array(cat.size);
    for (const id of [...(options.exclude ?? []), ...ranked.map((r) => r.itemId)]) {
      const i = cat.indexOf(id);
      if (i >= 0) blocked[i] = 1;
    }
    if (!options.includeInteracted) {
      for (const id of this.inner.interacted(userId)) blocked[cat.indexOf(id)] = 1;
    }
    const rng = this.#streams.next(userId);
    const picks: ExploredItem[] = sampleIndices(rng, cat.size, n, (i) => blocked[i] === 0)
      .map((i) => ({ itemId: cat.items[i].id, score: 0, explored: true }));
    this.#lastRandom.set(userId, new Set(picks.map((p) => p.itemId)));
    const page: ExploredItem[] = ranked.slice(0, k - picks.length);
    if (this.#placement === "end") return [...page, ...picks];
    for (const p of picks) page.splice(rng.int(page.length + 1), 0, p);
    return page;
  }

  explain(userId: string, itemId: string): string {
    if (this.#lastRandom.get(userId)?.has(itemId)) {
      return "Picked at random, to show you something different.";
    }
    return this.inner.explain(userId, itemId);
  }

  interacted(userId: string): string[] {
    return this.inner.interacted(userId);
  }

  exportState(): RecommenderState {
    return {
      inner: this.inner.exportState(),
      calls: this.#streams.exportState(),
      lastRandom: Object.fromEntries([...this.#lastRandom].map(([u, s]) => [u, [...s]])),
    };
  }

  importState(state: RecommenderState): void {
    this.inner.importState((state.inner ?? {}) as RecommenderState);
    this.#streams.importState((state.calls ?? {}) as Record<string, number>);
    const last = (state.lastRandom ?? {}) as Record<string, string[]>;
    this.#lastRandom = new Map(Object.entries(last).map(([u, ids]) => [u, new Set(ids)]));
  }
}
