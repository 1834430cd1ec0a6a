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
  }
});
