/**
 * The item catalogue: items by id and by dense index (for typed-array algorithms), the genre
 * vocabulary, and lookup by title.
 *
 * @module
 */
import { DataError, formatIssues } from "../core/errors.ts";
import { type Item, ItemSchema } from "./item.ts";

/**
 * Normalises a title for lookup: case, accents, punctuation and a leading or trailing
 * article do not matter ("Usual Suspects, The" finds "The Usual Suspects").
 *
 * @param title A title.
 * @returns The lookup key.
 */
export function titleKey(title: string): string {
  return title.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim()
    .replace(/^(the|a|an) /, "").replace(/ (the|a|an)$/, "");
}

/**
 * An immutable set of items with dense integer indices 0..size-1 in insertion order.
 *
 * @example Items by id, by index, by genre and by title
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import assert from "node:assert/strict";
 * const base = { year: 1999, description: "", popularity: 10, quality: 0.8 };
 * const cat = new Catalog([
 *   { ...base, id: "m1", title: "The Matrix", genres: ["Action", "Sci-Fi"] },
 *   { ...base, id: "m2", title: "Notting Hill", genres: ["Comedy", "Romance"] },
 * ]);
 * assert.equal(cat.size, 2);
 * assert.equal(cat.indexOf("m2"), 1);
 * assert.equal(cat.at(0).title, "The Matrix");
 * assert.deepEqual(cat.genres, ["Action", "Comedy", "Romance", "Sci-Fi"]);
 * assert.deepEqual(cat.itemsInGenre("Romance"), [1]);
 * assert.equal(cat.findByTitle("matrix")[0].id, "m1");
 * ```
 */
export class Catalog {
  /** The items, in index order. */
  readonly items: readonly Item[];
  /** Sorted genre vocabulary. */
  readonly genres: readonly string[];
  /** Catalogue popularity (the items' `popularity`) by index. */
  readonly popularity: Float64Array;
  /** Catalogue quality by index. */
  readonly quality: Float64Array;
  readonly #byId = new Map<string, number>();
  readonly #byTitle = new Map<string, number[]>();
  readonly #genreIndex = new Map<string, number>();
  readonly #itemGenres: Int32Array[];
  readonly #genreItems: number[][];

  /**
   * @param items Items with unique ids; each is validated against {@link ItemSchema}.
   * @param source Where the items came from, for error messages.
   * @throws DataError naming the item position and field when an item is invalid or an id repeats.
   */
  constructor(items: readonly Item[], source = "catalog") {
    const parsed: Item[] = [];
    items.forEach((raw, i) => {
      const r = ItemSchema.safeParse(raw);
      if (!r.success) throw new DataError(source, 0, formatIssues(r.error.issues), `item[${i}]`);
      if (this.#byId.has(r.data.id)) {
        throw new DataError(source, 0, `duplicate id "${r.data.id}"`, `item[${i}].id`);
      }
      this.#byId.set(r.data.id, i);
      parsed.push(r.data);
    });
    this.items = parsed;
    this.genres = [...new Set(parsed.flatMap((it) => it.genres))].sort();
    this.genres.forEach((g, i) => this.#genreIndex.set(g, i));
    this.#genreItems = this.genres.map(() => []);
    this.#itemGenres = parsed.map((it, i) => {
      const ids = Int32Array.from(new Set(it.genres), (g) => this.#genreIndex.get(g)!);
      for (const g of ids) this.#genreItems[g].push(i);
      return ids;
    });
    parsed.forEach((it, i) => {
      const key = titleKey(it.title);
      const list = this.#byTitle.get(key);
      if (list) list.push(i);
      else this.#byTitle.set(key, [i]);
    });
    this.popularity = Float64Array.from(parsed, (it) => it.popularity);
    this.quality = Float64Array.from(parsed, (it) => it.quality);
  }

  /** Number of items. */
  get size(): number {
    return this.items.length;
  }

  /** @returns All item ids, in index order. */
  ids(): string[] {
    return this.items.map((it) => it.id);
  }

  /**
   * @param id An item id.
   * @returns The item, or undefined.
   */
  get(id: string): Item | undefined {
    const i = this.#byId.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  /**
   * @param id An item id.
   * @returns Whether the catalogue holds it.
   */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /**
   * @param id An item id.
   * @returns Its dense index, or -1.
   */
  indexOf(id: string): number {
    return this.#byId.get(id) ?? -1;
  }

  /**
   * @param index A dense index in [0, size).
   * @returns The item.
   */
  at(index: number): Item {
    const it = this.items[index];
    if (!it) throw new RangeError(`catalog index ${index} out of range [0, ${this.size})`);
    return it;
  }

  /**
   * @param genre A genre label.
   * @returns Its index in {@link genres}, or -1.
   */
  genreId(genre: string): number {
    return this.#genreIndex.get(genre) ?? -1;
  }

  /**
   * @param index An item index.
   * @returns The genre indices of that item.
   */
  itemGenreIds(index: number): Int32Array {
    return this.#itemGenres[index];
  }

  /**
   * @param genre A genre label.
   * @returns The indices of the items with that genre (empty for an unknown genre).
   */
  itemsInGenre(genre: string): readonly number[] {
    const g = this.#genreIndex.get(genre);
    return g === undefined ? [] : this.#genreItems[g];
  }

  /**
   * Exact title lookup, forgiving case, accents, punctuation and articles; remakes share
   * a title, so this returns every match.
   *
   * @param title A title.
   * @returns The matching items, in index order.
   */
  findByTitle(title: string): Item[] {
    return (this.#byTitle.get(titleKey(title)) ?? []).map((i) => this.items[i]);
  }
}
