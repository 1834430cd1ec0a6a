import assert from "node:assert/strict";
import { type CocoonRun, runCocoon } from "@lib/studies/cocoon.ts";

const avg = (r: Pick<CocoonRun, "entropy">, lo: number, hi: number) => {
  const e = r.entropy.filter((x) => x.round >= lo && x.round <= hi).map((x) => x.entropy);
  return e.reduce((a, b) => a + b, 0) / e.length;
};
/** Entropy of the first four rounds minus that of the last eight. */
const fall = (r: Pick<CocoonRun, "entropy">) => avg(r, 0, 3) - avg(r, 12, 19);
const base = { kind: "rule" as const, agents: 40, rounds: 20, satisfaction: false };

// Whether MF narrows more than Random varies widely between seeds at this size (notebook 05
// reports it over seeds with intervals); the mechanism claim tested here is that the fall needs
// retraining and drift.
Deno.test("MF's entropy falls over 20 rounds only with retraining and interest drift", async () => {
  for (const seed of [1, 2]) {
    const mf = await runCocoon({ label: "mf", algorithm: "mf" }, { ...base, seed });
    const off = await runCocoon({ label: "mf-off", algorithm: "mf" }, {
      ...base,
      seed,
      drift: 0,
      retrainEvery: 1000,
    });
    assert.ok(fall(mf) > fall(off) + 0.1, `seed ${seed}: mf ${fall(mf)} without ${fall(off)}`);
  }
});

// Satisfaction is surveyed from experience against the page's promise, not from the choice
// utility, so its direction under exploration is a finding reported by notebook 08, not a test.
Deno.test("five random items per page raise the entropy of shown pages after the switch", async () => {
  const opts = { kind: "rule" as const, agents: 30, rounds: 12, seed: 3 };
  const plain = await runCocoon({ label: "mf", algorithm: "mf", fromRound: 6 }, opts);
  const explore = await runCocoon({
    label: "mf+5",
    algorithm: "mf",
    exploration: { randomItems: 5, everyRounds: 1 },
    fromRound: 6,
  }, opts);
  assert.ok(explore.after.entropy > plain.after.entropy);
  // Before the switch both arms are the same run.
  assert.deepEqual(explore.entropy.slice(0, 6), plain.entropy.slice(0, 6));
  assert.ok(plain.satisfaction.every((s) => s.mean >= 1 && s.mean <= 10));
});
