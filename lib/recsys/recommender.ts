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
import { type IndexScore, topK } from "../core/top_k.ts";
import { PagesAhead } from "./pages_ahead.ts";

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
  /** This round's pages computed ahead, consulted before scoring (see {@link computePagesAhead}). */
  #ahead: PagesAhead | null = null;
  /**
   * Item indices by popularity, best first (lower index first among equals); null: not made
   * since the last fit.
   */
  #popularOrder: Int32Array | null = null;
  /** Pages answered from pages computed ahead, over the model's life (for benches and tests). */
  pagesServedAhead = 0;
  /** Users whose pages were computed ahead, and how many of them on the worker thread. */
  usersAhead = { users: 0, byWorker: 0 };

  /** @param catalog The items to rank. */
  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.data = InteractionMatrix.build([], catalog);
    this.popularScores = this.#popularity();
  }

  fit(interactions: readonly Interaction[]): void {
    this.#scored = -1;
    this.endPagesAhead();
    this.data = InteractionMatrix.build(interactions, this.catalog);
    this.popularScores = this.#popularity();
    this.#popularOrder = null;
    this.train(this.data);
  }

  /** Forgets the scores kept for the last user (a model that changes after `fit` calls it). */
  protected scoresChanged(): void {
    this.#scored = -1;
    this.endPagesAhead();
  }

  /** How many users the last fit learned from (0 before the first fit with data). */
  get knownUsers(): number {
    return this.data.nUsers;
  }

  /**
   * The model's factors, for recommenders whose pages can be computed ahead on another
   * thread (MF); null for the others.
   *
   * @returns User and item factors and their dimensions, or null.
   */
  protected pageFactors(): { x: Float32Array; y: Float32Array; f: number } | null {
    return null;
  }

  /**
   * Starts computing the next pages of the given users, on a worker thread as well as on
   * demand, for the round about to run. Pages served while it lasts are the same as without
   * it (see lib/recsys/pages_ahead.ts); it ends with {@link endPagesAhead} or the next fit.
   *
   * @param userIds The users in the order their turns come.
   * @param shownOf The items already shown to a user.
   * @param depth Candidates kept per user (page size × most pages per visit).
   * @param worker Whether a worker thread computes as well.
   * @returns Whether pages are computed ahead (false: this model scores on demand only, or
   *   knows none of the users).
   *
   * @example Same pages, computed ahead or not
   * ```ts
   * import { Catalog } from "@lib/recsys/catalog.ts";
   * import { MfRecommender } from "@lib/recsys/mf_als.ts";
   * import assert from "node:assert/strict";
   * const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
   * const cat = new Catalog([0, 1, 2, 3, 4, 5].map((i) => ({ ...base, id: `m${i}`, title: `M${i}` })));
   * const mf = new MfRecommender(cat, { factors: 4 });
   * mf.fit([0, 1, 2, 3, 4, 5].map((u) => ({ userId: `u${u}`, itemId: `m${u % 3}` })));
   * const before = mf.recommend("u1", 2, { exclude: ["m4"] });
   * assert.ok(mf.computePagesAhead(["u1"], () => ["m4"], 4, true));
   * assert.deepEqual(mf.recommend("u1", 2, { exclude: ["m4"] }), before);
   * mf.endPagesAhead();
   * ```
   */
  computePagesAhead(
    userIds: readonly string[],
    shownOf: (userId: string) => Iterable<string>,
    depth: number,
    worker: boolean,
  ): boolean {
    this.endPagesAhead();
    const factors = this.pageFactors();
    if (!factors || this.data.nUsers === 0) return false;
    const requests = [];
    for (const userId of userIds) {
      const u = this.data.userIndex.get(userId);
      // A user the model does not know gets its pages from the popularity ranking.
      if (u === undefined) continue;
      const blocked: number[] = [...this.data.itemsOf(u)];
      for (const id of shownOf(userId)) {
        const i = this.catalog.indexOf(id);
        if (i >= 0) blocked.push(i);
      }
      requests.push({ userId, row: u, blocked });
    }
    if (requests.length === 0) return false;
    this.#ahead = new PagesAhead(
      { ...factors, items: this.catalog.size, depth },
      requests,
      worker,
    );
    return true;
  }

  /** Ends the pages computed ahead (their worker stops); later pages are scored on demand. */
  endPagesAhead(): void {
    if (this.#ahead) {
      this.#ahead.close();
      const { users, byWorker } = this.#ahead.counts();
      this.pagesServedAhead += this.#ahead.served;
      this.usersAhead.users += users;
      this.usersAhead.byWorker += byWorker;
    }
    this.#ahead = null;
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
   * A known user's k best unblocked items, found without scoring the whole catalogue where the
   * model can (MF); the list top-k gives over {@link scoreUser}'s scores, the same items with
   * the same scores in the same order.
   *
   * @param _u User index in {@link data}.
   * @param _k How many items at most.
   * @param _blocked 1 for every item index that must not be returned.
   * @returns The items best first, or null to score every item instead.
   */
  protected bestItems(_u: number, _k: number, _blocked: Uint8Array): IndexScore[] | null {
    return null;
  }

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
    if (u === undefined) return this.#popularPage(k, blocked);
    // A page computed ahead, else one found without scoring the whole catalogue (MF).
    const found = this.#ahead?.page(userId, k, blocked) ?? this.bestItems(u, k, blocked);
    if (found) {
      return found.map((e) => ({ itemId: this.catalog.items[e.index].id, score: e.score }));
    }
    // One buffer serves every page: a round asks for a page per browsing agent, and an agent's
    // next page in the same visit reads the scores of its first.
    if (this.#scores.length !== this.catalog.size) {
      this.#scores = new Float64Array(this.catalog.size);
      this.#scored = -1;
    }
    const scores = this.#scores;
    if (this.#scored !== u) {
      this.scoreUser(u, scores);
      this.#scored = u;
    }
    return topK(scores, k, (i) => blocked[i] === 0).map((e) => ({
      itemId: this.catalog.items[e.index].id,
      score: e.score,
    }));
  }

  /**
   * A page for a user the model does not know: the most popular items not blocked. Every such
   * user's page comes from one ranking of the catalogue, made once per fit (the order top-k
   * uses: higher score, then lower index), so a round of a million new users costs a short
   * walk per page instead of a pass over the catalogue.
   */
  #popularPage(k: number, blocked: Uint8Array): ScoredItem[] {
    const scores = this.popularScores;
    if (this.#popularOrder === null) {
      const order = [];
      for (let i = 0; i < scores.length; i++) if (scores[i] === scores[i]) order.push(i);
      order.sort((a, b) => scores[b] - scores[a] || a - b);
      this.#popularOrder = Int32Array.from(order);
    }
    const out: ScoredItem[] = [];
    for (const i of this.#popularOrder) {
      if (out.length >= k) break;
      if (blocked[i] === 0) out.push({ itemId: this.catalog.items[i].id, score: scores[i] });
    }
    return out;
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
