import assert from "node:assert/strict";
import { genreInterest, GENRES, interestGenre, interestGenres } from "@lib/profile/mod.ts";

Deno.test("seed spellings map onto canonical genres", () => {
  const cases: [string, string | null][] = [
    ["scifi movies", "Sci-Fi"],
    ["sci-fi movies", "Sci-Fi"],
    ["Science fiction films", "Sci-Fi"],
    ["familyfriendly movies", "Family"],
    ["family-friendly movies", "Family"],
    ["romantical movie", "Romance"],
    ["documentaries", "Documentary"],
    ["thriller movies", "Thriller"],
    ["classic movies", null],
    ["cooking", null],
  ];
  for (const [text, genre] of cases) assert.equal(interestGenre(text), genre, text);
});

Deno.test("every genre's interest phrase maps back to that genre", () => {
  for (const g of GENRES) assert.equal(interestGenre(genreInterest(g)), g);
});

Deno.test("interestGenres keeps order and drops repeats and unknown interests", () => {
  assert.deepEqual(
    interestGenres({ interests: ["comedy movies", "classic movies", "scifi movies", "Comedies"] }),
    ["Comedy", "Sci-Fi"],
  );
});

Deno.test("an interest named like what every object inherits names no genre", () => {
  for (const text of ["constructor", "toString movies", "valueOf", "__proto__"]) {
    assert.equal(interestGenre(text), null, text);
  }
});
