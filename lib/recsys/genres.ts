/**
 * Genre vocabularies. MovieLens's labels are the common vocabulary; other sources are mapped
 * onto it so that genre entropy means the same thing whichever catalogue a run uses.
 *
 * @module
 */

/** The 19 genre flags of ML-100K's u.item, in file order. */
export const ML100K_GENRES: readonly string[] = [
  "unknown",
  "Action",
  "Adventure",
  "Animation",
  "Children's",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western",
];

/** vega-datasets "Major Genre" → MovieLens genres (compound genres split into parts). */
export const VEGA_MAJOR_GENRES: Readonly<Record<string, readonly string[]>> = {
  "Action": ["Action"],
  "Adventure": ["Adventure"],
  "Black Comedy": ["Comedy", "Crime"],
  "Comedy": ["Comedy"],
  "Concert/Performance": ["Documentary", "Musical"],
  "Documentary": ["Documentary"],
  "Drama": ["Drama"],
  "Horror": ["Horror"],
  "Musical": ["Musical"],
  "Romantic Comedy": ["Romance", "Comedy"],
  "Thriller/Suspense": ["Thriller"],
  "Western": ["Western"],
};

/**
 * vega-datasets "Creative Type" values that name a genre; the others ("Contemporary
 * Fiction", "Factual", ...) describe the story's source, not its genre.
 */
export const VEGA_CREATIVE_GENRES: Readonly<Record<string, readonly string[]>> = {
  "Fantasy": ["Fantasy"],
  "Kids Fiction": ["Children's"],
  "Science Fiction": ["Sci-Fi"],
  "Super Hero": ["Action", "Sci-Fi"],
};

/**
 * Genres of a vega film from its Major Genre and Creative Type.
 *
 * @param major The "Major Genre" value (may be null).
 * @param creative The "Creative Type" value (may be null).
 * @returns Distinct genres, major genre first; empty when neither says anything.
 *
 * @example A romantic comedy about a superhero
 * ```ts
 * import { vegaGenres } from "@lib/recsys/genres.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(vegaGenres("Romantic Comedy", "Super Hero"), ["Romance", "Comedy", "Action", "Sci-Fi"]);
 * assert.deepEqual(vegaGenres(null, "Contemporary Fiction"), []);
 * ```
 */
export function vegaGenres(major: unknown, creative: unknown): string[] {
  const out = [
    ...(typeof major === "string" ? VEGA_MAJOR_GENRES[major] ?? [major] : []),
    ...(typeof creative === "string" ? VEGA_CREATIVE_GENRES[creative] ?? [] : []),
  ];
  return [...new Set(out)];
}
