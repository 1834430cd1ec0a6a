import assert from "node:assert/strict";
import { runConformity } from "@lib/studies/conformity.ts";
import { ownScore, ruleSurveyConfigSchema } from "@lib/brain/survey/rule_survey.ts";
import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
import { Rng } from "@lib/core/rng.ts";

const narrowing = (r: { spread: { std: number }[] }) => r.spread[0].std - r.spread.at(-1)!.std;
const base = { kind: "rule" as const, agents: 20, rounds: 6 };

Deno.test("scores narrow more with opinions exchanged than without (two seeds)", async () => {
  for (const seed of [1, 2]) {
    const social = await runConformity({ ...base, seed });
    const control = await runConformity({ ...base, seed, social: false });
    assert.ok(social.mentions > 0);
    assert.equal(control.mentions, 0);
    assert.ok(narrowing(social) > narrowing(control), `seed ${seed}`);
  }
});

Deno.test("without conformity, an agent's score is its own view whatever it heard", async () => {
  const r = await runConformity({
    ...base,
    seed: 1,
    conformity: 0,
    survey: { config: { moodNoise: 0 } },
  });
  assert.ok(r.mentions > 0);
  const w = r.engine.world;
  const item = w.catalog.get(r.itemId)!;
  const cfg = ruleSurveyConfigSchema.parse({ moodNoise: 0 });
  const last = r.scores.filter((s) => s.round === base.rounds - 1);
  for (const s of last) {
    const agent = w.agent(s.agentId);
    const own = ownScore(
      {
        agentId: s.agentId,
        profile: agent.profile,
        state: agent.state,
        time: { round: 0, iso: "", label: "" },
        memories: [],
        heard: [],
        question: { kind: "score", item },
        rng: new Rng(0),
        callSite: "",
      },
      cfg,
      DEFAULT_RULE_CONFIG,
    );
    assert.equal(s.score, Math.min(10, Math.max(1, Math.round(own))));
  }
});

Deno.test("the best-connected agents watch first and every agent scores every round", async () => {
  const r = await runConformity({ ...base, rounds: 3, seed: 4, watchers: 3 });
  const degrees = [...r.friends.values()].sort((a, b) => b - a);
  assert.deepEqual(r.watchers.map((w) => r.friends.get(w.agentId)), degrees.slice(0, 3));
  assert.equal(r.scores.length, base.agents * 3);
  assert.ok(r.scores.every((s) => Number.isInteger(s.score) && s.score >= 1 && s.score <= 10));
});
