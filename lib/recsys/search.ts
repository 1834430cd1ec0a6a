/**
 * Title and description search: an exact title match first, then titles containing the
 * query, then everything else by embedding similarity (title and full text), with item
 * vectors computed once.
 *
 * @module
 */
import type { Embedder } from "../llm/embedder.ts";
import { HashedEmbedder } from "../llm/hashed_embedder.ts";
import { type Catalog, titleKey } from "./catalog.ts";
import type { ScoredItem } from "./item.ts";
import { topK } from "../core/top_k.ts";

/** A search result. */
export interface SearchHit extends ScoredItem {
  /** How it matched: the whole title, part of the title, or by meaning. */
  match: "exact" | "title" | "semantic";
}

/** How much the title's vector counts against the full text's (title + genres + description). */
const TITLE_WEIGHT = 0.6;
/** How many queries' scores are kept (a few MB for a catalogue of thousands). */
const RECENT_QUERIES = 256;

/**
 * Search over a catalogue.
 *
 * @example A reworded query still finds the film
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { ItemSearch } from "@lib/recsys/search.ts";
 * import assert from "node:assert/strict";
 * const base = { year: null, popularity: 0, quality: 0.5 };
 * const cat = new Catalog([
 *   { ...base, id: "a", title: "The Wizard of Oz", genres: ["Musical"], description: "A girl swept to a magical land." },
 *   { ...base, id: "b", title: "Heat", genres: ["Crime"], description: "A detective hunts a thief in Los Angeles." },
 * ]);
 * const search = await ItemSearch.create(cat);
 * assert.equal((await search.search("heat", 1))[0].match, "exact");
 * assert.equal((await search.search("wizard oz", 1))[0].itemId, "a");
 * ```
 */
export class ItemSearch {
  readonly catalog: Catalog;
  readonly embedder: Embedder;
  readonly #titles: Float32Array[];
  readonly #texts: Float32Array[];
  readonly #keys: string[];
  /**
   * Scores by item for recent queries: agents search for the titles they heard of, so a round
   * asks the same few hundred queries thousands of times, and a query's scores depend on
   * nothing else (exclusions are applied after). Kept as promises until they are in: a
   * round's turns ask before the first answer is, and those that ask after need not wait.
   */
  readonly #recent = new Map<string, Float64Array | Promise<Float64Array>>();

  private constructor(
    catalog: Catalog,
    embedder: Embedder,
    titles: Float32Array[],
    texts: Float32Array[],
  ) {
    this.catalog = catalog;
    this.embedder = embedder;
    this.#titles = titles;
    this.#texts = texts;
    this.#keys = catalog.items.map((it) => titleKey(it.title));
  }

  /**
   * Embeds every item once.
   *
   * @param catalog The items.
   * @param embedder Text embedder (default: the offline {@link HashedEmbedder}).
   * @returns A ready search index.
   */
  static async create(
    catalog: Catalog,
    embedder: Embedder = new HashedEmbedder(),
  ): Promise<ItemSearch> {
    const titles = await embedder.embed(catalog.items.map((it) => it.title));
    const texts = await embedder.embed(
      catalog.items.map((it) => `${it.title}. ${it.genres.join(", ")}. ${it.description}`),
    );
    return new ItemSearch(catalog, embedder, titles, texts);
  }

  /**
   * @param query Free text: a title, part of one, or a description.
   * @param k How many results.
   * @param options `exclude`: item ids never to return.
   * @returns Up to k hits: exact title matches, then title substrings, then by similarity.
   */
  async search(
    query: string,
    k = 5,
    options: { exclude?: Iterable<string> } = {},
  ): Promise<SearchHit[]> {
    const key = titleKey(query);
    if (!key) return [];
    return this.#hits(await this.#scoresOf(query, key), k, options.exclude);
  }

  /**
   * {@link search}'s hits at once, when they need no waiting: the query was answered before,
   * or the embedder embeds synchronously (the offline hashed one). A rule agent's search then
   * keeps its turn synchronous, as its decisions are.
   *
   * @param query Free text.
   * @param k How many results.
   * @param options `exclude`: item ids never to return.
   * @returns The hits search gives, or null when they need waiting for: the query's embedding
   *   is then under way, and search waits for it without asking again.
   *
   * @example The same hits as search, at once
   * ```ts
   * import { Catalog } from "@lib/recsys/catalog.ts";
   * import { ItemSearch } from "@lib/recsys/search.ts";
   * import assert from "node:assert/strict";
   * const base = { year: null, popularity: 0, quality: 0.5, genres: ["Drama"], description: "" };
   * const cat = new Catalog([{ ...base, id: "a", title: "Heat" }, { ...base, id: "b", title: "Ran" }]);
   * const search = await ItemSearch.create(cat);
   * assert.deepEqual(search.searchNow("heat", 2), await search.search("heat", 2));
   * ```
   */
  searchNow(
    query: string,
    k = 5,
    options: { exclude?: Iterable<string> } = {},
  ): SearchHit[] | null {
    const key = titleKey(query);
    if (!key) return [];
    const scores = this.#scoresOf(query, key);
    return scores instanceof Promise ? null : this.#hits(scores, k, options.exclude);
  }

  #hits(scores: Float64Array, k: number, exclude: Iterable<string> = []): SearchHit[] {
    const excluded = new Set(exclude);
    return topK(scores, k, (i) => !excluded.has(this.catalog.items[i].id)).map((e) => ({
      itemId: this.catalog.items[e.index].id,
      score: e.score,
      match: e.score >= 19 ? "exact" : e.score >= 9 ? "title" : "semantic",
    }));
  }

  #scoresOf(query: string, key: string): Float64Array | Promise<Float64Array> {
    const kept = this.#recent.get(query);
    if (kept !== undefined) return kept;
    if (this.embedder.embedSync) {
      const now = this.#scoresFor(this.embedder.embedSync(query), key);
      this.#keep(query, now);
      return now;
    }
    const scores = this.embedder.embed([query]).then(([q]) => this.#scoresFor(q, key));
    this.#keep(query, scores);
    scores.then(
      // In: kept as the scores themselves, in the same place of the eviction order.
      (s) => {
        if (this.#recent.get(query) === scores) this.#recent.set(query, s);
      },
      // An embedder that failed is asked again next time.
      () => {
        if (this.#recent.get(query) === scores) this.#recent.delete(query);
      },
    );
    return scores;
  }

  /** Keeps a query's scores, dropping the oldest query's when RECENT_QUERIES are kept. */
  #keep(query: string, scores: Float64Array | Promise<Float64Array>): void {
    if (this.#recent.size >= RECENT_QUERIES) {
      this.#recent.delete(this.#recent.keys().next().value as string);
    }
    this.#recent.set(query, scores);
  }

  #scoresFor(q: Float32Array, key: string): Float64Array {
    const nonzero = nonzeroOf(q);
    const scores = new Float64Array(this.catalog.size);
    for (let i = 0; i < scores.length; i++) {
      const sim = TITLE_WEIGHT * dotAt(q, this.#titles[i], nonzero) +
        (1 - TITLE_WEIGHT) * dotAt(q, this.#texts[i], nonzero);
      // Tiers of 10 keep every exact match above every substring match above the rest.
      const tier = this.#keys[i] === key
        ? 20
        : key.length >= 3 && this.#keys[i].includes(key)
        ? 10
        : 0;
      scores[i] = tier + sim;
    }
    return scores;
  }
}

/** The places where a query's vector is not zero (a hashed query fills a few dozen of 256). */
function nonzeroOf(q: Float32Array): Int32Array {
  const at: number[] = [];
  for (let j = 0; j < q.length; j++) if (q[j] !== 0) at.push(j);
  return Int32Array.from(at);
}

/**
 * a · b over the places where a is not zero: the terms left out are zeros (item vectors are
 * finite), and adding a zero to a sum leaves it as it was, so this is the full dot product bit
 * for bit, at a fraction of the work for a hashed query scored against every item.
 */
function dotAt(a: Float32Array, b: Float32Array, at: Int32Array): number {
  let s = 0;
  for (let k = 0; k < at.length; k++) s += a[at[k]] * b[at[k]];
  return s;
}
