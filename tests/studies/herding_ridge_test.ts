import assert from "node:assert/strict";
import { herdingRidge } from "@lib/studies/herding_ridge.ts";
import { calibrateHerding, MUCHNIK_2013 } from "@lib/studies/herding.ts";

Deno.test("herding ridge: each social weight gets its own fitted audience and a rule-brain study", async () => {
  const ridge = await herdingRidge({ kind: "rule", agents: 8, rounds: 2, watchers: 3 }, [1, 2], [
    1,
    3,
  ]);
  assert.deepEqual(ridge.map((p) => p.social), [1, 3]);
  for (const p of ridge) {
    const fit = calibrateHerding(MUCHNIK_2013, {}, { max: 4, step: 0.5, social: p.social });
    assert.equal(p.audience, fit.audience);
    assert.equal(p.nextVoteLift, fit.reproduced.nextVoteLift);
    assert.ok(p.study, "the rule brain runs the study");
    assert.equal(p.study.arm, "full");
    assert.equal(p.study.seeds, 2);
  }
});
