/** The rule population's arrays by value: allocation, counting, snapshot and restore. */
import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import {
  countPopulation,
  populationArrays,
  restoreArrays,
  type RulePopulationState,
  snapshotArrays,
} from "@lib/social/spread/rule_state.ts";

Deno.test("new arrays: nobody aware or shared, no origin, no texts, zero counts", () => {
  const a = populationArrays(3);
  assert.deepEqual([...a.awareAt], [-1, -1, -1]);
  assert.deepEqual([...a.sharedAt], [-1, -1, -1]);
  assert.deepEqual([...a.origin], [-1, -1, -1]);
  assert.deepEqual(a.texts, []);
  assert.deepEqual(
    [...a.reposts, ...a.newReposts, ...a.emotion, ...a.stance],
    new Array(12).fill(0),
  );
});

Deno.test("counts only the aware: shared, each emotion and attitude, the mean stance", () => {
  const a = populationArrays(5);
  // 0: aware, shared at 0, intense, −0.5; 1: aware, not shared, calm, 0.25;
  // 2: aware, shared at 2, moderate, 1; 3: unaware, intense, −1; 4: aware at 0, not shared, calm, −0.25.
  [[0, 0, 2, -0.5], [1, -1, 0, 0.25], [2, 2, 1, 1], [-1, -1, 2, -1], [0, -1, 0, -0.25]].forEach(
    ([aware, shared, emotion, stance], i) => {
      a.awareAt[i] = aware;
      a.sharedAt[i] = shared;
      a.emotion[i] = emotion;
      a.stance[i] = stance;
    },
  );
  assert.deepEqual(countPopulation(7, a), {
    t: 7,
    aware: 4,
    shared: 2,
    calm: 2,
    moderate: 1,
    intense: 1,
    negative: 2,
    positive: 2,
    meanStance: 0.125,
  });
});

Deno.test("a population nobody knows of has a NaN mean stance", () => {
  const s = countPopulation(0, populationArrays(2));
  assert.equal(s.aware, 0);
  assert.ok(Number.isNaN(s.meanStance));
});

Deno.test("a snapshot lists every array by value, texts only with the log on", () => {
  const a = populationArrays(2);
  a.awareAt[1] = a.sharedAt[1] = 4;
  a.origin[1] = 1;
  a.reposts[1] = 3;
  a.msgStance[1] = -0.5;
  a.msgEmotion[1] = 2;
  a.texts[1] = "news";
  assert.deepEqual(snapshotArrays(4, a, true), {
    t: 4,
    emotion: [0, 0],
    stance: [0, 0],
    awareAt: [-1, 4],
    sharedAt: [-1, 4],
    msgEmotion: [0, 2],
    msgStance: [0, -0.5],
    reposts: [0, 3],
    origin: [-1, 1],
    texts: [null, "news"],
  });
  assert.deepEqual(snapshotArrays(4, a, false).texts, []);
});

Deno.test("restoring replaces the texts: a stale text does not survive, a null stays absent", () => {
  const a = populationArrays(2);
  a.texts[0] = "stale";
  a.texts[1] = "old";
  const state = snapshotArrays(3, populationArrays(2), true);
  state.texts = [null, "new"];
  assert.equal(restoreArrays(a, state, "cp.json"), 3);
  assert.equal(0 in a.texts, false);
  assert.equal(a.texts[1], "new");
});

Deno.test("a snapshot missing an array is refused by name with 'none' found", () => {
  const state = snapshotArrays(0, populationArrays(2), false) as Partial<RulePopulationState>;
  delete state.reposts;
  assert.throws(
    () => restoreArrays(populationArrays(2), state as RulePopulationState, "cp.json"),
    (e: unknown) =>
      e instanceof DataError && /reposts/.test(e.message) &&
      /expected 2 values, found none/.test(e.message),
  );
});
