// A wrong key stops a run quickly with one error naming the endpoint (never the key), exit
// code 2 from the CLI, and the run can be resumed once the endpoint works.
import assert from "node:assert/strict";
import { createLlmFromEnv } from "@lib/llm/from_env.ts";
import { LlmUnreachableError } from "@lib/llm/llm_error.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { createSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import type { ScenarioInput } from "@lib/sim/scenario.ts";

const KEY = "sk-endpoint-stop-good-91c2";
const WRONG = "wrong-key-not-sk-4c7d0e";

const scenario: ScenarioInput = {
  name: "endpoint-stop",
  seed: 5,
  rounds: 2,
  agents: { source: "csv", count: 6 },
  activity: { alpha: 1.5, xMin: 1, rate: 5 },
  recommender: { model: { algorithm: "mf", factors: 4, iterations: 2 }, pageSize: 4 },
  social: { graph: "ba", m: 2 },
  brain: { kind: "llm" },
};

/** A client built the way the CLIs build it: environment only, default retry settings. */
function envClient(url: string, key: string) {
  return createLlmFromEnv({
    env: {
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: key,
      OPENAI_MODEL: "socius-local",
      SOCIUS_LLM_TIMEOUT_MS: "2000",
    },
    cache: { mode: "off" },
  });
}

Deno.test("a wrong key (401) stops the run with the endpoint named, and the run resumes once the key is right", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const out = await Deno.makeTempDir({ prefix: "socius-stop-401-" });
  try {
    const t0 = performance.now();
    const engine = await createSimulation(scenario, { out, llm: envClient(server.url, WRONG) });
    const error = await engine.run().then(() => null, (e) => e);
    assert.ok(error instanceof LlmUnreachableError, `expected a stop, got ${error}`);
    assert.ok(performance.now() - t0 < 20_000, "the stop took too long");
    assert.ok(error.message.includes(server.url), error.message);
    assert.ok(!error.message.includes(WRONG), "the key leaked into the message");
    assert.equal(error.message.split("\n").length, 1);
    assert.ok(server.stats().unauthorized <= 4, "requests went on after the key was refused");

    const resumed = await resumeSimulation(out, { llm: envClient(server.url, KEY) });
    await resumed.run();
    assert.equal(resumed.world.round, scenario.rounds);
    const decisions = resumed.log.ofType("decision");
    assert.ok(decisions.length > 0);
    assert.ok(decisions.every((d) => d.failure === null), "a failed decision survived the resume");
  } finally {
    await server.stop();
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("the sim CLI with a wrong key exits 2 with one line naming the endpoint, not the key", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const dir = await Deno.makeTempDir({ prefix: "socius-stop-cli-" });
  try {
    const file = `${dir}/scenario.json`;
    await Deno.writeTextFile(file, JSON.stringify({ ...scenario, rounds: 1 }));
    const cli = new URL("../../lib/cli/sim.ts", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", cli, file, "--out", `${dir}/run`],
      env: {
        OPENAI_BASE_URL: server.url,
        OPENAI_API_KEY: WRONG,
        OPENAI_MODEL: "socius-local",
        SOCIUS_LLM_CACHE: "off",
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr).trim();
    assert.equal(out.code, 2, stderr);
    const lines = stderr.split("\n").filter((l) => l.trim() !== "");
    assert.equal(lines.length, 1, stderr);
    assert.ok(lines[0].includes(server.url), stderr);
    assert.ok(!stderr.includes(WRONG) && !stderr.includes("Uncaught"), stderr);
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
