import assert from "node:assert/strict";
import { LlmClient } from "@lib/llm/client.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { LlmBrain } from "@lib/brain/llm/llm_brain.ts";
import { loadTemplates } from "@lib/brain/prompts/templates.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { logText, smallScenario } from "./helpers.ts";

const KEY = "sk-test-engine-7f3a";

function client(url: string, dir: string, mode: "record" | "replay") {
  return new LlmClient({
    model: "socius-local",
    endpoints: [{ baseUrl: url, keys: [KEY], concurrency: 4 }],
    cache: { mode, dir },
  });
}

const scenario = smallScenario({
  rounds: 2,
  agents: { source: "csv", count: 6 },
  brain: { kind: "llm" },
});

Deno.test("an LLM run replayed from its cache makes no request and logs the same bytes", async () => {
  const server = await startLocalServer({ keys: [KEY], latencyMs: { min: 0, max: 4 }, seed: 3 });
  const dir = await Deno.makeTempDir({ prefix: "socius-llm-cache-" });
  try {
    const recorded = await createSimulation(scenario, { llm: client(server.url, dir, "record") });
    await recorded.run();
    const requests = server.stats().requests;
    assert.ok(requests > 5, `only ${requests} requests`);
    const decisions = recorded.log.ofType("decision");
    assert.ok(decisions.every((d) => d.brain === "llm" && d.calls === 1));
    assert.ok(decisions.every((d) => d.failure === null), "schema-valid replies should all map");

    const replayed = await createSimulation(scenario, { llm: client(server.url, dir, "replay") });
    await replayed.run();
    assert.equal(server.stats().requests, requests, "replay must not reach the server");
    assert.equal(logText(replayed), logText(recorded));
    for (const f of [...Deno.readDirSync(dir)]) {
      assert.ok(
        !Deno.readTextFileSync(`${dir}/${f.name}`).includes(KEY),
        "the key leaked into the cache",
      );
    }
    assert.ok(!logText(recorded).includes(KEY));
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an agent's brain can be swapped mid-run from the rule brain to an LLM", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const dir = await Deno.makeTempDir({ prefix: "socius-llm-swap-" });
  try {
    const engine = await createSimulation(
      smallScenario({ rounds: 4, activity: { alpha: 1.5, xMin: 1, rate: 5 } }),
    );
    await engine.run(2);
    const agent = engine.world.ids[0];
    const llm = new LlmBrain(client(server.url, dir, "record"), await loadTemplates());
    engine.setBrain(agent, llm);
    await engine.run();
    const mine = engine.log.ofType("decision").filter((d) => d.agent === agent);
    assert.ok(mine.filter((d) => d.round < 2).every((d) => d.brain === "rule"));
    assert.ok(mine.filter((d) => d.round >= 2).length > 0);
    assert.ok(mine.filter((d) => d.round >= 2).every((d) => d.brain === "llm"));
    const others = engine.log.ofType("decision").filter((d) => d.agent !== agent && d.round >= 2);
    assert.ok(others.every((d) => d.brain === "rule"));
    assert.equal(engine.log.ofType("intervention")[0].kind, "set_brain");
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
