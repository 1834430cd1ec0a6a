/**
 * The one interface every recommender implements, and the base class the scoring ones share
 * (exclusions, top-k, and the cold-start fallback).
 *
 * Cold start: a user who has no interaction in the data of the last `fit` gets the most
 * popular items (most distinct users in that data; ties, and a fit on no data at all, go to
 * the catalogue's own popularity), and `explain` says so.
 *
 * @module
 */
import type { Catalog } from "./catalog.ts";
import { InteractionMatrix } from "./interaction_matrix.ts";
import type { Interaction, ScoredItem } from "./item.ts";
import { topK } from "../core/top_k.ts";

/** Options of {@link Recommender.recommend}. */
export interface RecommendOptions {
  /** Item ids never to return (already shown, already on the page, ...). */
  exclude?: Iterable<string>;
  /** Also return items the user has interacted with (default false). */
  includeInteracted?: boolean;
  /** The simulation round asking, for round-dependent behaviour such as exploration. */
  round?: number;
}

/** JSON-serialisable state a recommender needs to resume exactly (besides its fitted data). */
export type RecommenderState = Record<string, unknown>;

/** A recommender: fit on implicit feedback, rank items for a user, explain a choice. */
export interface Recommender {
  /** A short name for manifests and dashboards ("mf", "itemknn+explore(1/5)"). */
  readonly name: string;
  /** The items it ranks. */
  readonly catalog: Catalog;
  /**
   * Refits on all interactions so far: a pure function of them and the seed (a warm-started
   * model: of them and the factors it starts from, which its exported state carries).
   *
   * @param interactions Every interaction to learn from (initial + simulated).
   */
  fit(interactions: readonly Interaction[]): void;
  /**
   * @param userId The user.
   * @param k Page length.
   * @param options Exclusions and context.
   * @returns Up to k items, best first.
   */
  recommend(userId: string, k: number, options?: RecommendOptions): ScoredItem[];
  /**
   * @param userId The user.
   * @param itemId An item, usually one it recommended.
   * @returns One short sentence on why it would show this item.
   */
  explain(userId: string, itemId: string): string;
  /**
   * @param userId The user.
   * @returns Item ids the user interacted with in the fitted data.
   */
  interacted(userId: string): string[];
  /** @returns State to checkpoint (random streams), JSON-serialisable. */
  exportState(): RecommenderState;
  /** @param state State from {@link exportState}. */
  importState(state: RecommenderState): void;
}

/**
 * Shared machinery: subclasses compute scores for a known user; the base handles
 * exclusions, top-k selection, cold start and explanations for unknown users.
 */
export abstract class ScoringRecommender implements Recommender {
  abstract readonly name: string;
  readonly catalog: Catalog;
  /** The data of the last fit. */
  protected data: InteractionMatrix;
  /** Popularity scores by item index (users in the data, catalogue popularity as tie-break). */
  protected popularScores: Float64Array;
  #scores = new Float64Array(0);
  /** The user whose scores #scores holds (-1: none; the model changed since). */
  #scored = -1;
  #mask = new Uint8Array(0);

  /** @param catalog The items to rank. */
  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.data = InteractionMatrix.build([], catalog);
    this.popularScores = this.#popularity();
  }

  fit(interactions: readonly Interaction[]): void {
    this.#scored = -1;
    this.data = InteractionMatrix.build(interactions, this.catalog);
    this.popularScores = this.#popularity();
    this.train(this.data);
  }

  /** Forgets the scores kept for the last user (a model that changes after `fit` calls it). */
  protected scoresChanged(): void {
    this.#scored = -1;
  }

  /**
   * Learns from the data (called by {@link fit} after the matrix is built).
   *
   * @param data The interactions.
   */
  protected abstract train(data: InteractionMatrix): void;

  /**
   * Scores every item for a known user into `out` (higher is better).
   *
   * @param u User index in {@link data}.
   * @param out Scores by item index, to fill.
   */
  protected abstract scoreUser(u: number, out: Float64Array): void;

  /**
   * Explains a recommendation to a known user.
   *
   * @param u User index.
   * @param i Item index.
   * @returns One sentence.
   */
  protected abstract explainKnown(u: number, i: number): string;

  recommend(userId: string, k: number, options: RecommendOptions = {}): ScoredItem[] {
    const blocked = this.blockedMask(userId, options);
    const u = this.data.userIndex.get(userId);
    let scores = this.popularScores;
    if (u !== undefined) {
      // One buffer serves every page: a round asks for a page per browsing agent, and an
      // agent's next page in the same visit reads the scores of its first.
      if (this.#scores.length !== this.catalog.size) {
        this.#scores = new Float64Array(this.catalog.size);
        this.#scored = -1;
      }
      scores = this.#scores;
      if (this.#scored !== u) {
        this.scoreUser(u, scores);
        this.#scored = u;
      }
    }
    return topK(scores, k, (i) => blocked[i] === 0).map((e) => ({
      itemId: this.catalog.items[e.index].id,
      score: e.score,
    }));
  }

  explain(userId: string, itemId: string): string {
    const i = this.catalog.indexOf(itemId);
    if (i < 0) return `"${itemId}" is not in the catalogue.`;
    const u = this.data.userIndex.get(userId);
    if (u === undefined) {
      const n = this.data.userCount(i);
      return `Popular with other users (${n} watched it); shown while we learn your taste.`;
    }
    return this.explainKnown(u, i);
  }

  interacted(userId: string): string[] {
    const u = this.data.userIndex.get(userId);
    if (u === undefined) return [];
    return Array.from(this.data.itemsOf(u), (i) => this.catalog.items[i].id);
  }

  exportState(): RecommenderState {
    return {};
  }

  importState(_state: RecommenderState): void {}

  /**
   * @param userId The user.
   * @param options Exclusions.
   * @returns 1 for every item index that must not be returned (a buffer the next call
   *   overwrites).
   */
  protected blockedMask(userId: string, options: RecommendOptions): Uint8Array {
    // Reused between calls (read before the next one), as the score buffer is.
    if (this.#mask.length !== this.catalog.size) this.#mask = new Uint8Array(this.catalog.size);
    const mask = this.#mask.fill(0);
    for (const id of options.exclude ?? []) {
      const i = this.catalog.indexOf(id);
      if (i >= 0) mask[i] = 1;
    }
    const u = this.data.userIndex.get(userId);
    if (u !== undefined && !options.includeInteracted) {
      for (const i of this.data.itemsOf(u)) mask[i] = 1;
    }
    return mask;
  }

  /**
   * @param i Item index.
   * @returns The item's title in quotes.
   */
  protected quoted(i: number): string {
    return `“${this.catalog.items[i].title}”`;
  }

  #popularity(): Float64Array {
    const pop = this.catalog.popularity;
    let max = 0;
    for (const p of pop) max = Math.max(max, p);
    // The catalogue prior stays below 1, so it only orders items the data ties.
    const out = new Float64Array(this.catalog.size);
    for (let i = 0; i < out.length; i++) {
      out[i] = this.data.userCount(i) + (max > 0 ? 0.5 * pop[i] / max : 0);
    }
    return out;
  }
}
