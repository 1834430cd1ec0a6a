import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { type Interaction, MfRecommender } from "@lib/recsys/mod.ts";
import { plantedInteractions, twoBlockCatalog } from "./helpers.ts";

const N = 60, USERS = 30;
const catalog = twoBlockCatalog(N);
// Varied weights so confidences differ between rows.
const rows: Interaction[] = plantedInteractions(N, USERS, 0.3, 11)
  .map((r, i) => ({ ...r, weight: 1 + (i % 4) }));
const users = [0, 1].flatMap((g) => Array.from({ length: USERS }, (_, u) => `g${g}-${u}`));

const make = (workers: number) =>
  new MfRecommender(catalog, {
    factors: 8,
    iterations: 5,
    rng: new Rng(3),
    workers,
    minParallelNnz: 0,
  });

/** Every item's score for every user: equal pages of full length mean equal factors. */
const allScores = (mf: MfRecommender) =>
  users.map((u) => mf.recommend(u, N, { includeInteracted: true }));

Deno.test("fitAsync with 2 workers gives the synchronous fit's scores bit for bit", async () => {
  const sync = make(2);
  sync.fit(rows);
  const par = make(2);
  await par.fitAsync(rows);
  const a = allScores(sync), b = allScores(par);
  assert.equal(a[0].length, N);
  assert.deepEqual(b, a);
  assert.ok(a.some((page) => page.some((s) => s.score !== 0)), "the model learned something");
});

Deno.test("fitAsync with 3 workers (uneven chunks) matches too", async () => {
  const sync = make(1);
  sync.fit(rows);
  const par = make(3);
  await par.fitAsync(rows);
  assert.deepEqual(allScores(par), allScores(sync));
});

Deno.test("fitAsync with workers: 1 solves on the calling thread, same model", async () => {
  const sync = make(1);
  sync.fit(rows);
  const one = make(1);
  await one.fitAsync(rows);
  assert.deepEqual(allScores(one), allScores(sync));
});

Deno.test("a refit with fitAsync reuses the recommender and follows the new data", async () => {
  const par = make(2);
  await par.fitAsync(rows);
  const fewer = rows.filter((r) => !r.userId.startsWith("g1-"));
  await par.fitAsync(fewer);
  const sync = make(2);
  sync.fit(fewer);
  assert.deepEqual(par.recommend("g0-1", 10), sync.recommend("g0-1", 10));
  assert.deepEqual(par.interacted("g1-0"), []);
  par.close();
});

Deno.test("concurrent fitAsync calls run one after the other and the last data wins", async () => {
  const par = make(2);
  const fewer = rows.slice(0, rows.length >> 1);
  await Promise.all([par.fitAsync(rows), par.fitAsync(fewer)]);
  const sync = make(2);
  sync.fit(fewer);
  assert.deepEqual(par.recommend("g0-0", 10), sync.recommend("g0-0", 10));
});

Deno.test("fitAsync on no interactions falls back to popularity like fit", async () => {
  const par = make(2);
  await par.fitAsync([]);
  const sync = make(2);
  sync.fit([]);
  assert.deepEqual(par.recommend("nobody", 5), sync.recommend("nobody", 5));
});

Deno.test("fitAsync rejects bad interactions with the same error as fit", async () => {
  const bad = [{ userId: "u", itemId: "missing" }];
  await assert.rejects(make(2).fitAsync(bad), /unknown item id "missing"/);
  assert.throws(() => make(2).fit(bad), /unknown item id "missing"/);
});

Deno.test("workers must be a positive integer", () => {
  assert.throws(() => new MfRecommender(catalog, { workers: 0 }), /workers/);
  assert.throws(() => new MfRecommender(catalog, { workers: 1.5 }), /workers/);
});

Deno.test("with enough users the workers sum the Gram matrix by rows, and the factors stay bit for bit", async () => {
  // 17,000 users: past the size from which a parallel fit sums the users' Gram matrix on its
  // workers (16,384 rows), with 3 workers so the rows are cut unevenly.
  const many: Interaction[] = [];
  const rng = new Rng(5);
  for (let u = 0; u < 17_000; u++) {
    for (let k = 0; k < 2; k++) {
      many.push({ userId: `u${u}`, itemId: catalog.items[rng.int(N)].id, weight: 1 + rng.int(5) });
    }
  }
  const small = (workers: number) =>
    new MfRecommender(catalog, {
      factors: 8,
      iterations: 2,
      rng: new Rng(3),
      workers,
      minParallelNnz: 0,
    });
  const sync = small(1);
  sync.fit(many);
  const par = small(3);
  await par.fitAsync(many);
  assert.equal(par.parallelFits, 1);
  for (const u of ["u0", "u1", "u8191", "u16999"]) {
    assert.deepEqual(
      par.recommend(u, N, { includeInteracted: true }),
      sync.recommend(u, N, { includeInteracted: true }),
      u,
    );
  }
});

Deno.test("workers warmed ahead of a fit serve it, give the same model and stop with it", async () => {
  const sync = make(1);
  sync.fit(rows);
  const par = make(2);
  assert.equal(par.warmWorkers(rows.length), true);
  assert.equal(par.workersAlive, 2);
  await par.fitAsync(rows);
  assert.equal(par.workersAlive, 0, "the fit stopped the warmed workers");
  assert.equal(par.parallelFits, 1);
  assert.deepEqual(allScores(par), allScores(sync));
});

Deno.test("warmed workers a fit does not use are stopped, by the fit or by close", async () => {
  // Too few interactions for the workers: the fit runs here and stops them.
  const small = new MfRecommender(catalog, { factors: 8, workers: 2, minParallelNnz: 50 });
  assert.equal(small.warmWorkers(60), true);
  await small.fitAsync(rows.slice(0, 10));
  assert.equal(small.workersAlive, 0);
  assert.equal(small.parallelFits, 0);
  // A fit that throws stops them too.
  const bad = make(2);
  bad.warmWorkers(rows.length);
  await assert.rejects(bad.fitAsync([{ userId: "u", itemId: "nope", weight: 1, round: 0 }]));
  assert.equal(bad.workersAlive, 0);
  // No fit at all: close stops them.
  const idle = make(2);
  idle.warmWorkers(rows.length);
  assert.equal(idle.workersAlive, 2);
  idle.close();
  assert.equal(idle.workersAlive, 0);
  // Nothing to warm on one thread, or below the threshold.
  assert.equal(make(1).warmWorkers(rows.length), false);
  assert.equal(small.warmWorkers(10), false);
  assert.equal(small.workersAlive, 0);
});
