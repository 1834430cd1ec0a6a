// simulateRule assembles a run from the population's steps: the seed step's records first,
// then each step's in order, one stats row per step 0..steps, and the final states.
import assert from "node:assert/strict";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { Rng } from "@lib/core/rng.ts";
import { RulePopulation } from "@lib/social/spread/rule_population.ts";
import { simulateRule } from "@lib/social/spread/rule_sim.ts";
import { toJsonl } from "@lib/social/spread/types.ts";

const graph = barabasiAlbert(120, 2, { rng: new Rng(4) });
const options = {
  event: { text: "The dam opens at noon", posters: ["0", "5"] },
  steps: 6,
  seed: 11,
  params: { shareBase: 0.4 },
};

Deno.test("a run is the seed step followed by every step, in order, to `steps`", () => {
  const run = simulateRule(graph, options);
  const pop = new RulePopulation(graph, options);
  const events = [...pop.seedStep.events];
  const cascade = [...pop.seedStep.cascade];
  const stats = [...pop.seedStep.stats];
  for (let t = 1; t <= options.steps; t++) {
    const s = pop.step();
    events.push(...s.events);
    cascade.push(...s.cascade);
    stats.push(s.stats);
  }
  assert.equal(run.stats.length, options.steps + 1);
  assert.deepEqual(run.stats, stats);
  assert.equal(toJsonl(run.events), toJsonl(events));
  assert.deepEqual(run.cascade, cascade);
  assert.ok(cascade.length > 2, "shares happened, so the order is tested");
  assert.deepEqual(run.cascade.slice(0, 2).map((e) => [e.parent, e.child]), [[null, "0"], [
    null,
    "5",
  ]]);
  assert.deepEqual([...run.awareAt], [...pop.awareAt]);
  assert.deepEqual([...run.sharedAt], [...pop.sharedAt]);
  assert.deepEqual([...run.emotion], [...pop.emotion]);
  assert.deepEqual([...run.stance], [...pop.stance]);
  assert.deepEqual(run.ids, pop.ids);
  assert.deepEqual(run.params, pop.params);
  assert.deepEqual(run.event, pop.event);
  assert.equal(run.params.shareBase, 0.4);
});

Deno.test("zero steps is the seed step alone", () => {
  const run = simulateRule(graph, { ...options, steps: 0 });
  const pop = new RulePopulation(graph, { ...options, steps: 0 });
  assert.equal(run.stats.length, pop.seedStep.stats.length);
  assert.deepEqual(run.cascade, pop.seedStep.cascade);
  assert.equal(toJsonl(run.events), toJsonl(pop.seedStep.events));
  assert.deepEqual(
    [...run.awareAt].filter((t) => t >= 0).length,
    2,
    "only the posters are aware",
  );
});
