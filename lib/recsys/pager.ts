/**
 * Pages of recommendations that never repeat: the pager remembers what each user was shown
 * and excludes it from every later page. Its state is plain JSON, for checkpoints.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatIssues } from "../core/errors.ts";
import type { ScoredItem } from "./item.ts";
import type { Recommender, RecommenderState } from "./recommender.ts";

/** The pager's checkpoint: shown items and pages served per user, and the recommender's state. */
export const PagerStateSchema = z.object({
  pageSize: z.number().int().positive(),
  shown: z.record(z.string(), z.array(z.string())),
  pages: z.record(z.string(), z.number().int().nonnegative()),
  recommender: z.record(z.string(), z.unknown()),
});

/** A pager checkpoint. */
export type PagerState = z.infer<typeof PagerStateSchema>;

/**
 * The paging rule, for the pager and for anything else that keeps its own shown sets (the
 * simulation's world): a page leaves out what the user was shown and any extra exclusions, and
 * what it holds is added to the shown set. The extra exclusions hold for this page only.
 *
 * @param recommender Where the page comes from.
 * @param userId The user.
 * @param shown The user's shown items (updated in place).
 * @param pageSize Items per page.
 * @param options `round` (passed to the recommender) and extra exclusions.
 * @returns Up to pageSize items never shown to the user before.
 *
 * @example Extra exclusions add to the shown set
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { PopularRecommender } from "@lib/recsys/popular.ts";
 * import { servePage } from "@lib/recsys/pager.ts";
 * import assert from "node:assert/strict";
 * const cat = new Catalog(Array.from({ length: 4 }, (_, i) => ({
 *   id: `m${i}`, title: `Film ${i}`, genres: ["Drama"], year: null, description: "", popularity: i, quality: 0.5,
 * })));
 * const shown = new Set(["m3"]);
 * const page = servePage(new PopularRecommender(cat), "u", shown, 2, { exclude: ["m2"] });
 * assert.deepEqual(page.map((r) => r.itemId), ["m1", "m0"]);
 * assert.deepEqual([...shown], ["m3", "m1", "m0"]);
 * ```
 */
export function servePage(
  recommender: Recommender,
  userId: string,
  shown: Set<string>,
  pageSize: number,
  options: { round?: number; exclude?: Iterable<string> } = {},
): ScoredItem[] {
  // The shown set itself when nothing else is excluded: a copy per page grows with the visits.
  let exclude: Set<string> = shown;
  if (options.exclude) {
    exclude = new Set(shown);
    for (const id of options.exclude) exclude.add(id);
  }
  const page = recommender.recommend(userId, pageSize, { exclude, round: options.round });
  for (const r of page) shown.add(r.itemId);
  return page;
}

/**
 * Serves pages of a recommender's items, never an item already shown to that user.
 *
 * @example Two pages share no item
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { PopularRecommender } from "@lib/recsys/popular.ts";
 * import { Pager } from "@lib/recsys/pager.ts";
 * import assert from "node:assert/strict";
 * const cat = new Catalog(Array.from({ length: 12 }, (_, i) => ({
 *   id: `m${i}`, title: `Film ${i}`, genres: ["Drama"], year: null, description: "", popularity: i, quality: 0.5,
 * })));
 * const pager = new Pager(new PopularRecommender(cat), { pageSize: 5 });
 * const first = pager.next("u").map((r) => r.itemId), second = pager.next("u").map((r) => r.itemId);
 * assert.equal(new Set([...first, ...second]).size, 10);
 * assert.equal(pager.next("u").length, 2);
 * ```
 */
export class Pager {
  readonly recommender: Recommender;
  readonly pageSize: number;
  #shown = new Map<string, Set<string>>();
  #pages = new Map<string, number>();

  /**
   * @param recommender Where pages come from.
   * @param options `pageSize` (default 5, as in RecAgent).
   */
  constructor(recommender: Recommender, options: { pageSize?: number } = {}) {
    this.recommender = recommender;
    this.pageSize = options.pageSize ?? 5;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) {
      throw new ConfigError(
        "pager",
        "pageSize",
        `expected a positive integer, got ${this.pageSize}`,
      );
    }
  }

  /**
   * Serves the user's next page and records it as shown.
   *
   * @param userId The user.
   * @param options `round` (passed to the recommender) and extra exclusions.
   * @returns Up to pageSize items none of which was shown to this user before (fewer when
   *   the catalogue runs out).
   */
  next(userId: string, options: { round?: number; exclude?: Iterable<string> } = {}): ScoredItem[] {
    const page = servePage(
      this.recommender,
      userId,
      this.#shownSet(userId),
      this.pageSize,
      options,
    );
    this.#pages.set(userId, (this.#pages.get(userId) ?? 0) + 1);
    return page;
  }

  /**
   * Records items as shown by another route (search results, a friend's post).
   *
   * @param userId The user.
   * @param itemIds The items.
   */
  markShown(userId: string, itemIds: Iterable<string>): void {
    const shown = this.#shownSet(userId);
    for (const id of itemIds) shown.add(id);
  }

  /**
   * @param userId The user.
   * @returns Items shown so far, in the order first shown.
   */
  shown(userId: string): string[] {
    return [...(this.#shown.get(userId) ?? [])];
  }

  /**
   * @param userId The user.
   * @returns Pages served so far.
   */
  pagesServed(userId: string): number {
    return this.#pages.get(userId) ?? 0;
  }

  /**
   * Forgets what was shown (to one user, or to everyone).
   *
   * @param userId The user; all users when omitted.
   */
  reset(userId?: string): void {
    if (userId === undefined) {
      this.#shown.clear();
      this.#pages.clear();
    } else {
      this.#shown.delete(userId);
      this.#pages.delete(userId);
    }
  }

  /** @returns A JSON-serialisable checkpoint (includes the recommender's own state). */
  exportState(): PagerState {
    return {
      pageSize: this.pageSize,
      shown: Object.fromEntries([...this.#shown].map(([u, s]) => [u, [...s]])),
      pages: Object.fromEntries(this.#pages),
      recommender: this.recommender.exportState(),
    };
  }

  /**
   * Restores a checkpoint.
   *
   * @param state A value from {@link exportState} (validated).
   * @throws ConfigError naming the field when the state is malformed or its page size differs.
   */
  importState(state: unknown): void {
    const r = PagerStateSchema.safeParse(state);
    if (!r.success) throw new ConfigError("pager state", "(root)", formatIssues(r.error.issues));
    if (r.data.pageSize !== this.pageSize) {
      throw new ConfigError(
        "pager state",
        "pageSize",
        `checkpoint has ${r.data.pageSize}, this pager ${this.pageSize}`,
      );
    }
    this.#shown = new Map(Object.entries(r.data.shown).map(([u, ids]) => [u, new Set(ids)]));
    this.#pages = new Map(Object.entries(r.data.pages));
    this.recommender.importState(r.data.recommender as RecommenderState);
  }

  #shownSet(userId: string): Set<string> {
    let s = this.#shown.get(userId);
    if (!s) this.#shown.set(userId, s = new Set());
    return s;
  }
}
