/**
 * Diversity and concentration of what the recommender shows and what users consume.
 *
 * @module
 */
import { type ConsumptionRow, type ExposureRow, groupBy, type RowsInput, toRows } from "./rows.ts";

/**
 * @param a A set.
 * @param b A set.
 * @returns |a∩b| / |a∪b| (1 when both are empty).
 */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Share of the catalog shown at least once.
 *
 * @param input Exposure rows.
 * @param catalog The catalog's item ids, or its size.
 * @returns Distinct items shown / catalog size.
 *
 * @example Two distinct items of a catalog of eight
 * ```ts
 * import { catalogCoverage } from "@lib/metrics/diversity.ts";
 * import assert from "node:assert/strict";
 * const rows = ["m1", "m2", "m1"].map((itemId) => ({ round: 0, agentId: "u", itemId, genres: [] }));
 * assert.equal(catalogCoverage(rows, 8), 0.25);
 * ```
 */
export function catalogCoverage(
  input: RowsInput<Pick<ExposureRow, "itemId">>,
  catalog: number | Iterable<string>,
): number {
  const shown = new Set(toRows(input).map((r) => r.itemId));
  if (typeof catalog === "number") return shown.size / catalog;
  const ids = new Set(catalog);
  let n = 0;
  for (const id of shown) if (ids.has(id)) n++;
  return n / ids.size;
}

/**
 * Gini coefficient: 0 when all values are equal, → 1 when one holds everything.
 *
 * @param values Non-negative values.
 * @returns Σ_i (2i − n − 1)·x_(i) / (n·Σx) over ascending x (0 when the sum is 0).
 *
 * @example Equal counts and one item taking all
 * ```ts
 * import { gini } from "@lib/metrics/diversity.ts";
 * import assert from "node:assert/strict";
 * assert.equal(gini([1, 1, 1, 1]), 0);
 * assert.equal(gini([0, 0, 0, 4]), 0.75);
 * ```
 */
export function gini(values: readonly number[]): number {
  const xs = values.slice().sort((a, b) => a - b);
  const n = xs.length;
  let total = 0, weighted = 0;
  for (let i = 0; i < n; i++) {
    total += xs[i];
    weighted += (2 * (i + 1) - n - 1) * xs[i];
  }
  return total > 0 ? weighted / (n * total) : 0;
}

/**
 * Gini of how often each item was shown: concentration of exposure on few items.
 *
 * @param input Exposure rows.
 * @param catalog Item ids never shown still count (with zero) when the catalog is given.
 * @returns The Gini coefficient.
 */
export function exposureGini(
  input: RowsInput<Pick<ExposureRow, "itemId">>,
  catalog?: Iterable<string>,
): number {
  const counts = new Map<string, number>();
  for (const id of catalog ?? []) counts.set(id, 0);
  for (const r of toRows(input)) counts.set(r.itemId, (counts.get(r.itemId) ?? 0) + 1);
  return gini([...counts.values()]);
}

/**
 * Intra-list diversity of one page: 1 − mean pairwise Jaccard similarity of the items'
 * genre sets.
 *
 * @param genreLists The genres of each item on the page.
 * @returns The diversity in [0, 1] (NaN for fewer than two items).
 *
 * @example One minus the mean genre overlap of a list's items
 * ```ts
 * import { intraListDiversity } from "@lib/metrics/diversity.ts";
 * import assert from "node:assert/strict";
 * // pairs: {a}/{a,b} → 1/2, {a}/{c} → 0, {a,b}/{c} → 0; mean 1/6
 * assert.equal(intraListDiversity([["a"], ["a", "b"], ["c"]]), 1 - 1 / 6);
 * ```
 */
export function intraListDiversity(genreLists: readonly (readonly string[])[]): number {
  const sets = genreLists.map((g) => new Set(g));
  let sum = 0, pairs = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      sum += jaccard(sets[i], sets[j]);
      pairs++;
    }
  }
  return pairs ? 1 - sum / pairs : NaN;
}

/**
 * Intra-list diversity of every page (rows grouped by round, agent and page).
 *
 * @param input Exposure rows.
 * @returns One row per page in first-seen order (pages of one item have NaN).
 */
export function pageDiversity(
  input: RowsInput<ExposureRow>,
): { round: number; agentId: string; page: number; items: number; diversity: number }[] {
  const pages = groupBy(toRows(input), (r) => `${r.round}\u0000${r.agentId}\u0000${r.page ?? 0}`);
  return [...pages.values()].map((rows) => ({
    round: rows[0].round,
    agentId: rows[0].agentId,
    page: rows[0].page ?? 0,
    items: rows.length,
    diversity: intraListDiversity(rows.map((r) => r.genres)),
  }));
}

/**
 * @param input Rows with genres.
 * @returns How many distinct genres appear.
 */
export function distinctGenres(input: RowsInput<{ genres: readonly string[] }>): number {
  const seen = new Set<string>();
  for (const r of toRows(input)) for (const g of r.genres) seen.add(g);
  return seen.size;
}

/**
 * Homogenisation: mean pairwise Jaccard overlap of the item sets users consumed. Rising
 * overlap means users end up watching the same things.
 *
 * @param input Consumption rows.
 * @returns The mean over all pairs of users with at least one item (NaN for fewer than two).
 *
 * @example Overlap between what agents watched
 * ```ts
 * import { consumptionOverlap } from "@lib/metrics/diversity.ts";
 * import assert from "node:assert/strict";
 * const rows = [["a", "m1"], ["a", "m2"], ["b", "m2"], ["c", "m3"]]
 *   .map(([agentId, itemId]) => ({ round: 0, agentId, itemId, genres: [] }));
 * // a/b: 1/2, a/c: 0, b/c: 0
 * assert.equal(consumptionOverlap(rows), 1 / 6);
 * ```
 */
export function consumptionOverlap(
  input: RowsInput<Pick<ConsumptionRow, "agentId" | "itemId">>,
): number {
  const sets = [...groupBy(toRows(input), (r) => r.agentId).values()]
    .map((rows) => new Set(rows.map((r) => r.itemId)));
  let sum = 0, pairs = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      sum += jaccard(sets[i], sets[j]);
      pairs++;
    }
  }
  return pairs ? sum / pairs : NaN;
}
