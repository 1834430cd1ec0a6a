/**
 * Catalogue statistics as they stood at a moment: popularity (rating count), quality and the
 * description computed only from ratings made strictly before that time. The protocols use it
 * so that nothing a user's held-out choice is compared with (popularity, quality, the
 * description an LLM reads, the negatives matched on popularity) knows what happened later.
 *
 * @module
 */
import { Catalog } from "../recsys/catalog.ts";
import type { Item } from "../recsys/item.ts";
import { type CatalogLookup, ratedItem, type SelectionData } from "./selection_data.ts";

/** Per-item rating times and running sums, for statistics before any time. */
export class RatingTimeline {
  readonly #times = new Map<string, Float64Array>();
  readonly #sums = new Map<string, Float64Array>();
  readonly #data: SelectionData;

  /** @param data The data (every user's ratings). */
  constructor(data: SelectionData) {
    this.#data = data;
    const byItem = new Map<string, [number, number][]>();
    for (const list of data.byUser.values()) {
      for (const r of list) {
        const l = byItem.get(r.itemId) ?? [];
        l.push([r.timestamp, r.rating]);
        byItem.set(r.itemId, l);
      }
    }
    for (const [id, l] of byItem) {
      l.sort((x, y) => x[0] - y[0]);
      this.#times.set(id, Float64Array.from(l, (x) => x[0]));
      const sums = new Float64Array(l.length + 1);
      l.forEach((x, i) => sums[i + 1] = sums[i] + x[1]);
      this.#sums.set(id, sums);
    }
  }

  /**
   * Ratings of an item made strictly before a time.
   *
   * @param itemId The item.
   * @param time Unix seconds.
   * @returns Their count and the sum of their stars.
   */
  before(itemId: string, time: number): { count: number; sum: number } {
    const t = this.#times.get(itemId);
    if (!t) return { count: 0, sum: 0 };
    let lo = 0, hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid] < time) lo = mid + 1;
      else hi = mid;
    }
    return { count: lo, sum: this.#sums.get(itemId)![lo] };
  }

  /**
   * The catalogue as it stood at a time: popularity, quality ((mean − 1) / 4, 0.5 without
   * ratings) and description from earlier ratings only.
   *
   * @param time Unix seconds.
   * @returns A new catalogue of new item objects.
   */
  catalogAt(time: number): Catalog {
    const items = this.#data.catalog.ids().map((id) => this.itemAt(id, time));
    return new Catalog(items, `catalogue before ${time}`);
  }

  /**
   * A light view of the catalogue at a time (items built on first use): what building a task
   * reads, without validating and indexing every item again.
   *
   * @param time Unix seconds.
   * @returns ids() and get(id).
   */
  viewAt(time: number): CatalogLookup {
    const ids = this.#data.catalog.ids(), made = new Map<string, Item>();
    return {
      ids: () => ids,
      get: (id: string) => {
        if (!this.#data.catalog.has(id)) return undefined;
        let it = made.get(id);
        if (!it) made.set(id, it = this.itemAt(id, time));
        return it;
      },
    };
  }

  /**
   * One item as it stood at a time.
   *
   * @param id The item.
   * @param time Unix seconds.
   * @returns A new item object.
   */
  itemAt(id: string, time: number): Item {
    const { count, sum } = this.before(id, time);
    return ratedItem(this.#data.catalog.get(id)!, count, sum);
  }
}

/**
 * The time of a user's held-out split: the timestamp of the first of its last `a` ratings.
 *
 * @param data The data.
 * @param userId The user.
 * @param a Held-out items.
 * @returns Unix seconds.
 */
export function cutoffOf(data: SelectionData, userId: string, a: number): number {
  const list = data.byUser.get(userId)!;
  return list[list.length - a].timestamp;
}
