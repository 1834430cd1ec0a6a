import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { loadUserCatalog, loadVegaCatalog, parseUserCsv, parseUserJson } from "@lib/recsys/mod.ts";

const fixtures = new URL("../fixtures/recsys/", import.meta.url).pathname;

Deno.test("the vega catalogue loads with a report that accounts for every film", async () => {
  const { catalog, report } = await loadVegaCatalog();
  assert.ok(catalog.size > 2500, `only ${catalog.size} films kept`);
  const dropped = Object.values(report.dropped).reduce((a, b) => a + b, 0);
  assert.equal(report.kept + dropped, report.read);
  assert.ok(report.dropped["missing title"] >= 1);
  assert.ok(report.dropped["missing genre"] > 0);
  assert.ok(report.fixed["title stored as a number"] > 0);
  for (const it of catalog.items) {
    assert.ok(it.genres.length > 0 && it.description.length > 0);
    assert.ok(it.year === null || it.year <= 2011, `${it.title} ${it.year}`);
  }
});

Deno.test("the vega catalogue repairs numeric titles, accents and wrong-century years", async () => {
  const { catalog } = await loadVegaCatalog();
  assert.equal(catalog.findByTitle("300")[0]?.year, 2007);
  assert.ok(catalog.findByTitle("Le Fabuleux destin d'Amélie Poulain").length === 1);
  assert.equal(catalog.findByTitle("Gone with the Wind")[0]?.year, 1939);
  const romcom = catalog.items.find((it) => it.extra?.majorGenre === "Romantic Comedy");
  assert.deepEqual(romcom?.genres.slice(0, 2), ["Romance", "Comedy"]);
  const alices = catalog.findByTitle("Alice in Wonderland");
  assert.equal(new Set(alices.map((a) => a.id)).size, 2, "remakes keep distinct ids");
});

Deno.test("a catalogue indexes items by id, dense index and genre", async () => {
  const { catalog } = await loadVegaCatalog();
  const i = catalog.indexOf(catalog.items[42].id);
  assert.equal(i, 42);
  assert.equal(catalog.at(i).id, catalog.items[42].id);
  const g = catalog.genreId("Horror");
  assert.ok(g >= 0);
  for (const j of catalog.itemsInGenre("Horror")) {
    assert.ok([...catalog.itemGenreIds(j)].includes(g));
  }
});

Deno.test("a user CSV catalogue keeps extra columns and rejects a bad row with its line", () => {
  const csv =
    'id,title,genres,year,description,studio\nx1,"Alien, Director\'s Cut",Horror|Sci-Fi,1979,In space,Fox\n' +
    "x2,Heat,Crime,,A heist,\n";
  const { catalog, report } = parseUserCsv(csv, "mine.csv");
  assert.equal(catalog.size, 2);
  assert.equal(catalog.at(0).title, "Alien, Director's Cut");
  assert.equal(catalog.at(0).extra?.studio, "Fox");
  assert.equal(catalog.at(1).year, null);
  assert.equal(report.filled["popularity (0)"], 2);
  assert.throws(
    () => parseUserCsv("id,title,genres\nx1,Alien,Horror\nx2,Heat,\n", "mine.csv"),
    (e: unknown) => e instanceof DataError && e.line === 3 && e.column === "genres",
  );
});

Deno.test("a user JSON catalogue names the bad row and field", () => {
  const ok = parseUserJson(
    '[{"id":"a","title":"A","genres":["Drama"],"year":2001,"quality":0.9}]',
    "m.json",
  );
  assert.equal(ok.catalog.at(0).quality, 0.9);
  assert.throws(
    () =>
      parseUserJson(
        '[{"id":"a","title":"A","genres":"Drama"},{"id":"b","title":"B","genres":"Drama","quality":3}]',
        "m.json",
      ),
    /m\.json \(\[1\]\.quality\)/,
  );
});

Deno.test("loadUserCatalog reads a CSV file", async () => {
  const { catalog } = await loadUserCatalog(`${fixtures}user_items.csv`);
  assert.deepEqual(catalog.at(0).genres, ["Comedy", "Romance"]);
});
