import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { fitParetoAlpha } from "@lib/core/stats.ts";
import { activeAgents, drawActivity } from "@lib/sim/activity.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { logText, runScenario, smallScenario } from "./helpers.ts";

Deno.test("pages never show an agent an item it was already shown", async () => {
  const engine = await runScenario(smallScenario({ rounds: 6 }));
  const seen = new Map<string, Set<string>>();
  let pages = 0;
  for (const e of engine.log.ofType("page")) {
    pages++;
    const s = seen.get(e.agent) ?? new Set<string>();
    for (const item of e.items) {
      assert.ok(!s.has(item), `agent ${e.agent} was shown ${item} twice (round ${e.round})`);
      s.add(item);
    }
    seen.set(e.agent, s);
  }
  assert.ok(pages > 20, `only ${pages} pages were shown`);
});

Deno.test("the recommender is retrained on simulated interactions and its pages change", async () => {
  const engine = await createSimulation(smallScenario({ rounds: 3 }));
  const w = engine.world;
  const agent = w.ids[0];
  const before = w.baseRecommender.recommend(agent, 10, {}).map((r) => r.itemId);
  await engine.run();
  const fits = engine.log.ofType("fit");
  assert.equal(fits.length, 3);
  assert.ok(fits.at(-1)!.interactions > 0);
  assert.equal(w.fittedOn, w.interactions.length);
  const after = w.baseRecommender.recommend(agent, 10, {}).map((r) => r.itemId);
  assert.notDeepEqual(after, before);
});

Deno.test("activity follows the Pareto law: fitted α of active-round counts matches the configured α", () => {
  const alpha = 1.8, xMin = 1, rate = 0.01, rounds = 400;
  const ids = Array.from({ length: 3000 }, (_, i) => `a${i}`);
  const rng = new Rng(5);
  const activity = drawActivity(ids, new Map(), { alpha, xMin, rate }, rng);
  assert.ok(Math.abs(fitParetoAlpha([...activity.values()], xMin) - alpha) < 0.1);
  const counts = new Map(ids.map((id) => [id, 0]));
  for (let r = 0; r < rounds; r++) {
    for (const id of activeAgents(ids, activity, rate, rng.fork(`round:${r}`))) {
      counts.set(id, counts.get(id)! + 1);
    }
  }
  // Active-round counts estimate rate·x per round; their tail follows the same α.
  const estimates = ids.map((id) => counts.get(id)! / (rounds * rate)).filter((x) =>
    x >= 2 && x < 1 / rate
  );
  const fitted = fitParetoAlpha(estimates, 2);
  assert.ok(Math.abs(fitted - alpha) < 0.25, `fitted α ${fitted.toFixed(3)} vs ${alpha}`);
});

Deno.test("the same seed gives a byte-identical event log, and concurrency changes nothing", async () => {
  const a = logText(await runScenario(smallScenario({ concurrency: 1 })));
  const b = logText(await runScenario(smallScenario({ concurrency: 1 })));
  const c = logText(await runScenario(smallScenario({ concurrency: 64 })));
  assert.equal(a, b);
  assert.equal(a, c);
  const d = logText(await runScenario(smallScenario({ seed: 12 })));
  assert.notEqual(a, d);
});

Deno.test("without drift and retraining, tastes stay where they started", async () => {
  const engine = await createSimulation(smallScenario({ drift: 0 }));
  const start = structuredClone(engine.world.agent(engine.world.ids[0]).state.genreWeights);
  await engine.run();
  assert.deepEqual(engine.world.agent(engine.world.ids[0]).state.genreWeights, start);
});

Deno.test("collectors report one model row per round as an arquero table", async () => {
  const engine = await runScenario(smallScenario());
  const t = engine.collector.modelTable();
  assert.equal(t.numRows(), 4);
  assert.deepEqual(t.array("round"), [0, 1, 2, 3]);
  const watches = engine.log.ofType("decision").filter((e) => e.action.type === "watch").length;
  assert.equal((t.array("watches") as number[]).reduce((s, x) => s + x, 0), watches);
});

Deno.test("a rule-brain run without memory makes the same decisions as one with it", async () => {
  const withMemory = logText(await runScenario(smallScenario()));
  const without = logText(await runScenario(smallScenario({ memory: { enabled: false } })));
  assert.equal(without, withMemory);
  await assert.rejects(
    () => createSimulation(smallScenario({ memory: { enabled: false }, brain: { kind: "llm" } })),
    /memory\.enabled: only the rule brain/,
  );
});
