import assert from "node:assert/strict";
import { eventLine } from "../../lib/sim/events.ts";
import { createSimulation } from "../../lib/sim/simulation.ts";
import type { ScenarioInput } from "../../lib/sim/scenario.ts";
import type { ScoringRecommender } from "../../lib/recsys/recommender.ts";

/**
 * The whole event log of a run, with MF pages computed ahead on a worker or not; a run with
 * pages ahead must have served some of its pages from them, or the comparison proves nothing.
 */
async function eventsOf(ahead: boolean, config: ScenarioInput): Promise<string[]> {
  const engine = await createSimulation(config);
  engine.pagesAhead = ahead;
  await engine.run();
  const model = engine.world.baseRecommender as ScoringRecommender;
  if (ahead) assert.ok(model.pagesServedAhead > 20, `${model.pagesServedAhead} pages ahead`);
  else assert.equal(model.pagesServedAhead, 0);
  return engine.log.events.map(eventLine);
}

const world = (seed: number, extra: Partial<ScenarioInput> = {}): ScenarioInput => ({
  name: `ahead-${seed}`,
  seed,
  rounds: 5,
  agents: { source: "csv", count: 60 },
  recommender: { model: { algorithm: "mf" }, retrainEvery: 1, pageSize: 3 },
  session: { maxPages: 3, maxWatches: 2, watchBusyRounds: 1, memoryTopK: 5 },
  memory: { enabled: false },
  ...extra,
});

Deno.test("pages computed ahead on a worker leave every event of an MF run unchanged", async () => {
  for (const seed of [1, 2, 3]) {
    const without = await eventsOf(false, world(seed));
    const withAhead = await eventsOf(true, world(seed));
    assert.ok(without.filter((l) => l.includes('"type":"page"')).length > 50, "pages served");
    assert.deepEqual(withAhead, without, `seed ${seed}`);
  }
});

Deno.test("pages computed ahead agree with exploration mixing random items in and with memories on", async () => {
  const explore = world(5, {
    recommender: {
      model: { algorithm: "mf", exploration: { randomItems: 1, everyRounds: 1 } },
      retrainEvery: 1,
      pageSize: 4,
    },
  });
  assert.deepEqual(await eventsOf(true, explore), await eventsOf(false, explore));
  const memories = world(6, { memory: { enabled: true } });
  assert.deepEqual(await eventsOf(true, memories), await eventsOf(false, memories));
});
