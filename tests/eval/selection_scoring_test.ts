import assert from "node:assert/strict";
import {
  hits,
  overlapRatio,
  type SelectionRow,
  selectionTable,
} from "@lib/eval/selection_score.ts";
import { mapPicks } from "@lib/eval/selection_prompt.ts";
import { parsePairs } from "@lib/eval/selection_run.ts";
import { popularSelector } from "@lib/eval/selectors.ts";
import { Catalog } from "@lib/recsys/catalog.ts";
import { Rng } from "@lib/core/rng.ts";

const row = (seed: number, hitsN: number, truth: number, brain = "x"): SelectionRow => ({
  seed,
  a: truth,
  b: 3,
  brain,
  label: brain,
  userId: `u${seed}${hitsN}`,
  hits: hitsN,
  truth,
  calls: 0,
  tokens: 0,
  failure: null,
});

Deno.test("overlapRatio pools hits over users (Σ|S∩T| / Σ|T|), not a mean of per-user ratios", () => {
  // Users: 1 of 1, 0 of 1, 2 of 3 → 3 / 5 = 0.6 (a mean of ratios would be 0.556).
  assert.equal(
    overlapRatio([{ hits: 1, truth: 1 }, { hits: 0, truth: 1 }, { hits: 2, truth: 3 }]),
    0.6,
  );
  assert.ok(Number.isNaN(overlapRatio([])));
});

Deno.test("hits counts each ground-truth item once, however often it was picked", () => {
  assert.equal(hits(["a", "a", "b"], ["a", "c"]), 1);
  assert.equal(hits([], ["a"]), 0);
  assert.equal(hits(["x", "y", "z"], ["z", "y", "x"]), 3);
});

Deno.test("selectionTable gives the mean over seeds of each seed's pooled ratio", () => {
  // Seed 0: 1 of 2 = 0.5; seed 1: 3 of 5 = 0.6; seed 2: 7 of 10 = 0.7 → mean 0.6 (pooling
  // every row would give 11 / 17 = 0.647). Interval: 0.6 ± t(2) · 0.1 / √3 = 0.6 ± 0.2484.
  const seedRows = (seed: number, hitsN: number, users: number) =>
    Array.from(
      { length: users },
      (_, i) => ({ ...row(seed, i < hitsN ? 1 : 0, 1), userId: `u${i}` }),
    );
  const cells = selectionTable([...seedRows(0, 1, 2), ...seedRows(1, 3, 5), ...seedRows(2, 7, 10)]);
  assert.equal(cells.length, 1);
  assert.ok(Math.abs(cells[0].mean - 0.6) < 1e-12, `mean ${cells[0].mean}`);
  assert.equal(cells[0].n, 3);
  assert.equal(cells[0].users, 17);
  assert.ok(Math.abs(cells[0].lo - (0.6 - 4.303 * 0.1 / Math.sqrt(3))) < 1e-9, `lo ${cells[0].lo}`);
  assert.ok(Math.abs(cells[0].hi - (0.6 + 4.303 * 0.1 / Math.sqrt(3))) < 1e-9, `hi ${cells[0].hi}`);
  // Two seeds far apart: the t interval passes 0 and 1 and is clipped to them.
  const wide = selectionTable([row(0, 1, 1), row(0, 0, 1), row(1, 1, 1), row(1, 1, 1)]);
  assert.equal(wide[0].mean, 0.75);
  assert.deepEqual([wide[0].lo, wide[0].hi], [0, 1]);
  assert.equal(cells[0].pair, "(1,3)");
});

Deno.test("mapPicks keeps valid distinct numbers and reports a short reply as a failure", () => {
  const page = ["p", "q", "r", "s"].map((id) => ({
    id,
    title: id,
    genres: ["Drama"],
    year: null,
    description: "",
    popularity: 0,
    quality: 0,
  }));
  assert.deepEqual(mapPicks([2, 4], page, 2, new Rng(1)), { ids: ["q", "s"], failure: null });
  const short = mapPicks([2, 2, 0], page, 2, new Rng(1));
  assert.equal(short.ids.length, 2);
  assert.equal(short.ids[0], "q");
  assert.notEqual(short.ids[1], "q");
  assert.match(short.failure!, /1 of 2 picks were valid/);
});

Deno.test("the popularity baseline picks the most-rated candidates of the training catalogue", async () => {
  const items = [["a", 5], ["b", 50], ["c", 20], ["d", 1]].map(([id, pop]) => ({
    id: id as string,
    title: id as string,
    genres: ["Drama"],
    year: null,
    description: "",
    popularity: pop as number,
    quality: 0.5,
  }));
  const catalog = new Catalog(items);
  const task = { candidates: items, a: 2, truth: [], history: [] } as never;
  const pick = await popularSelector.select({
    task,
    agent: null as never,
    catalog,
    rng: new Rng(1),
  });
  assert.deepEqual(pick.picked, ["b", "c"]);
});

Deno.test("parsePairs reads 1x5,3x3 and names a bad entry", () => {
  assert.deepEqual(parsePairs("1x5, 3x3"), [[1, 5], [3, 3]]);
  assert.throws(() => parsePairs("1x5,3by3"), /3by3/);
  assert.throws(() => parsePairs("0x5"), /0x5/);
});
