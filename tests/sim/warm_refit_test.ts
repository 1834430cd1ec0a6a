import assert from "node:assert/strict";
import { createSimulation, forkSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import { logText, runScenario, smallScenario } from "./helpers.ts";

const warm = smallScenario({
  name: "warm",
  rounds: 4,
  recommender: {
    model: { algorithm: "mf", factors: 8, iterations: 3, warmSweeps: 1 },
    retrainEvery: 1,
    pageSize: 5,
  },
});

Deno.test("a run with warm MF refit, stopped after 2 rounds and resumed, ends with the same events file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-warm-" });
  try {
    const whole = await runScenario(warm, { out: `${dir}/whole` });
    const cold = await runScenario({ ...warm, recommender: smallScenario().recommender });
    assert.notEqual(logText(whole), logText(cold), "warm refit changes what agents are shown");

    const cut = await createSimulation(warm, { out: `${dir}/cut` });
    await cut.run(2);
    cut.store!.close();
    const checkpoint = JSON.parse(await Deno.readTextFile(`${dir}/cut/checkpoint.json`));
    assert.equal(checkpoint.round, 1);
    assert.equal(typeof checkpoint.state.recommender.warmStart, "string");
    const resumed = await resumeSimulation(`${dir}/cut`);
    assert.equal(resumed.world.round, 2);
    await resumed.run();
    const events = await Deno.readTextFile(`${dir}/whole/events.jsonl`);
    assert.ok(events.length > 1000);
    assert.equal(await Deno.readTextFile(`${dir}/cut/events.jsonl`), events);

    const base = await createSimulation(warm);
    await base.run(2);
    const fork = await forkSimulation(base);
    await fork.run();
    assert.equal(logText(fork), events);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a run without warm refit keeps no factors in its checkpoint", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-cold-" });
  try {
    await runScenario(smallScenario({ rounds: 2 }), { out: `${dir}/run` });
    const checkpoint = JSON.parse(await Deno.readTextFile(`${dir}/run/checkpoint.json`));
    assert.deepEqual(checkpoint.state.recommender, {});
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/run/manifest.json`));
    assert.equal("warmSweeps" in manifest.config.recommender.model, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
