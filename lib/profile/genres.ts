/**
 * The movie genre vocabulary and the mapping from the free-text interests of profiles
 * ("scifi movies", "family-friendly movies", "documentaries") onto canonical genres.
 *
 * @module
 */
import type { Profile } from "./schema.ts";

/** Canonical genres every profile interest maps onto. */
export const GENRES = [
  "Action",
  "Adventure",
  "Comedy",
  "Drama",
  "Horror",
  "Thriller",
  "Romance",
  "Documentary",
  "Musical",
  "Western",
  "Sci-Fi",
  "Fantasy",
  "Animation",
  "Family",
  "Crime",
  "Mystery",
  "War",
] as const;

/** One canonical genre. */
export type Genre = typeof GENRES[number];

/**
 * Documented mapping from a normalised interest stem (lower case, letters only, the words
 * "movie(s)"/"film(s)" removed) to its canonical genre. Spelling variants seen in the
 * original profile table ("scifi", "sci-fi", "familyfriendly", "romantical") are listed
 * explicitly. "classic" names an era, not a genre, and maps to nothing.
 */
export const INTEREST_GENRES: Readonly<Record<string, Genre>> = {
  action: "Action",
  adventure: "Adventure",
  adventures: "Adventure",
  comedy: "Comedy",
  comedies: "Comedy",
  drama: "Drama",
  dramas: "Drama",
  horror: "Horror",
  thriller: "Thriller",
  thrillers: "Thriller",
  romance: "Romance",
  romantic: "Romance",
  romantical: "Romance",
  documentary: "Documentary",
  documentaries: "Documentary",
  musical: "Musical",
  musicals: "Musical",
  western: "Western",
  westerns: "Western",
  scifi: "Sci-Fi",
  sciencefiction: "Sci-Fi",
  fantasy: "Fantasy",
  animation: "Animation",
  animated: "Animation",
  family: "Family",
  familyfriendly: "Family",
  children: "Family",
  childrens: "Family",
  kids: "Family",
  crime: "Crime",
  filmnoir: "Crime",
  mystery: "Mystery",
  mysteries: "Mystery",
  war: "War",
};

/** How each canonical genre is phrased as an interest, in the seed's style. */
export const GENRE_INTEREST_PHRASES: Readonly<Record<Genre, string>> = {
  Action: "action movies",
  Adventure: "adventure movies",
  Comedy: "comedy movies",
  Drama: "drama movies",
  Horror: "horror movies",
  Thriller: "thriller movies",
  Romance: "romantic movies",
  Documentary: "documentaries",
  Musical: "musicals",
  Western: "western movies",
  "Sci-Fi": "sci-fi movies",
  Fantasy: "fantasy movies",
  Animation: "animated movies",
  Family: "family-friendly movies",
  Crime: "crime movies",
  Mystery: "mystery movies",
  War: "war movies",
};

/**
 * Maps one interest phrase to its canonical genre.
 *
 * @param interest A phrase such as "sci-fi movies" or "Familyfriendly movies".
 * @returns The genre, or null when the phrase names no known genre.
 *
 * @example Spelling variants land on one genre
 * ```ts
 * import { interestGenre } from "@lib/profile/genres.ts";
 * import assert from "node:assert/strict";
 * assert.equal(interestGenre("scifi movies"), "Sci-Fi");
 * assert.equal(interestGenre("Sci-Fi movies"), "Sci-Fi");
 * assert.equal(interestGenre("familyfriendly movies"), "Family");
 * assert.equal(interestGenre("classic movies"), null);
 * ```
 */
export function interestGenre(interest: string): Genre | null {
  // Rule brains ask this for every genre of every item they score: remember the answers.
  const known = GENRE_MEMO.get(interest);
  if (known !== undefined) return known;
  const words = interest.toLowerCase().split(/\s+/).filter((w) =>
    !/^(movies?|films?|flicks?)$/.test(w)
  );
  const key = words.join("").replace(/[^a-z]/g, "");
  // Own entries only: "constructor" or "toString" would otherwise find what every object inherits.
  const genre = Object.hasOwn(INTEREST_GENRES, key) ? INTEREST_GENRES[key] : null;
  if (GENRE_MEMO.size < 10_000) GENRE_MEMO.set(interest, genre);
  return genre;
}

const GENRE_MEMO = new Map<string, Genre | null>();

/**
 * The canonical genres of a profile's interests, in order, without repeats.
 *
 * @param profile A profile (only `interests` is read).
 * @returns Genres; interests that name no genre are skipped (see {@link unmappedInterests}).
 *
 * @example Spelling variants map to one genre
 * ```ts
 * import { interestGenres } from "@lib/profile/genres.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(interestGenres({ interests: ["scifi movies", "sci-fi movies", "comedy movies"] }), ["Sci-Fi", "Comedy"]);
 * ```
 */
export function interestGenres(profile: Pick<Profile, "interests">): Genre[] {
  const out: Genre[] = [];
  for (const i of profile.interests) {
    const g = interestGenre(i);
    if (g && !out.includes(g)) out.push(g);
  }
  return out;
}

/**
 * @param profile A profile (only `interests` is read).
 * @returns The interests that name no canonical genre (e.g. "classic movies").
 */
export function unmappedInterests(profile: Pick<Profile, "interests">): string[] {
  return profile.interests.filter((i) => interestGenre(i) === null);
}

/**
 * @param genre A canonical genre.
 * @returns Its interest phrase ("Sci-Fi" → "sci-fi movies").
 */
export function genreInterest(genre: Genre): string {
  return GENRE_INTEREST_PHRASES[genre];
}
