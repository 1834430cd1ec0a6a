import assert from "node:assert/strict";
import { MfRecommender } from "@lib/recsys/mf_als.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { logText, smallScenario } from "./helpers.ts";

// A run whose MF fits are split over 1, 2 or 4 worker threads (from the first stored
// interaction on), with pages computed ahead on another worker: every event the same.
async function runWith(workers: number) {
  const engine = await createSimulation(smallScenario({
    rounds: 4,
    agents: { source: "csv", count: 60 },
    recommender: {
      model: { algorithm: "mf", factors: 8, iterations: 3, workers, parallelFrom: 0 },
      retrainEvery: 1,
      pageSize: 5,
    },
    memory: { enabled: false },
  }));
  engine.pagesAhead = true;
  await engine.run();
  const model = engine.world.baseRecommender as MfRecommender;
  model.close();
  return { log: logText(engine), model };
}

Deno.test("a run gives the same events byte for byte with its fits on 1, 2 or 4 worker threads", async () => {
  const one = await runWith(1);
  assert.equal(one.model.parallelFits, 0);
  assert.ok(one.log.includes('"type":"fit"'));
  for (const workers of [2, 4]) {
    const many = await runWith(workers);
    assert.equal(many.model.workers, workers);
    // Every retrain after the first watch ran on the workers.
    assert.ok(
      many.model.parallelFits >= 3,
      `${many.model.parallelFits} fits on ${workers} workers`,
    );
    assert.equal(many.log, one.log, `${workers} workers`);
  }
});

Deno.test("a round starts its fit's workers before its turns and leaves none running", async () => {
  const build = () =>
    createSimulation(smallScenario({
      rounds: 3,
      agents: { source: "csv", count: 40 },
      recommender: {
        model: { algorithm: "mf", factors: 8, iterations: 2, workers: 2, parallelFrom: 0 },
        retrainEvery: 1,
        pageSize: 5,
      },
      memory: { enabled: false },
    }));
  const engine = await build();
  const model = engine.world.baseRecommender as MfRecommender;
  const seen: number[] = [];
  // Hooks run after the turns and before the retrain: the workers are up by then.
  engine.addRoundHook(async () => {
    seen.push(model.workersAlive);
    await Promise.resolve();
  });
  await engine.run();
  assert.deepEqual(seen, [2, 2, 2]);
  assert.equal(model.workersAlive, 0);
  assert.ok(model.parallelFits >= 2);
  // A round that fails before its retrain stops the workers it started.
  const failing = await build();
  const failingModel = failing.world.baseRecommender as MfRecommender;
  failing.addRoundHook(async () => {
    await Promise.resolve();
    throw new Error("hook failed");
  });
  await assert.rejects(failing.step(), /hook failed/);
  assert.equal(failingModel.workersAlive, 0);
});
