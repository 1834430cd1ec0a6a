/**
 * Interactions as compressed sparse rows (user → items) and columns (item → users), the
 * layout every fitted recommender works on. Repeated (user, item) pairs are merged by
 * summing their weights.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import type { Catalog } from "./catalog.ts";
import type { Interaction } from "./item.ts";

/**
 * Sparse user × item matrix over a catalogue's dense item indices.
 *
 * @example Repeated interactions add up
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { InteractionMatrix } from "@lib/recsys/interaction_matrix.ts";
 * import assert from "node:assert/strict";
 * const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
 * const cat = new Catalog([{ ...base, id: "a", title: "A" }, { ...base, id: "b", title: "B" }]);
 * const m = InteractionMatrix.build([
 *   { userId: "u", itemId: "b" }, { userId: "u", itemId: "a" }, { userId: "u", itemId: "b", weight: 2 },
 * ], cat);
 * assert.deepEqual([...m.itemsOf(0)], [0, 1]);
 * assert.deepEqual([...m.weightsOf(0)], [1, 3]);
 * ```
 */
export class InteractionMatrix {
  /** User ids by user index (order of first appearance). */
  readonly userIds: string[];
  /** User id → user index. */
  readonly userIndex: Map<string, number>;
  /** Number of items (the catalogue's size). */
  readonly nItems: number;
  /** Row pointers (length users + 1) into {@link rowItems} / {@link rowWeights}. */
  readonly rowPtr: Int32Array;
  /** Item indices of each user's row, ascending. */
  readonly rowItems: Int32Array;
  /** Summed weights, aligned with {@link rowItems}. */
  readonly rowWeights: Float32Array;
  /** Column pointers (length items + 1) into {@link colUsers} / {@link colWeights}. */
  readonly colPtr: Int32Array;
  /** User indices of each item's column, ascending. */
  readonly colUsers: Int32Array;
  /** Summed weights, aligned with {@link colUsers}. */
  readonly colWeights: Float32Array;

  private constructor(
    userIds: string[],
    nItems: number,
    rowPtr: Int32Array,
    rowItems: Int32Array,
    rowWeights: Float32Array,
  ) {
    this.userIds = userIds;
    this.userIndex = new Map(userIds.map((u, i) => [u, i]));
    this.nItems = nItems;
    this.rowPtr = rowPtr;
    this.rowItems = rowItems;
    this.rowWeights = rowWeights;
    const nnz = rowItems.length;
    this.colPtr = new Int32Array(nItems + 1);
    for (let e = 0; e < nnz; e++) this.colPtr[rowItems[e] + 1]++;
    for (let i = 0; i < nItems; i++) this.colPtr[i + 1] += this.colPtr[i];
    this.colUsers = new Int32Array(nnz);
    this.colWeights = new Float32Array(nnz);
    const fill = this.colPtr.slice(0, nItems);
    for (let u = 0; u < userIds.length; u++) {
      for (let e = rowPtr[u]; e < rowPtr[u + 1]; e++) {
        const p = fill[rowItems[e]]++;
        this.colUsers[p] = u;
        this.colWeights[p] = rowWeights[e];
      }
    }
  }

  /**
   * Builds the matrix in O(interactions) with two counting sorts.
   *
   * @param interactions The interactions (weight defaults to 1).
   * @param catalog The catalogue the item ids refer to.
   * @param source Name used in errors.
   * @returns The matrix.
   * @throws DataError naming the interaction's position when an item id is unknown or a weight is not positive.
   */
  static build(
    interactions: readonly Interaction[],
    catalog: Catalog,
    source = "interactions",
  ): InteractionMatrix {
    const n = interactions.length, nItems = catalog.size;
    const users = new Int32Array(n), items = new Int32Array(n), weights = new Float32Array(n);
    const userIds: string[] = [];
    const userIndex = new Map<string, number>();
    for (let e = 0; e < n; e++) {
      const it = interactions[e];
      const i = catalog.indexOf(it.itemId);
      if (i < 0) throw new DataError(source, e + 1, `unknown item id "${it.itemId}"`, "itemId");
      const w = it.weight ?? 1;
      if (!(w > 0) || !Number.isFinite(w)) {
        throw new DataError(source, e + 1, `expected a positive weight, got ${w}`, "weight");
      }
      if (typeof it.userId !== "string" || it.userId === "") {
        throw new DataError(source, e + 1, "expected a user id", "userId");
      }
      let u = userIndex.get(it.userId);
      if (u === undefined) {
        u = userIds.length;
        userIndex.set(it.userId, u);
        userIds.push(it.userId);
      }
      users[e] = u;
      items[e] = i;
      weights[e] = w;
    }
    // Bucket by item first, then by user: each user's row comes out sorted by item.
    const byItem = countingOrder(items, nItems, null);
    const byUser = countingOrder(users, userIds.length, byItem);
    const rowPtr = new Int32Array(userIds.length + 1);
    const rowItems = new Int32Array(n), rowWeights = new Float32Array(n);
    let w = 0;
    for (let u = 0, p = 0; u < userIds.length; u++) {
      rowPtr[u] = w;
      for (; p < n && users[byUser[p]] === u; p++) {
        const e = byUser[p];
        if (w > rowPtr[u] && rowItems[w - 1] === items[e]) rowWeights[w - 1] += weights[e];
        else {
          rowItems[w] = items[e];
          rowWeights[w++] = weights[e];
        }
      }
    }
    rowPtr[userIds.length] = w;
    return new InteractionMatrix(
      userIds,
      nItems,
      rowPtr,
      rowItems.slice(0, w),
      rowWeights.slice(0, w),
    );
  }

  /** Number of users with at least one interaction. */
  get nUsers(): number {
    return this.userIds.length;
  }

  /** Number of distinct (user, item) pairs. */
  get nnz(): number {
    return this.rowItems.length;
  }

  /**
   * @param u A user index.
   * @returns That user's item indices (a view).
   */
  itemsOf(u: number): Int32Array {
    return this.rowItems.subarray(this.rowPtr[u], this.rowPtr[u + 1]);
  }

  /**
   * @param u A user index.
   * @returns That user's weights, aligned with {@link itemsOf} (a view).
   */
  weightsOf(u: number): Float32Array {
    return this.rowWeights.subarray(this.rowPtr[u], this.rowPtr[u + 1]);
  }

  /**
   * @param i An item index.
   * @returns The number of distinct users who interacted with it.
   */
  userCount(i: number): number {
    return this.colPtr[i + 1] - this.colPtr[i];
  }
}

/** Stable counting sort of positions by key, visiting positions in `order` (or 0..n-1). */
function countingOrder(keys: Int32Array, nKeys: number, order: Int32Array | null): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (let e = 0; e < keys.length; e++) start[keys[e] + 1]++;
  for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
  const out = new Int32Array(keys.length);
  for (let p = 0; p < keys.length; p++) {
    const e = order ? order[p] : p;
    out[start[keys[e]]++] = e;
  }
  return out;
}
