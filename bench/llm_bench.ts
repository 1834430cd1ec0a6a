/**
 * LLM-path benchmarks against the local OpenAI-compatible server:
 * 1. calls and tokens per decision, by behaviour, for the LLM brain, next to the original's
 *    per-behaviour call counts;
 * 2. orchestration efficiency: a round of N agents with latency L and K keys × C concurrency,
 *    achieved time against the ideal calls × L / (K × C).
 *
 * Run: deno run -A bench/llm_bench.ts (BENCH_SCALE=0.1 for a quick pass). Writes
 * figures/bench/llm_calls.json and figures/bench/orchestration.json.
 *
 * @module
 */
import { envNumber } from "../lib/core/params.ts";
import { LlmClient } from "../lib/llm/client.ts";
import { startLocalServer } from "../lib/llm/local_server.ts";
import { benchProfiles } from "./bench_profiles.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import { benchDir, machineInfo } from "./machine.ts";
import { serverProcess } from "./fault_server_process.ts";

const scale = envNumber("BENCH_SCALE", 1);
const profiles = benchProfiles;

/** The original's LLM calls per behaviour (RecAgent code: memory costs 2 calls per observation). */
const ORIGINAL_CALLS: Record<string, string> = {
  choose: "≈ 4 (decision + reaction + 2 memory)",
  browse: "≈ 4 per step (≈ 12 per watch session)",
  feel: "≈ 4",
  social: "≈ 4, and a broadcast fans out to 2 per friend",
};

async function perDecision() {
  const keys = ["sk-bench-0"];
  const server = await startLocalServer({ keys, latencyMs: 2, seed: 1 });
  const llm = new LlmClient({
    model: "socius-local",
    endpoints: [{ baseUrl: server.url, keys, concurrency: 32 }],
    cache: { mode: "off" },
  });
  const engine = await createSimulation({
    name: "bench-llm",
    rounds: 2,
    agents: { source: "csv", count: Math.max(10, Math.round(50 * scale)) },
    activity: { alpha: 1.5, xMin: 1, rate: 1 },
    brain: { kind: "llm" },
    concurrency: 64,
  }, { llm });
  await engine.run();
  await server.stop();
  const by = new Map<
    string,
    { decisions: number; calls: number; tokens: number; failures: number }
  >();
  for (const d of engine.log.ofType("decision")) {
    const r = by.get(d.behaviour) ?? { decisions: 0, calls: 0, tokens: 0, failures: 0 };
    r.decisions++;
    r.calls += d.calls;
    r.tokens += d.tokens;
    if (d.failure) r.failures++;
    by.set(d.behaviour, r);
  }
  const http = server.stats().requests;
  const results = [...by].map(([behaviour, r]) => ({
    behaviour,
    decisions: r.decisions,
    callsPerDecision: r.calls / r.decisions,
    tokensPerDecision: r.tokens / r.decisions,
    failures: r.failures,
    original: ORIGINAL_CALLS[behaviour] ?? "",
  }));
  const total = results.reduce((s, r) => s + r.decisions, 0);
  return { httpRequests: http, decisions: total, httpRequestsPerDecision: http / total, results };
}

/** A round of n agents against a server with the given latency, keys and concurrency per key. */
async function orchestration(n: number, latencyMs: number, keys: number, perKey: number) {
  const keyList = Array.from({ length: keys }, (_, i) => `sk-bench-${i}`);
  const server = await serverProcess(keyList, latencyMs);
  const llm = new LlmClient({
    model: "socius-local",
    endpoints: [{ baseUrl: server.url, keys: keyList, concurrency: perKey }],
    cache: { mode: "off" },
  });
  const engine = await createSimulation({
    name: "bench-orchestration",
    rounds: 1,
    activity: { alpha: 1.5, xMin: 1, rate: 1 },
    brain: { kind: "llm" },
    concurrency: keys * perKey * 2,
    session: { maxPages: 2, maxWatches: 1, watchBusyRounds: 0, memoryTopK: 5 },
  }, { llm, profiles: await profiles(n) });
  // Sample how full the key pool is, to tell orchestration gaps from slow answers.
  let samples = 0, inFlight = 0;
  const timer = setInterval(() => {
    samples++;
    inFlight += llm.stats().inFlight;
  }, 5);
  const t0 = performance.now();
  const s = await engine.step();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  await server.stop();
  const totals = llm.usage.totals();
  const requests = totals.attempts;
  const ideal = requests * latencyMs / 1000 / (keys * perKey);
  return {
    agents: n,
    latencyMs,
    keys,
    concurrencyPerKey: perKey,
    decisions: s.decisions,
    requests,
    seconds,
    idealSeconds: ideal,
    efficiency: ideal / seconds,
    poolUtilisation: inFlight / Math.max(1, samples) / (keys * perKey),
    meanLatencyMs: totals.meanLatencyMs,
  };
}

const dir = benchDir();
const calls = await perDecision();
console.log(`LLM brain: ${calls.httpRequestsPerDecision.toFixed(2)} HTTP requests per decision`);
console.table(calls.results);
await Deno.writeTextFile(
  `${dir}/llm_calls.json`,
  JSON.stringify({ bench: "llm_calls", ...machineInfo(), ...calls }, null, 2) + "\n",
);

const runs = [];
for (
  // At 200 ms the two-core machine keeps up with the request rate, so the ratio measures the
  // orchestration; the 50 ms row also loads the CPU with the server's own work.
  const [n, l, k, c] of [
    [Math.round(1000 * scale), 200, 4, 8],
    [Math.round(1000 * scale), 200, 1, 8],
    [Math.round(1000 * scale), 50, 4, 8],
  ]
) {
  const r = await orchestration(n, l, k, c);
  runs.push(r);
  console.log(
    `N=${r.agents} L=${l}ms K=${k}×C=${c}: ${r.seconds.toFixed(2)} s vs ideal ${
      r.idealSeconds.toFixed(2)
    } s → ${(r.efficiency * 100).toFixed(1)}%; pool ${
      (r.poolUtilisation * 100).toFixed(0)
    }% full, mean latency ${r.meanLatencyMs.toFixed(1)} ms`,
  );
}
await Deno.writeTextFile(
  `${dir}/orchestration.json`,
  JSON.stringify(
    {
      bench: "orchestration",
      target: "≥ 90% of ideal at N = 1,000",
      ...machineInfo(),
      results: runs,
    },
    null,
    2,
  ) + "\n",
);
