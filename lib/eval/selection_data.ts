/**
 * The data side of the selection protocol (the paper's Table 3): read a MovieLens folder,
 * split every sampled user's ratings by time into a history (what the agent is built from)
 * and the last `a` items (the ground truth), draw `b` negatives the user never interacted
 * with (uniformly, or matched in popularity to the ground truth), and shuffle them into a
 * candidate page. Item popularity, quality and description are recomputed without the
 * held-out ratings, so nothing about the ground truth reaches an agent through the catalogue.
 *
 * @module
 */
import { ConfigError, DataError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { type MlRating, type MlUser, readMovieLens } from "../profile/movielens_read.ts";
import { Catalog } from "../recsys/catalog.ts";
import type { Item } from "../recsys/item.ts";
import { loadMovieLens } from "../recsys/load_movielens.ts";

/** What building a task reads of a catalogue (a full Catalog, or a view at a moment). */
export type CatalogLookup = Pick<Catalog, "ids" | "get">;

/** How negatives are drawn. */
export type NegativeSampling = "uniform" | "popularity";

/** One rated item of a user's history. */
export interface HistoryEntry {
  item: Item;
  /** 1–5 stars. */
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

/** One user's selection task. */
export interface SelectionTask {
  userId: string;
  /** The MovieLens user (only age, gender and occupation reach an agent). */
  user: MlUser;
  /** Everything before the ground truth, oldest first. */
  history: HistoryEntry[];
  /** Ids of the user's last `a` items (the ground truth). */
  truth: string[];
  /** Ground truth and negatives, shuffled. */
  candidates: Item[];
  a: number;
  b: number;
}

/** A MovieLens release ready for the protocol. */
export interface SelectionData {
  source: "ml-100k" | "ml-1m";
  users: Map<string, MlUser>;
  /**
   * Each user's ratings of catalogue items, oldest first. Ratings sharing a timestamp are
   * ordered by a draw seeded with `tieSeed` and the user id, so which of them counts as "last"
   * is a fair coin rather than an artefact of how ids sort.
   */
  byUser: Map<string, MlRating[]>;
  /** Users whose last two ratings share a timestamp (the held-out split had a tie to break). */
  tiedUsers: number;
  /** The seed of the tie draw. */
  tieSeed: number | string;
  /** The catalogue as loaded (popularity and quality from every rating). */
  catalog: Catalog;
}

/**
 * Reads a MovieLens folder.
 *
 * @param dir The folder (u.user/u.data/u.item or users.dat/ratings.dat/movies.dat).
 * @param format "ml-100k" or "ml-1m" (default: whichever files the folder has).
 * @returns Users, time-ordered ratings per user, and the catalogue.
 */
export async function readSelectionData(
  dir: string,
  format?: "ml-100k" | "ml-1m",
  tieSeed: number | string = 1,
): Promise<SelectionData> {
  await requireFiles(dir, format);
  const data = await readMovieLens(dir);
  if (format && data.source !== format) {
    throw new ConfigError("--format", "format", `${dir} holds ${data.source} files, not ${format}`);
  }
  const { catalog } = await loadMovieLens(dir, data.source === "ml-100k" ? "100k" : "1m");
  const byUser = new Map<string, MlRating[]>();
  for (const r of data.ratings) {
    if (!catalog.has(r.itemId)) continue;
    const list = byUser.get(r.userId) ?? [];
    list.push(r);
    byUser.set(r.userId, list);
  }
  let tiedUsers = 0;
  for (const [uid, list] of byUser) {
    const draw = new Rng(`ties:${tieSeed}:${uid}`);
    const key = new Map(list.map((r) => [r, draw.next()]));
    list.sort((x, y) => x.timestamp - y.timestamp || key.get(x)! - key.get(y)!);
    const n = list.length;
    if (n >= 2 && list[n - 1].timestamp === list[n - 2].timestamp) tiedUsers++;
  }
  return {
    source: data.source,
    users: new Map(data.users.map((u) => [u.id, u])),
    byUser,
    catalog,
    tiedUsers,
    tieSeed,
  };
}

const FILES = {
  "ml-100k": ["u.data", "u.item", "u.user"],
  "ml-1m": ["ratings.dat", "movies.dat", "users.dat"],
} as const;

/**
 * Checks that a folder holds the files of a MovieLens layout, naming the first one missing.
 *
 * @param dir The folder.
 * @param format The layout, or undefined for whichever the folder has.
 * @throws DataError naming the missing file (or the folder, when it holds neither layout).
 */
export async function requireFiles(dir: string, format?: "ml-100k" | "ml-1m"): Promise<void> {
  const has = (f: string) => Deno.stat(`${dir}/${f}`).then((s) => s.isFile, () => false);
  const any = async (l: "ml-100k" | "ml-1m") =>
    (await Promise.all(FILES[l].map(has))).some(Boolean);
  if (format === undefined && !(await any("ml-100k")) && !(await any("ml-1m"))) {
    throw new DataError(
      dir,
      0,
      "expected a MovieLens folder holding u.user, u.item and u.data (ML-100K) or users.dat, " +
        "movies.dat and ratings.dat (ML-1M), found neither u.user nor users.dat",
    );
  }
  const layout = format ?? (await any("ml-100k") ? "ml-100k" : "ml-1m");
  const other = layout === "ml-100k" ? "ml-1m" : "ml-100k";
  const name = layout === "ml-100k" ? "ML-100K" : "ML-1M";
  for (const f of FILES[layout]) {
    if (await has(f)) continue;
    const instead = await has(FILES[other][0]) ? ` (the folder holds ${other} files)` : "";
    throw new DataError(`${dir}/${f}`, 0, `expected the ${name} file ${f}, found none${instead}`);
  }
}

/**
 * Draws users with enough ratings for every (a, b) asked: at least `maxA + minHistory`
 * rated items, and at least `maxB` catalogue items they never rated.
 *
 * @param data The data.
 * @param n How many users.
 * @param rng Where the draw comes from.
 * @param need Largest a and b of the grid and the shortest history allowed.
 * @returns User ids (fewer when fewer qualify).
 */
export function sampleUsers(
  data: SelectionData,
  n: number,
  rng: Rng,
  need: { maxA: number; maxB: number; minHistory: number },
): string[] {
  return rng.sample(eligibleUsers(data, need), n);
}

/**
 * Every user with enough ratings for every (a, b) asked, in numeric id order.
 *
 * @param data The data.
 * @param need Largest a and b of the grid and the shortest history allowed.
 * @returns User ids.
 */
export function eligibleUsers(
  data: SelectionData,
  need: { maxA: number; maxB: number; minHistory: number },
): string[] {
  return [...data.byUser.entries()]
    .filter(([id, r]) =>
      data.users.has(id) && r.length >= need.maxA + need.minHistory &&
      data.catalog.size - r.length >= need.maxB
    )
    .map(([id]) => id)
    .sort((x, y) => Number(x) - Number(y) || x.localeCompare(y));
}

/**
 * The catalogue with popularity (rating count), quality ((mean − 1) / 4) and description
 * recomputed from every rating except the held-out ones.
 *
 * @param data The data.
 * @param heldOut Held-out (user, item) pairs, as `${userId}:${itemId}`.
 * @returns A new catalogue of new item objects.
 */
export function trainingCatalog(data: SelectionData, heldOut: ReadonlySet<string>): Catalog {
  const count = new Map<string, number>(), sum = new Map<string, number>();
  for (const [uid, list] of data.byUser) {
    for (const r of list) {
      if (heldOut.has(`${uid}:${r.itemId}`)) continue;
      count.set(r.itemId, (count.get(r.itemId) ?? 0) + 1);
      sum.set(r.itemId, (sum.get(r.itemId) ?? 0) + r.rating);
    }
  }
  const items = data.catalog.ids().map((id) =>
    ratedItem(data.catalog.get(id)!, count.get(id) ?? 0, sum.get(id) ?? 0)
  );
  return new Catalog(items, `${data.catalog.size} items without held-out ratings`);
}

/**
 * Draws `b` negatives for a user: catalogue items the user never rated (history and ground
 * truth alike). "popularity" matches negative j to ground-truth item j mod a, choosing at
 * random among the `window` unrated items closest to it in popularity, so that a popularity
 * score alone can no longer tell them apart.
 *
 * @param catalog The training catalogue (popularity without held-out ratings).
 * @param rated Every item the user rated.
 * @param truth The ground-truth items.
 * @param b How many negatives.
 * @param mode Uniform or popularity-matched.
 * @param rng Where the draw comes from.
 * @param window Popularity neighbours to choose among (default 10).
 * @returns Negative item ids.
 */
export function drawNegatives(
  catalog: CatalogLookup,
  rated: ReadonlySet<string>,
  truth: readonly string[],
  b: number,
  mode: NegativeSampling,
  rng: Rng,
  window = 10,
): string[] {
  const pool = catalog.ids().filter((id) => !rated.has(id));
  if (pool.length < b) {
    throw new ConfigError(
      "selection",
      "b",
      `only ${pool.length} unrated items, ${b} negatives asked`,
    );
  }
  if (mode === "uniform") return rng.sample(pool, b);
  const used = new Set<string>();
  const out: string[] = [];
  for (let j = 0; j < b; j++) {
    const target = catalog.get(truth[j % truth.length])!.popularity;
    const near = pool.filter((id) => !used.has(id))
      .map((id) => ({ id, d: Math.abs(catalog.get(id)!.popularity - target) }))
      .sort((x, y) => x.d - y.d || x.id.localeCompare(y.id))
      .slice(0, window);
    const pick = rng.pick(near).id;
    used.add(pick);
    out.push(pick);
  }
  return out;
}

/**
 * Builds one user's task: the last `a` rated items are the truth, the rest the history,
 * and the candidates are the truth plus `b` negatives, shuffled.
 *
 * @param data The data.
 * @param userId The user.
 * @param a Ground-truth items.
 * @param b Negatives.
 * @param catalog The training catalogue.
 * @param mode Negative sampling.
 * @param rng Where negatives and the shuffle come from.
 * @returns The task.
 */
export function buildTask(
  data: SelectionData,
  userId: string,
  a: number,
  b: number,
  catalog: CatalogLookup,
  mode: NegativeSampling,
  rng: Rng,
): SelectionTask {
  const ratings = data.byUser.get(userId) ?? [];
  if (ratings.length <= a) {
    throw new ConfigError(
      "selection",
      "a",
      `user ${userId} rated ${ratings.length} items, a = ${a}`,
    );
  }
  const split = ratings.length - a;
  const history = ratings.slice(0, split).map((r) => ({
    item: catalog.get(r.itemId)!,
    rating: r.rating,
    timestamp: r.timestamp,
  }));
  const truth = ratings.slice(split).map((r) => r.itemId);
  const rated = new Set(ratings.map((r) => r.itemId));
  const negatives = drawNegatives(catalog, rated, truth, b, mode, rng.fork("negatives"));
  const candidates = rng.fork("shuffle").shuffle([...truth, ...negatives])
    .map((id) => catalog.get(id)!);
  return { userId, user: data.users.get(userId)!, history, truth, candidates, a, b };
}

/**
 * The held-out pairs of some users for one value of a.
 *
 * @param data The data.
 * @param users User ids.
 * @param a Ground-truth items per user.
 * @returns `${userId}:${itemId}` of every held-out rating.
 */
export function heldOutPairs(
  data: SelectionData,
  users: readonly string[],
  a: number,
): Set<string> {
  const out = new Set<string>();
  for (const u of users) {
    for (const r of (data.byUser.get(u) ?? []).slice(-a)) out.add(`${u}:${r.itemId}`);
  }
  return out;
}

/**
 * A catalog item as a selector sees it: its mean rating and popularity from the ratings it
 * had (3 when none), in one place for the training catalog and the catalog at a held-out time.
 *
 * @param it The catalog item (genres, title, year).
 * @param count How many ratings it had.
 * @param sum The sum of those ratings.
 * @returns The item with description, popularity and quality.
 *
 * @example An item rated 4 and 5
 * ```ts
 * import { ratedItem } from "@lib/eval/selection_data.ts";
 * import assert from "node:assert/strict";
 * const it = ratedItem({ id: "1", title: "Heat", genres: ["Crime"], year: 1995 }, 2, 9);
 * assert.equal(it.popularity, 2);
 * assert.equal(it.quality, 0.875);
 * ```
 */
export function ratedItem(
  it: Pick<Item, "id" | "title" | "genres" | "year">,
  count: number,
  sum: number,
): Item {
  const mean = count ? sum / count : 3;
  const when = it.year === null ? "" : ` from ${it.year}`;
  return {
    id: it.id,
    title: it.title,
    genres: it.genres,
    year: it.year,
    description: `${it.genres.join("/")} film${when}; mean rating ${
      mean.toFixed(1)
    }/5 from ${count} ratings.`,
    popularity: count,
    quality: (mean - 1) / 4,
  };
}
