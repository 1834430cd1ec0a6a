// A run recorded against a server that injects every kind of fault replays, with the server
// gone, to the same bytes: failures after a repair, repairs and token counts included.
import assert from "node:assert/strict";
import { LlmClient } from "@lib/llm/client.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { FAULT_KINDS } from "@lib/llm/server_faults.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import type { ScenarioInput } from "@lib/sim/scenario.ts";

const KEY = "sk-replay-faults-5d1e";

const scenario: ScenarioInput = {
  name: "replay-faults",
  seed: 23,
  rounds: 4,
  agents: { source: "csv", count: 10 },
  activity: { alpha: 1.5, xMin: 1, rate: 5 },
  recommender: { model: { algorithm: "mf", factors: 4, iterations: 2 }, pageSize: 4 },
  social: { graph: "ba", m: 2 },
  brain: { kind: "llm" },
};

function client(url: string, dir: string, mode: "record" | "replay"): LlmClient {
  return new LlmClient({
    model: "socius-local",
    endpoints: [{ baseUrl: url, keys: [KEY], concurrency: 4 }],
    // Hung requests are abandoned quickly and retried.
    requestTimeoutMs: 250,
    retry: { maxRetries: 20, baseMs: 1, maxMs: 5, budget: 2_000 },
    cooldown: { afterFailures: 50, ms: 1, maxMs: 2 },
    maxConsecutiveFailures: 1_000,
    repairs: 1,
    cache: { mode, dir },
  });
}

Deno.test("a run recorded under injected faults replays to identical events.jsonl with the server stopped", async () => {
  const server = await startLocalServer({
    keys: [KEY],
    seed: 8,
    latencyMs: { min: 0, max: 3 },
    faults: {
      rateLimit: 0.08,
      serverError: 0.08,
      hang: 0.06,
      truncated: 0.06,
      malformed: 0.2,
      wrongSchema: 0.2,
    },
  });
  const root = await Deno.makeTempDir({ prefix: "socius-replay-faults-" });
  const cache = `${root}/cache`;
  try {
    const recorded = await createSimulation(scenario, {
      out: `${root}/recorded`,
      llm: client(server.url, cache, "record"),
    });
    await recorded.run();
    await server.stop();
    const faults = server.stats().faults;
    // About 150 requests: each kind is injected several times (no hang at 6%: 1 in 10,000).
    assert.ok(server.stats().requests >= 100, `only ${server.stats().requests} requests`);
    for (const kind of FAULT_KINDS) assert.ok(faults[kind] > 0, `no ${kind} fault was injected`);

    const decisions = recorded.log.ofType("decision");
    assert.ok(decisions.length >= 20, `only ${decisions.length} decisions`);
    const failedAfterRepair = decisions.filter((d) =>
      /invalid reply after 1 repair/.test(d.failure ?? "")
    );
    assert.ok(failedAfterRepair.length > 0, "no decision failed after its repair");
    assert.ok(failedAfterRepair.every((d) => d.calls === 2), "a failed repair counts as a call");
    assert.ok(decisions.some((d) => d.calls === 2 && d.failure === null), "no repair succeeded");
    assert.ok(decisions.some((d) => d.calls === 1), "every decision needed a repair");

    const replayed = await createSimulation(scenario, {
      out: `${root}/replayed`,
      llm: client(server.url, cache, "replay"),
    });
    await replayed.run();
    const a = await Deno.readFile(`${root}/recorded/events.jsonl`);
    const b = await Deno.readFile(`${root}/replayed/events.jsonl`);
    assert.ok(a.length > 0);
    assert.deepEqual(b, a, "the replayed events.jsonl differs from the recording");
    assert.ok(!new TextDecoder().decode(a).includes("cache miss"));
    assert.ok(!(await Deno.readTextFile(`${cache}/socius-local.jsonl`)).includes(KEY));
  } finally {
    await server.stop();
    await Deno.remove(root, { recursive: true });
  }
});
