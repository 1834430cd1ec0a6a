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
