/**
 * Mixed populations: a round where 1% or 10% of agents decide with the LLM brain (against the
 * project's local server at a fixed mean latency, no faults) and the rest with the rule brain,
 * at 1,000 and 10,000 agents. The round time is compared with the ideal: LLM calls × latency ÷
 * concurrency + the same round with every agent on the rule brain, and with a tighter bound
 * that also counts the longest chain of calls one agent makes (its decisions follow one
 * another, so a round cannot be shorter than chain × latency). The server runs in its own
 * process, as a remote endpoint would, so its work does not slow the engine's event loop.
 *
 * Run: deno run -A bench/mixed_bench.ts (BENCH_SCALE=0.1 for a quick pass). Writes
 * figures/bench/mixed.json.
 *
 * @module
 */
import { envNumber } from "../lib/core/params.ts";
import { LlmBrain } from "../lib/brain/llm/llm_brain.ts";
import { loadTemplates } from "../lib/brain/prompts/templates.ts";
import { LlmClient } from "../lib/llm/client.ts";
import { benchProfiles } from "./bench_profiles.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import type { ScenarioInput } from "../lib/sim/scenario.ts";
import { benchDir, machineInfo } from "./machine.ts";
import { serverProcess } from "./fault_server_process.ts";

const scale = envNumber("BENCH_SCALE", 1);
const sizes = [1_000, 10_000].map((n) => Math.max(100, Math.round(n * scale)));
const fractions = [0.01, 0.1];
const latencyMs = envNumber("BENCH_LATENCY_MS", 200);
const keys = Array.from({ length: 4 }, (_, i) => `sk-mixed-${i}`);
const perKey = 16;
const llmConcurrency = keys.length * perKey;
const templates = await loadTemplates();

function scenario(n: number): ScenarioInput {
  return {
    name: `bench-mixed-${n}`,
    seed: 1,
    rounds: 1,
    recommender: { model: { algorithm: "mf" }, retrainEvery: 1, pageSize: 5 },
    social: { graph: "ba", m: 2 },
    // Slots for every LLM request in flight plus rule agents passing through meanwhile.
    concurrency: llmConcurrency * 2,
  };
}

const profiles = benchProfiles;

/** One round of n agents, all on the rule brain. */
async function ruleRound(n: number): Promise<number> {
  const engine = await createSimulation(scenario(n), { profiles: await profiles(n) });
  const t0 = performance.now();
  await engine.step();
  return (performance.now() - t0) / 1000;
}

const server = await serverProcess(keys, latencyMs);
const results = [];
try {
  for (const n of sizes) {
    const ruleSeconds = await ruleRound(n);
    for (const fraction of fractions) {
      const llm = new LlmClient({
        model: "socius-local",
        endpoints: [{ baseUrl: server.url, keys, concurrency: perKey }],
        cache: { mode: "off" },
      });
      const engine = await createSimulation(scenario(n), { profiles: await profiles(n) });
      const brain = new LlmBrain(llm, templates);
      // Every k-th agent, so LLM agents are spread over the graph and the activity draws.
      const every = Math.round(1 / fraction);
      const ids = engine.world.ids.filter((_, i) => i % every === 0);
      for (const id of ids) engine.setBrain(id, brain);
      const t0 = performance.now();
      const s = await engine.step();
      const roundSeconds = (performance.now() - t0) / 1000;
      const requests = llm.usage.totals().calls;
      const idealSeconds = requests * latencyMs / 1000 / llmConcurrency + ruleSeconds;
      // An agent's decisions in a round follow one another, so the round lasts at least the
      // longest chain of calls one agent makes, whatever the concurrency.
      const perAgent = new Map<string, number>();
      for (const e of engine.log.events) {
        if (e.type === "decision" && e.calls > 0) {
          perAgent.set(e.agent, (perAgent.get(e.agent) ?? 0) + e.calls);
        }
      }
      const longestChain = Math.max(0, ...perAgent.values());
      const chainSeconds = longestChain * latencyMs / 1000;
      const row = {
        agents: n,
        llmAgents: ids.length,
        fraction,
        latencyMs,
        concurrency: llmConcurrency,
        decisions: s.decisions,
        llmCalls: s.calls,
        requests,
        failures: s.failures,
        ruleOnlySeconds: ruleSeconds,
        roundSeconds,
        idealSeconds,
        efficiency: idealSeconds / roundSeconds,
        longestChainCalls: longestChain,
        boundSeconds: Math.max(idealSeconds, chainSeconds + ruleSeconds),
      };
      results.push(row);
      console.log(
        `${n} agents, ${ids.length} on the LLM: ${requests} requests, round ${
          roundSeconds.toFixed(2)
        } s, ideal ${idealSeconds.toFixed(2)} s (rule-only ${ruleSeconds.toFixed(2)} s), ${
          (100 * row.efficiency).toFixed(0)
        }% of ideal; longest chain ${longestChain} calls, bound ${row.boundSeconds.toFixed(2)} s`,
      );
    }
  }
} finally {
  await server.stop();
}
await Deno.writeTextFile(
  `${benchDir()}/mixed.json`,
  JSON.stringify(
    {
      bench: "mixed",
      brains: "LLM brain for a fraction of agents, rule brain for the rest",
      server: `lib/cli/local_llm.ts, ${latencyMs} ms mean latency, no faults`,
      ...machineInfo(),
      results,
    },
    null,
    2,
  ) + "\n",
);
