import assert from "node:assert/strict";
import { conformityAblation, runConformity } from "@lib/studies/conformity.ts";
import { ownScore, ruleSurveyConfigSchema } from "@lib/brain/survey/rule_survey.ts";
import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
import { Rng } from "@lib/core/rng.ts";

const base = { kind: "rule" as const, agents: 20, rounds: 6 };

Deno.test("without links nothing is said about the movie and nobody's score hears anything", async () => {
  const social = await runConformity({ ...base, seed: 1 });
  const control = await runConformity({ ...base, seed: 1, arm: "links_off" });
  assert.ok(social.mentions > 0);
  assert.equal(control.mentions, 0);
});

Deno.test("a watcher's score is its own rating whatever it heard", async () => {
  const r = await runConformity({ ...base, seed: 2, survey: { config: { moodNoise: 0 } } });
  assert.ok(r.mentions > 0);
  const w = r.engine.world;
  for (const s of r.scores) {
    const rating = w.agent(s.agentId).state.ratings[r.itemId];
    const watchedBy = r.watchers.some((x) => x.agentId === s.agentId) ||
      r.later.some((l) => l.agentId === s.agentId && l.round <= s.round);
    if (watchedBy && rating !== undefined) assert.equal(s.score, 2 * rating);
  }
});

Deno.test("with the belief channel off, an unwatched agent's expectation ignores what it heard", async () => {
  const off = await runConformity({
    ...base,
    seed: 3,
    arm: "belief_off",
    survey: { config: { moodNoise: 0 } },
  });
  const w = off.engine.world;
  const item = w.catalog.get(off.itemId)!;
  const cfg = ruleSurveyConfigSchema.parse({ moodNoise: 0 });
  const last = off.scores.filter((s) =>
    s.round === base.rounds - 1 && w.agent(s.agentId).state.ratings[off.itemId] === undefined
  );
  assert.ok(last.length > 0);
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

Deno.test("shuffling traits keeps the population's conformity values", async () => {
  const full = await runConformity({ ...base, rounds: 1, seed: 4 });
  const shuffled = await runConformity({ ...base, rounds: 1, seed: 4, arm: "traits_shuffled" });
  const traits = (r: typeof full) =>
    r.engine.world.ids.map((id) => r.engine.world.agent(id).state.conformity);
  assert.deepEqual([...traits(full)].sort(), [...traits(shuffled)].sort());
  assert.notDeepEqual(traits(full), traits(shuffled));
});

Deno.test("the best-connected agents watch first and every agent scores every round", async () => {
  const r = await runConformity({ ...base, rounds: 3, seed: 4, watchers: 3 });
  const degrees = [...r.friends.values()].sort((a, b) => b - a);
  assert.deepEqual(r.watchers.map((w) => r.friends.get(w.agentId)), degrees.slice(0, 3));
  assert.equal(r.scores.length, base.agents * 3);
  assert.ok(r.scores.every((s) => Number.isInteger(s.score) && s.score >= 1 && s.score <= 10));
});

Deno.test("the scores narrow through beliefs: belief-off and no-links arms narrow less, beyond the 95% intervals of 10 seeds", async () => {
  const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
  const arms = await conformityAblation({ ...base, rounds: 5 }, seeds, [
    "full",
    "belief_off",
    "links_off",
  ]);
  const [full, beliefOff, linksOff] = arms.map((a) => a.spreadFall);
  assert.ok(full.lo > beliefOff.hi, JSON.stringify({ full, beliefOff }));
  assert.ok(full.lo > linksOff.hi, JSON.stringify({ full, linksOff }));
});

Deno.test("an LLM brain is not offered the rule brain's belief and audience switches", async () => {
  await assert.rejects(
    () => conformityAblation({ kind: "llm", agents: 4, rounds: 1 }, [1], ["belief_off"]),
    /need the rule brain/,
  );
});
