import assert from "node:assert/strict";
import { type CocoonRun, runCocoon } from "@lib/studies/cocoon.ts";
import { meanCI } from "@lib/core/stats.ts";

const avg = (r: Pick<CocoonRun, "entropy">, lo: number, hi: number) => {
  const e = r.entropy.filter((x) => x.round >= lo && x.round <= hi).map((x) => x.entropy);
  return e.reduce((a, b) => a + b, 0) / e.length;
};
/** Entropy of the first four rounds minus that of the last eight. */
const fall = (r: Pick<CocoonRun, "entropy">) => avg(r, 0, 3) - avg(r, 12, 19);
const base = { kind: "rule" as const, agents: 40, rounds: 20, satisfaction: false };

// Cutting the loop (no retraining, no interest drift) is the one mechanism switched off; same
// seeds for both arms, ten of them.
Deno.test("MF narrows what is shown and what is watched only with retraining and drift (10 seeds)", async () => {
  const shown: boolean[] = [], watchedGap: number[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    const mf = await runCocoon({ label: "mf", algorithm: "mf" }, { ...base, seed });
    const off = await runCocoon({ label: "mf-off", algorithm: "mf" }, {
      ...base,
      seed,
      drift: 0,
      retrainEvery: 1000,
    });
    shown.push(fall(mf) > fall(off));
    watchedGap.push(mf.consumedCumulative.at(-1)!.entropy - off.consumedCumulative.at(-1)!.entropy);
  }
  assert.ok(shown.filter(Boolean).length >= 9, `shown entropy fell more with the loop in ${shown}`);
  const gap = meanCI(watchedGap);
  assert.ok(gap.hi < 0, `watched breadth, MF minus no loop: ${JSON.stringify(gap)}`);
});

// Interest drift switched off is the one change; same ten seeds for both arms.
Deno.test("interest drift narrows what MF users watch over the run (10 seeds)", async () => {
  const gap: number[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    const opts = { kind: "rule" as const, agents: 20, rounds: 10, seed, satisfaction: false };
    const drifting = await runCocoon({ label: "mf", algorithm: "mf" }, { ...opts, drift: 0.3 });
    const fixed = await runCocoon({ label: "mf", algorithm: "mf" }, { ...opts, drift: 0 });
    gap.push(
      drifting.consumedCumulative.at(-1)!.entropy - fixed.consumedCumulative.at(-1)!.entropy,
    );
  }
  const ci = meanCI(gap);
  assert.ok(ci.hi < 0, `watched breadth, drift 0.3 minus drift 0: ${JSON.stringify(ci)}`);
});

// Which way the Rec-strategy moves entropy at this size is a finding notebook 05 reports from
// its numbers (over ten seeds it is not separated here); what must hold in every seed is that the
// strategy acts from its round on and not before.
Deno.test("random items per page change pages from the switch round on, never before (10 seeds)", async () => {
  for (let seed = 1; seed <= 10; seed++) {
    const opts = { kind: "rule" as const, agents: 20, rounds: 8, seed };
    const plain = await runCocoon({ label: "mf", algorithm: "mf", fromRound: 4 }, opts);
    const explore = await runCocoon({
      label: "mf+3",
      algorithm: "mf",
      exploration: { randomItems: 3, everyRounds: 1 },
      fromRound: 4,
    }, opts);
    const pages = (r: typeof plain, before: boolean) =>
      JSON.stringify(
        r.engine.log.ofType("page").filter((p) => p.query === null && (p.round < 4) === before)
          .map((p) => [p.round, p.agent, p.items]),
      );
    assert.equal(pages(explore, true), pages(plain, true), `seed ${seed}: pages before the switch`);
    assert.notEqual(pages(explore, false), pages(plain, false), `seed ${seed}: pages after it`);
    assert.ok(plain.satisfaction.every((s) => s.mean >= 1 && s.mean <= 10));
  }
});
