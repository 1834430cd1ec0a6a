import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { createRecommender } from "@lib/recsys/config.ts";
import { encodeFactors } from "@lib/recsys/factor_codec.ts";
import { type Interaction, MfRecommender, type Recommender } from "@lib/recsys/mod.ts";
import { blockOf, plantedInteractions, twoBlockCatalog } from "./helpers.ts";

const N = 40, USERS = 12, F = 8;
const catalog = twoBlockCatalog(N);
// The planted rows in a seeded order, revealed a slice at a time as a simulation would.
const planted: Interaction[] = new Rng(5).shuffle(plantedInteractions(N, USERS, 0.4, 7))
  .map((r, i) => ({ ...r, weight: 1 + (i % 3) }));
const day1 = planted.slice(0, planted.length >> 1);
const day2 = planted.slice(0, (planted.length * 3) >> 2);
const day3 = planted;
const users = [0, 1].flatMap((g) => Array.from({ length: USERS }, (_, u) => `g${g}-${u}`));

const make = (warmSweeps?: number, workers = 1) =>
  new MfRecommender(catalog, {
    factors: F,
    iterations: 6,
    warmSweeps,
    rng: new Rng(3),
    workers,
    minParallelNnz: 0,
  });

/** Every item's score for every user: equal pages of full length mean equal factors. */
const allScores = (rec: Recommender) =>
  users.map((u) => rec.recommend(u, N, { includeInteracted: true }));

Deno.test("warm refit off: fits are unchanged and the state carries no factors", () => {
  const off = make();
  off.fit(day1);
  off.fit(day2);
  assert.deepEqual(off.exportState(), {});
  const once = make();
  once.fit(day2);
  assert.deepEqual(allScores(off), allScores(once), "a refit does not depend on the last one");
  off.importState({ warmStart: "AAAA" });
  assert.deepEqual(allScores(off), allScores(once), "a state with factors changes nothing");
});

Deno.test("warm refit: the first fit is the cold fit, the second one starts from it", () => {
  const warm = make(1), cold = make();
  warm.fit(day1);
  cold.fit(day1);
  assert.deepEqual(allScores(warm), allScores(cold), "nothing to warm from: the full cold fit");
  assert.deepEqual(warm.exportState(), { warmStart: null });
  warm.fit(day2);
  const fresh = make(1);
  fresh.fit(day2);
  assert.notDeepEqual(allScores(warm), allScores(fresh), "a warm fit is not a cold fit");
  const state = warm.exportState();
  assert.equal(typeof state.warmStart, "string");
  assert.ok(JSON.stringify(state).length < 4 * N * F * 4 / 3 + 40, "base64, not decimals");
});

Deno.test("warm refit: a model importing the state of a fit on the same data has its factors", () => {
  const warm = make(2);
  warm.fit(day1);
  warm.fit(day2);
  const resumed = make(2);
  resumed.fit(day2);
  resumed.importState(structuredClone(warm.exportState()));
  assert.deepEqual(allScores(resumed), allScores(warm));
  assert.deepEqual(resumed.exportState(), warm.exportState());
  warm.fit(day3);
  resumed.fit(day3);
  assert.deepEqual(allScores(resumed), allScores(warm), "later warm fits agree too");
});

Deno.test("warm refit: fitAsync on workers gives fit's factors bit for bit", async () => {
  const sync = make(1), par = make(1, 2);
  for (const rows of [day1, day2, day3]) {
    sync.fit(rows);
    await par.fitAsync(rows);
    assert.deepEqual(allScores(par), allScores(sync));
    assert.deepEqual(par.exportState(), sync.exportState());
  }
  assert.ok(allScores(sync).some((p) => p.some((s) => s.score !== 0)), "the model learned");
});

Deno.test("warm refit: a fit on no data leaves nothing to warm from", () => {
  const warm = make(1), cold = make();
  warm.fit([]);
  warm.fit(day1);
  cold.fit(day1);
  assert.deepEqual(allScores(warm), allScores(cold));
});

Deno.test("warm refit with one sweep a fit still tells two taste groups apart", () => {
  const warm = make(1), cold = make();
  // Ten fits, each on a few more interactions than the last.
  for (let k = 1; k <= 10; k++) {
    const rows = planted.slice(0, Math.round(planted.length * (0.1 + 0.09 * k)));
    warm.fit(rows);
    if (k === 10) cold.fit(rows);
  }
  assert.notDeepEqual(allScores(warm), allScores(cold), "the last fit was warm");
  for (const u of users) {
    const top = warm.recommend(u, 1)[0].itemId;
    assert.equal(blockOf(top, N), Number(u[1]), `${u}'s top item ${top}`);
  }
});

Deno.test("warm refit behind exploration: the wrapper's state carries the factors", () => {
  const config = { algorithm: "mf", factors: F, iterations: 4, warmSweeps: 1, seed: 2 };
  const explored = { ...config, exploration: { randomItems: 1 } };
  const live = createRecommender(explored, catalog);
  live.fit(day1);
  live.fit(day2);
  const resumed = createRecommender(explored, catalog);
  resumed.fit(day2);
  resumed.importState(JSON.parse(JSON.stringify(live.exportState())));
  const noRound = (rec: Recommender) =>
    users.map((u) => rec.recommend(u, 5, { includeInteracted: true, round: -1 }));
  assert.deepEqual(noRound(resumed), noRound(live));
  const plain = createRecommender(config, catalog);
  plain.fit(day2);
  assert.notDeepEqual(noRound(plain), noRound(live));
});

Deno.test("a warm state with the wrong number of factors or bad text is a config error", () => {
  const warm = make(1);
  warm.fit(day1);
  const bad = [
    [
      { warmStart: encodeFactors(new Float32Array(N * F - 1)) },
      /expected 320 float32 values, found 319/,
    ],
    [{ warmStart: "@@not base64@@" }, /expected base64 text/],
    [{ warmStart: 12 }, /expected base64 text, found number/],
  ] as const;
  for (const [state, message] of bad) {
    assert.throws(() => warm.importState(state), (e: Error) => {
      assert.ok(e instanceof ConfigError, e.message);
      assert.match(e.message, /^recommender state: warmStart: /);
      assert.match(e.message, message);
      return true;
    });
  }
});

Deno.test("warmSweeps must be a positive integer", () => {
  assert.throws(() => make(0), /warmSweeps must be a positive integer, got 0/);
  assert.throws(() => make(1.5), /warmSweeps/);
  assert.throws(
    () => createRecommender({ algorithm: "mf", warmSweeps: "two" }, catalog),
    /warmSweeps/,
  );
});
