import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { GENRES } from "../../lib/profile/genres.ts";
import type { Item } from "../../lib/recsys/item.ts";
import { driftInterests, driftState } from "../../lib/brain/rule/drift.ts";
import { canonicalTaste, initialGenreWeights, stateMatch } from "../../lib/brain/rule/taste.ts";
import {
  onTasteTable,
  tasteCell,
  tasteMatch,
  tasteOf,
  TasteTable,
  withTasteRow,
} from "../../lib/brain/rule/taste_table.ts";
import { initialState, stateOnTable } from "../../lib/sim/agent.ts";

type Weights = Record<string, number>;
type State = { genreWeights: Weights };

const item = (id: string, genres: string[]): Item => ({
  id,
  title: id,
  genres,
  year: 2000,
  description: "",
  popularity: 1,
  quality: 0.5,
});

const onRow = (table: TasteTable, weights: Weights) => withTasteRow({}, table, weights) as State;

/** Same keys in the same order, and every value the same bits (−0 and NaN included). */
function assertSameWeights(row: unknown, plain: unknown, where: string) {
  if (typeof plain !== "object" || plain === null) return assert.equal(row, plain, where);
  const a = row as Weights, b = plain as Weights;
  assert.deepEqual(Object.keys(a), Object.keys(b), `${where}: keys`);
  for (const k of Object.keys(b)) {
    assert.ok(Object.is(a[k], b[k]), `${where}: ${k} ${a[k]} ${b[k]}`);
  }
}

// Labels a catalogue may use: canonical genres, labels that meet on one, genres no profile
// names, and keys a record cannot hold in the order they were added.
const LABELS = [
  ...GENRES,
  "Children's",
  "Film-Noir",
  "Sci-Fi",
  "Musical",
  "Anime",
  "Silent",
  "Telenovela",
];
const ODD = ["42", "__proto__", "0"];

function randomItem(rng: Rng, k: number, odd: boolean): Item {
  const n = 1 + Math.floor(rng.next() * 3);
  const genres: string[] = [];
  for (let i = 0; i < n; i++) {
    const pool = odd && rng.next() < 0.05 ? ODD : LABELS;
    genres.push(pool[Math.floor(rng.next() * pool.length)]);
  }
  return item(`i${k}`, genres);
}

function randomRecord(rng: Rng, odd: boolean): Weights {
  const out: Weights = {};
  const n = 1 + Math.floor(rng.next() * 6);
  for (let i = 0; i < n; i++) {
    const pool = odd && rng.next() < 0.1 ? ["42", "7"] : LABELS;
    const key = pool[Math.floor(rng.next() * pool.length)];
    const u = rng.next();
    out[key] = u < 0.1 ? 0 : u < 0.15 ? -0 : u < 0.25 ? -rng.next() : u < 0.27 ? NaN : rng.next();
  }
  return rng.next() < 0.5 ? Object.freeze(out) : out;
}

function walk(seed: number, odd: boolean) {
  const rng = new Rng(seed);
  const table = new TasteTable();
  const start = rng.next() < 0.5
    ? Object.freeze(initialGenreWeights({ interests: ["sci-fi movies", "comedy movies"] }))
    : randomRecord(rng, odd);
  const plain: State = { genreWeights: start };
  const row = onRow(table, start);
  for (let step = 0; step < 120; step++) {
    const where = `seed ${seed} step ${step}`;
    const u = rng.next();
    if (u < 0.6) {
      const it = randomItem(rng, step, odd);
      const rating = rng.next() < 0.2 ? null : 1 + Math.floor(rng.next() * 5);
      const rate = [0, 0.05, 0.3, 1, 1.5][Math.floor(rng.next() * 5)];
      driftInterests(plain, it, rating, rate);
      driftState(row, it, rating, rate);
    } else if (u < 0.7) {
      // A record given from outside: each state gets its own copy, as from two notebooks.
      const given = randomRecord(rng, odd);
      plain.genreWeights = given;
      row.genreWeights = Object.isFrozen(given) ? given : { ...given };
    } else if (u < 0.75 && !Object.isFrozen(row.genreWeights)) {
      // A record given from outside may change in place until the next drift replaces it.
      const g = LABELS[Math.floor(rng.next() * LABELS.length)], v = rng.next();
      plain.genreWeights[g] = v;
      row.genreWeights[g] = v;
    }
    assertSameWeights(row.genreWeights, plain.genreWeights, where);
    const taste = tasteOf(row), reference = canonicalTaste(plain);
    assert.ok(Object.is(taste.max, reference.max), `${where}: max`);
    for (let j = 0; j < 4; j++) {
      const it = randomItem(rng, 1000 + j, odd);
      const want = stateMatch(plain, it);
      assert.ok(Object.is(tasteMatch(row, it, taste), want), `${where}: match ${it.genres}`);
      assert.ok(Object.is(tasteMatch(row, it), want), `${where}: match, taste read again`);
    }
  }
  return { table, row };
}

Deno.test("weights on a row drift, read and match bit for bit as on a record, whatever is given", () => {
  let inRow = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const { row } = walk(seed, seed % 3 === 0);
    if (tasteCell(row)?.inRow === true) inRow++;
  }
  // Most walks end on a row: the comparison above was not only of records.
  assert.ok(inRow > 60, `${inRow} of 150 walks end on a row`);
});

Deno.test("a state on a row is plain data to JSON, structuredClone, spread and assert", () => {
  const table = new TasteTable();
  const profile = {
    id: "a",
    name: "A",
    gender: "f",
    age: 30,
    traits: [],
    career: "x",
    interests: ["sci-fi movies"],
    features: [],
    extras: {},
  };
  const plain = initialState(profile);
  const state = initialState(profile, table);
  assert.equal(state.genreWeights, plain.genreWeights, "the shared starting weights, as given");
  assert.equal(JSON.stringify(state), JSON.stringify(plain));
  const heist = item("h", ["Crime", "Thriller"]);
  driftInterests(plain, heist, 5, 0.3);
  driftState(state, heist, 5, 0.3);
  assert.equal(table.rows, 1);
  assert.equal(JSON.stringify(state), JSON.stringify(plain));
  assert.deepEqual(Object.keys(state), Object.keys(plain));
  assert.deepEqual(structuredClone(state), structuredClone(plain));
  assert.deepEqual({ ...state }, { ...plain });
  assert.deepEqual(state, plain);
  // Read twice, the same record; frozen, as the starting weights are; replaced by a drift.
  const read = state.genreWeights;
  assert.equal(state.genreWeights, read);
  assert.ok(Object.isFrozen(read));
  driftState(state, heist, 5, 0.3);
  assert.notEqual(state.genreWeights, read);
  // A record given keeps its identity until the next drift.
  const given = { Drama: 1 };
  state.genreWeights = given;
  assert.equal(state.genreWeights, given);
  // Read back from a checkpoint: on the table again, fields in the same order.
  const back = stateOnTable(JSON.parse(JSON.stringify(state)), table);
  assert.ok(onTasteTable(back));
  assert.equal(tasteCell(back), undefined, "no cell before the first drift");
  assert.equal(JSON.stringify(back), JSON.stringify(state));
  const odd = { watched: [], genreWeights: { Drama: 1 } };
  assert.equal(stateOnTable(odd as never, table), odd, "weights not first: left as it is");
});

Deno.test("the table grows a chunk of rows at a time and in width, and every row keeps its weights", () => {
  const table = new TasteTable();
  const start = Object.freeze(initialGenreWeights({ interests: ["drama movies"] }));
  const rows: State[] = [], plains: State[] = [];
  for (let a = 0; a < 9000; a++) {
    rows.push(onRow(table, start));
    plains.push({ genreWeights: start });
  }
  const heist = item("h", ["Crime"]);
  for (let a = 0; a < 9000; a++) {
    driftState(rows[a], heist, 1 + (a % 5), 0.2);
    driftInterests(plains[a], heist, 1 + (a % 5), 0.2);
  }
  assert.equal(table.rows, 9000);
  assert.equal(table.chunks.length, 3, "4,096 rows a chunk");
  const stride = table.stride;
  // One agent watches forty genres no row had room for: every row moves to a wider table.
  for (let g = 0; g < 40; g++) {
    const it = item(`n${g}`, [`Genre ${g}`]);
    driftState(rows[8500], it, 5, 0.1);
    driftInterests(plains[8500], it, 5, 0.1);
  }
  assert.ok(table.stride > stride && table.stride >= GENRES.length + 40);
  for (let a = 0; a < 9000; a += 7) {
    assertSameWeights(rows[a].genreWeights, plains[a].genreWeights, `agent ${a}`);
  }
  assertSameWeights(rows[8500].genreWeights, plains[8500].genreWeights, "the wide one");
});

Deno.test("weights with a key a record lists out of order stay a record, and drift as one", () => {
  // A record lists "7" first whatever its place: 0.1 + 0.3 + 0.6 is 1, 0.3 + 0.6 + 0.1 is not.
  const starts: Weights[] = [{ Drama: 0.3, Comedy: 0.6, "7": 0.1 }, { Drama: 0.3, Comedy: 0.6 }];
  for (const start of starts) {
    for (const genres of [["Drama"], ["Drama", "7"], ["__proto__", "Drama"]]) {
      const plain: State = { genreWeights: start };
      const row = onRow(new TasteTable(), start);
      for (let i = 0; i < 3; i++) {
        driftInterests(plain, item(`d${i}`, genres), 4, 0.3);
        driftState(row, item(`d${i}`, genres), 4, 0.3);
        assertSameWeights(row.genreWeights, plain.genreWeights, `${Object.keys(start)} ${genres}`);
      }
      const odd = "7" in start || genres.includes("7") || genres.includes("__proto__");
      assert.equal(tasteCell(row)?.inRow === true, !odd);
    }
    // A genre named like something every object inherits drifts as the record does.
    const plain: State = { genreWeights: start };
    const row = onRow(new TasteTable(), start);
    for (let i = 0; i < 3; i++) {
      driftInterests(plain, item(`c${i}`, ["constructor", "Drama"]), 4, 0.3);
      driftState(row, item(`c${i}`, ["constructor", "Drama"]), 4, 0.3);
      assertSameWeights(row.genreWeights, plain.genreWeights, `${Object.keys(start)} constructor`);
    }
  }
});

Deno.test("rows read and drift as records for every kind of record a notebook may give", () => {
  const table = new TasteTable();
  const heist = item("h", ["Crime", "Drama"]);
  const all: [State, State, string][] = [];
  const check = (given: unknown, where: string) => {
    const plain = { genreWeights: given } as State;
    const row = onRow(table, given as Weights);
    all.push([row, plain, where]);
    for (let i = 0; i < 3; i++) {
      driftInterests(plain, heist, 4, 0.3);
      driftState(row, heist, 4, 0.3);
      assertSameWeights(row.genreWeights, plain.genreWeights, where);
      assert.ok(Object.is(tasteMatch(row, heist), stateMatch(plain, heist)), `${where}: match`);
    }
  };
  // Labels no canonical genre claims, whose names run together alike once joined.
  check(Object.freeze({ Ab: 0.2, C: 0.8 }), "Ab, C");
  check(Object.freeze({ A: 0.2, bC: 0.8 }), "A, bC");
  // Keys a record inherits are not its weights.
  check(Object.assign(Object.create({ Horror: 0.9 }), { Drama: 0.5 }), "inherited");
  // A number for weights reads as no weights, as it does on a plain state.
  const seven = onRow(table, 7 as never);
  assert.equal(tasteMatch(seven, heist), stateMatch({ genreWeights: 7 as never }, heist));
  // No record at all: drift starts from nothing.
  for (const nothing of [undefined, null, 7]) check(nothing, String(nothing));
  // A weight given for many genres at once, and an item of many genres: wider than two rows.
  const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`G${i}`, i + 1]));
  check(many, "sixty genres");
  // One drift that widens every row, then a drift on the next row, before the wide one is read.
  const narrow = new TasteTable();
  const wideNow = onRow(narrow, many), widePlain: State = { genreWeights: many };
  const next = onRow(narrow, { Drama: 1 }), nextPlain: State = { genreWeights: { Drama: 1 } };
  const fresh = item("f", ["Mystery", "Noir"]);
  driftState(wideNow, fresh, 4, 0.3);
  driftInterests(widePlain, fresh, 4, 0.3);
  driftState(next, fresh, 4, 0.3);
  driftInterests(nextPlain, fresh, 4, 0.3);
  all.push([wideNow, widePlain, "sixty genres, one drift"], [next, nextPlain, "the row after"]);
  const plain: State = { genreWeights: { Drama: 1 } }, row = onRow(table, { Drama: 1 });
  const wide = item("w", Array.from({ length: 90 }, (_, i) => `W${i}`));
  driftInterests(plain, wide, 5, 0.5);
  driftState(row, wide, 5, 0.5);
  assertSameWeights(row.genreWeights, plain.genreWeights, "ninety genres in one drift");
  assert.ok(table.stride >= 91);
  // Every row as it was: none ran into another.
  for (const [r, p, where] of all) {
    assertSameWeights(r.genreWeights, p.genreWeights, `${where}, at the end`);
  }
});

Deno.test("a record given after drift reuses the agent's row, and a genre new to it starts from 0", () => {
  const table = new TasteTable();
  const plain: State = { genreWeights: { Drama: 1 } }, row = onRow(table, { Drama: 1 });
  const both = (it: Item) => {
    driftInterests(plain, it, 5, 0.4);
    driftState(row, it, 5, 0.4);
    assertSameWeights(row.genreWeights, plain.genreWeights, it.id);
  };
  for (const g of ["Comedy", "Horror", "Western", "Action"]) both(item(g, [g]));
  assert.equal(table.rows, 1);
  // A short record given: the row's later slots still hold the old weights, which a genre new
  // to the record must not start from.
  plain.genreWeights = { Crime: 1 };
  row.genreWeights = { Crime: 1 };
  both(item("c", ["Crime", "Thriller"]));
  assert.equal(table.rows, 1, "the same row");
});

Deno.test("a record given stays the truth until the next drift, changes to it included", () => {
  const given = { Drama: 0.5, Comedy: 0.5 };
  const plain: State = { genreWeights: { ...given } }, row = onRow(new TasteTable(), { ...given });
  const drama = item("d", ["Drama"]);
  assert.equal(tasteMatch(row, drama), stateMatch(plain, drama));
  plain.genreWeights.Drama = 0.1;
  row.genreWeights.Drama = 0.1;
  assert.ok(Object.is(tasteMatch(row, drama), stateMatch(plain, drama)));
  assert.ok(Object.is(tasteOf(row).max, canonicalTaste(plain).max));
});

Deno.test("agents whose weights drift alike share one list of genres, and plain states are off the table", () => {
  const table = new TasteTable();
  const start = Object.freeze(initialGenreWeights({ interests: ["drama movies"] }));
  // Two copies of one record: their lists are found again by their genres, not by the record.
  const a = onRow(table, { ...start }), b = onRow(table, { ...start });
  const it = item("x", ["Anime"]);
  driftState(a, it, 4, 0.2);
  driftState(b, it, 2, 0.2);
  assert.equal(tasteCell(a)!.keys, tasteCell(b)!.keys);
  assert.equal(tasteCell(a)!.keys.with("Silent"), tasteCell(b)!.keys.with("Silent"));
  assert.ok(onTasteTable(a));
  assert.ok(!onTasteTable({ genreWeights: start }));
});

Deno.test("weights exactly as wide as a row leave the next row alone", () => {
  const table = new TasteTable();
  const full = Object.fromEntries(
    Array.from({ length: table.stride }, (_, i) => [`F${i}`, i + 1]),
  );
  const a = onRow(table, full), b = onRow(table, { Drama: 1 });
  const pa: State = { genreWeights: full }, pb: State = { genreWeights: { Drama: 1 } };
  const f0 = item("f0", ["F0"]), drama = item("d", ["Drama"]);
  driftState(a, f0, 4, 0.3);
  driftInterests(pa, f0, 4, 0.3);
  driftState(b, drama, 4, 0.3);
  driftInterests(pb, drama, 4, 0.3);
  assert.equal(table.stride, 20, "no genre was added: the table kept its width");
  driftState(a, f0, 4, 0.3);
  driftInterests(pa, f0, 4, 0.3);
  assertSameWeights(b.genreWeights, pb.genreWeights, "the next row");
  assertSameWeights(a.genreWeights, pa.genreWeights, "the full row");
});
