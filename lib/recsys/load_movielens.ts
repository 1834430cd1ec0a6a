/**
 * MovieLens loaders: ML-100K and ML-1M folders (ISO-8859-1) become a {@link Catalog}
 * (popularity = number of ratings, quality = the rescaled mean rating) and ratings, which
 * serve as a simulation's initial interactions.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { Catalog } from "./catalog.ts";
import type { Interaction, Item, LoadReport } from "./item.ts";
import { noteReport } from "./item.ts";
import type { LoadedCatalog } from "./load_vega.ts";
import {
  decodeLatin1,
  type MovieLensFormat,
  type MovieLensItem,
  parseMl100kItems,
  parseMl1mItems,
  parseRatings,
  type Rating,
} from "./movielens_parse.ts";

/** A MovieLens catalogue, its ratings, and the load report. */
export interface LoadedMovieLens extends LoadedCatalog {
  ratings: Rating[];
}

/**
 * Reads a MovieLens folder (u.item + u.data, or movies.dat + ratings.dat) into a catalogue.
 * Ratings of items dropped while cleaning are dropped too (and counted); a rating of an id
 * that no item line has is a DataError.
 *
 * @param dir The folder holding the files.
 * @param format "100k" or "1m".
 * @param options `ratings: false` skips the rating file (popularity 0, median quality).
 * @returns The catalogue, the ratings and the report.
 */
export async function loadMovieLens(
  dir: string,
  format: MovieLensFormat,
  options: { ratings?: boolean } = {},
): Promise<LoadedMovieLens> {
  const [itemName, ratingName] = format === "100k"
    ? ["u.item", "u.data"]
    : ["movies.dat", "ratings.dat"];
  const itemFile = `${dir}/${itemName}`, ratingFile = `${dir}/${ratingName}`;
  const itemText = decodeLatin1(await Deno.readFile(itemFile));
  const parsed = format === "100k"
    ? parseMl100kItems(itemText, itemFile)
    : parseMl1mItems(itemText, itemFile);
  let ratings: Rating[] = [];
  if (options.ratings !== false) {
    ratings = parseRatings(decodeLatin1(await Deno.readFile(ratingFile)), format, ratingFile);
  }
  return {
    ...movieLensCatalog(parsed.items, ratings, parsed.report, parsed.droppedIds, ratingFile),
    ratings,
  };
}

/**
 * Builds the catalogue from parsed items and ratings (popularity = count, quality =
 * (mean − 1) / 4), removing the ratings of dropped items from `ratings`.
 *
 * @param items Parsed items.
 * @param ratings Parsed ratings; those of dropped items are removed from this array.
 * @param report The items' report, extended with rating counts.
 * @param droppedIds Ids of item rows dropped while cleaning (their ratings are dropped too).
 * @param ratingFile Name for errors about unknown item ids.
 * @returns The catalogue and the report.
 */
export function movieLensCatalog(
  items: readonly MovieLensItem[],
  ratings: Rating[],
  report: LoadReport,
  droppedIds: ReadonlySet<string> = new Set(),
  ratingFile = "ratings",
): LoadedCatalog {
  const index = new Map(items.map((it, i) => [it.id, i]));
  const count = new Float64Array(items.length), sum = new Float64Array(items.length);
  let w = 0;
  ratings.forEach((r, n) => {
    const i = index.get(r.itemId);
    if (i === undefined) {
      if (!droppedIds.has(r.itemId)) {
        throw new DataError(
          ratingFile,
          n + 1,
          `rating of item ${r.itemId}, which the item file does not list`,
          "item id",
        );
      }
      noteReport(report, "dropped", "rating of a dropped item");
      return;
    }
    count[i]++;
    sum[i] += r.rating;
    ratings[w++] = r;
  });
  ratings.length = w;
  const qualities = items.map((_, i) => (count[i] ? (sum[i] / count[i] - 1) / 4 : null));
  const known = qualities.filter((q): q is number => q !== null).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)] : 0.5;
  const out: Item[] = items.map((it, i) => {
    if (!count[i]) noteReport(report, "filled", "quality (no ratings: median)", it.title);
    const mean = count[i] ? sum[i] / count[i] : null;
    let description = `${it.genres.join("/")} film${it.year !== null ? ` from ${it.year}` : ""}`;
    if (mean !== null) description += `; mean rating ${mean.toFixed(1)}/5 from ${count[i]} ratings`;
    return {
      ...it,
      description: `${description}.`,
      popularity: count[i],
      quality: Math.min(1, Math.max(0, qualities[i] ?? median)),
      extra: { ratingMean: mean, ratingCount: count[i] },
    };
  });
  report.kept = out.length;
  return { catalog: new Catalog(out, report.source), report };
}

/**
 * Turns ratings into implicit-feedback interactions.
 *
 * @param ratings The ratings.
 * @param options `minRating` keeps only ratings at or above it (default all);
 *   `weight: "rating"` uses the stars as weight, `"binary"` (default) weight 1.
 * @returns Interactions in rating order.
 *
 * @example Only ratings of 4 and above count
 * ```ts
 * import { ratingsToInteractions } from "@lib/recsys/load_movielens.ts";
 * import assert from "node:assert/strict";
 * const r = [{ userId: "1", itemId: "9", rating: 2, timestamp: 0 }, { userId: "1", itemId: "7", rating: 5, timestamp: 0 }];
 * assert.deepEqual(ratingsToInteractions(r, { minRating: 4 }), [{ userId: "1", itemId: "7", weight: 1 }]);
 * ```
 */
export function ratingsToInteractions(
  ratings: readonly Rating[],
  options: { minRating?: number; weight?: "binary" | "rating" } = {},
): Interaction[] {
  const min = options.minRating ?? -Infinity;
  return ratings.filter((r) => r.rating >= min).map((r) => ({
    userId: r.userId,
    itemId: r.itemId,
    weight: options.weight === "rating" ? r.rating : 1,
  }));
}
