import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { loadMovieLens, ratingsToInteractions } from "@lib/recsys/mod.ts";

const fixtures = new URL("../fixtures/recsys/", import.meta.url).pathname;

Deno.test("ML-100K loads items with latin-1 titles, genre flags and ratings", async () => {
  const { catalog, ratings, report } = await loadMovieLens(`${fixtures}ml-100k`, "100k");
  assert.equal(catalog.size, 6);
  const cite = catalog.get("3")!;
  assert.equal(cite.title, "La Cité des enfants perdus");
  assert.deepEqual(cite.genres, ["Drama", "Sci-Fi"]);
  assert.equal(catalog.get("4")!.title, "The Usual Suspects");
  assert.equal(report.dropped["unknown title"], 1);
  assert.equal(report.dropped["rating of a dropped item"], 1);
  assert.equal(ratings.length, 10);
  assert.equal(catalog.get("1")!.popularity, 2);
  assert.equal(catalog.get("1")!.quality, ((5 + 4) / 2 - 1) / 4);
  assert.equal(ratingsToInteractions(ratings, { minRating: 4 }).length, 7);
});

Deno.test("ML-1M loads '::' files with CRLF lines and latin-1 accents", async () => {
  const { catalog, ratings } = await loadMovieLens(`${fixtures}ml-1m`, "1m");
  assert.equal(catalog.size, 5);
  assert.equal(catalog.get("4")!.title, "Amélie (Fabuleux destin d'Amélie Poulain, Le)");
  assert.equal(catalog.get("3")!.title, "The City of Lost Children (Cité des enfants perdus, La)");
  assert.equal(catalog.get("4")!.year, 2001);
  assert.deepEqual(catalog.get("5")!.genres, ["Action", "Crime", "Thriller"]);
  assert.equal(ratings.length, 7);
});

Deno.test("a bad ML-100K item line is a DataError naming the file and line", async () => {
  await assert.rejects(
    () => loadMovieLens(`${fixtures}ml-100k-bad`, "100k"),
    (e: unknown) => e instanceof DataError && e.file.endsWith("ml-100k-bad/u.item") && e.line === 4,
  );
});

Deno.test("a bad ML-1M rating line is a DataError naming the file and line", async () => {
  await assert.rejects(
    () => loadMovieLens(`${fixtures}ml-1m-bad`, "1m"),
    (e: unknown) => e instanceof DataError && /ratings\.dat:3: expected 4/.test(e.message),
  );
});
