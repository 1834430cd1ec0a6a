import assert from "node:assert/strict";
import { LlmClient } from "@lib/llm/client.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { estimateRun } from "@lib/sim/budget.ts";
import { createSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import { smallScenario } from "./helpers.ts";

const KEY = "sk-budget-test-55";

Deno.test("an estimate scales with rounds and prices the tokens", async () => {
  const short = await estimateRun(smallScenario({ rounds: 4 }), { sampleRounds: 2 });
  const long = await estimateRun(smallScenario({ rounds: 8 }), { sampleRounds: 2 });
  assert.equal(long.total.decisions, short.total.decisions * 2);
  assert.ok(short.rows.some((r) => r.behaviour === "browse"));
  const pricey = await estimateRun(smallScenario({ rounds: 4 }), {
    sampleRounds: 2,
    model: "gpt-4o",
  });
  assert.ok(pricey.total.costUsd > short.total.costUsd * 10);
});

Deno.test("a token cap stops an LLM run at a round boundary, and it resumes with a larger cap", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const dir = await Deno.makeTempDir();
  const llm = () =>
    new LlmClient({
      model: "socius-local",
      endpoints: [{ baseUrl: server.url, keys: [KEY] }],
      cache: { mode: "off" },
    });
  try {
    const scenario = smallScenario({
      rounds: 6,
      agents: { source: "csv", count: 5 },
      activity: { alpha: 1.5, xMin: 1, rate: 1 },
      brain: { kind: "llm" },
      budget: { tokens: 20_000 },
    });
    const engine = await createSimulation(scenario, { llm: llm(), out: `${dir}/run` });
    await engine.run();
    assert.ok(engine.stoppedBy?.startsWith("budget:"), `stopped by ${engine.stoppedBy}`);
    assert.ok(engine.world.round < 6);
    assert.ok(engine.totals.tokens <= 20_000, `${engine.totals.tokens} tokens`);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/run/manifest.json`));
    assert.equal(manifest.finished, null);
    assert.match(manifest.stopped, /budget/);

    const resumed = await resumeSimulation(`${dir}/run`, { llm: llm() });
    assert.equal(resumed.totals.tokens, engine.totals.tokens, "totals survive the resume");
    await resumed.run();
    assert.ok(resumed.stoppedBy?.startsWith("budget:"), "the same cap still holds after a resume");
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
