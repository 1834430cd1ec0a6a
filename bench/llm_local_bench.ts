/**
 * The LLM path measured on a real model: the local llama.cpp server on SmolLM2-135M (CPU).
 * Writes figures/bench/llm_local.json:
 * - orchestration: tokens/s Socius achieves for one round of N agents with K requests in
 *   flight, against the server's raw tokens/s on exactly the same request bodies sent K at a
 *   time with no simulation around them (ratio = 1 − orchestration overhead), K = 1, 2, 4;
 * - by behaviour: prompt and completion tokens per call from the real tokenizer, and schema
 *   failures and repairs with grammar enforcement (json_schema) and without (json_object,
 *   instructions only);
 * - seconds per round for 10 agents, and the budget estimate's error against that round;
 * - prompt tokens of one agent's decisions over 50 rounds (memory grows; retrieval caps what
 *   reaches the prompt): prompts built by the LLM brain against the scripted local server and
 *   counted with the real model's tokenizer and chat template.
 *
 * A 135M model makes these dry runs of the machinery: the numbers describe Socius and
 * llama.cpp on this machine, not people. BENCH_SCALE < 1 shrinks the runs.
 *
 * @module
 */
import { benchDir, machineInfo } from "./machine.ts";
import { installModels } from "../lib/llm/models_install.ts";
import { startLocalLlama } from "../lib/llm/local_llama_process.ts";
import { LlmClient } from "../lib/llm/client.ts";
import type { StructuredLlm } from "../lib/llm/types.ts";
import { startLocalServer } from "../lib/llm/local_server.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import { estimateRun } from "../lib/sim/budget.ts";
import { loadVegaCatalog } from "../lib/recsys/load_vega.ts";
import { Catalog } from "../lib/recsys/catalog.ts";

const scale = Number(Deno.env.get("BENCH_SCALE") ?? 1);
const n = (x: number) => Math.max(2, Math.round(x * scale));
await installModels({ log: (l) => console.log(l) });
const { catalog: full } = await loadVegaCatalog();
const catalog = new Catalog(full.items.slice(0, 200), "vega (200)");
const server = await startLocalLlama({ parallel: 4 });
console.log(`server ${server.model} at ${server.url}`);

interface Sent {
  body: Record<string, unknown>;
  schema: string;
  repair: boolean;
  prompt: number;
  completion: number;
}

function client(concurrency: number, outputMode = "json_schema", sink: Sent[] = []) {
  return new LlmClient({
    model: server.model,
    endpoints: [{
      name: "local",
      baseUrl: server.url,
      keys: ["local"],
      concurrency,
      outputMode: outputMode as "json_schema",
    }],
    requestTimeoutMs: 600_000,
    retry: { maxRetries: 1, baseMs: 10, maxMs: 50 },
    cache: { mode: "off" },
  }, {
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith("/chat/completions")) {
        const body = JSON.parse(String(init?.body));
        const j = await res.clone().json().catch(() => ({}));
        const format = body.response_format?.json_schema?.name;
        sink.push({
          body,
          schema: format ?? schemaNameFromPrompt(body.messages),
          repair: body.messages.some((m: { role: string }) => m.role === "assistant"),
          prompt: j.usage?.prompt_tokens ?? 0,
          completion: j.usage?.completion_tokens ?? 0,
        });
      }
      return res;
    },
  });
}

/** Without json_schema the name is not on the wire; the behaviour is in the prompt. */
function schemaNameFromPrompt(messages: { content: string }[]): string {
  const text = messages.map((m) => m.content).join("\n");
  for (const b of ["browse", "feel", "social", "choose", "interview"]) {
    if (new RegExp(`"decision"|"activity"|"feeling"|"answer"`).test(text)) {
      if (b === "browse" && /"item"/.test(text)) return "socius_browse";
      if (b === "social" && /"dialogue"/.test(text)) return "socius_social";
      if (b === "feel" && /"feeling"/.test(text)) return "socius_feel";
      if (b === "choose" && /"activity"/.test(text)) return "socius_choose";
      if (b === "interview" && /"answer"/.test(text)) return "socius_interview";
    }
  }
  return /"insight"/.test(text) ? "memory_insight" : "other";
}

function scenario(agents: number, seed: number, rounds = 1) {
  return {
    name: "llm-local-bench",
    seed,
    rounds,
    agents: { source: "csv" as const, path: "data/profiles.csv", count: agents },
    recommender: { model: { algorithm: "popular" as const }, pageSize: 5 },
    social: { graph: "ba" as const, m: 2 },
    brain: { kind: "llm" as const, params: { maxTokens: 600 } },
  };
}

async function round(agents: number, k: number, mode = "json_schema", seed = 11) {
  const sent: Sent[] = [];
  const llm = client(k, mode, sent);
  const engine = await createSimulation(scenario(agents, seed), { llm, catalog });
  const t0 = performance.now();
  await engine.run();
  const seconds = (performance.now() - t0) / 1000;
  return { engine, sent, seconds };
}

/** The same bodies straight at the server, k at a time. */
async function blast(bodies: Record<string, unknown>[], k: number) {
  const queue = bodies.slice();
  let tokens = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: k }, async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      const r = await fetch(`${server.url}/chat/completions`, {
        method: "POST",
        body: JSON.stringify(b),
      });
      const j = await r.json();
      tokens += (j.usage?.prompt_tokens ?? 0) + (j.usage?.completion_tokens ?? 0);
    }
  }));
  return { tokens, seconds: (performance.now() - t0) / 1000 };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const results: Record<string, unknown>[] = [];

const perRound: { round: number; maxPromptTokens: number; decisions: number }[] = [];
async function save() {
  await Deno.writeTextFile(
    `${benchDir()}/llm_local.json`,
    JSON.stringify(
      {
        bench: "llm_local",
        ...machineInfo(),
        model:
          `${server.model} (llama.cpp on CPU, 1 thread per sequence; a dry run of the machinery)`,
        note: "ratio = Socius tokens/s over raw server tokens/s on the same request bodies",
        results,
        promptCurve: perRound,
      },
      null,
      2,
    ) + "\n",
  );
}

// 1. Prompt length of one agent over 50 rounds (scripted replies, real tokenizer).
const rounds50 = n(50);
const scripted = await startLocalServer({ keys: ["sk-bench-1"] });
const scriptedClient = new LlmClient({
  model: "scripted",
  endpoints: [{ baseUrl: scripted.url, keys: ["sk-bench-1"], concurrency: 4 }],
  cache: { mode: "off" },
});
const prompts: unknown[] = [];
let target = "";
const recorder: StructuredLlm = {
  model: scriptedClient.model,
  complete(request) {
    if (request.meta?.agentId === target) prompts.push(request.messages);
    return scriptedClient.complete(request);
  },
};
const long = await createSimulation(scenario(2, 17, rounds50), { llm: recorder, catalog });
target = long.world.ids[0];
const tokenizer = server;
for (let r = 0; r < rounds50; r++) {
  const before = prompts.length;
  await long.step();
  const mine = prompts.slice(before);
  let max = 0;
  for (const p of mine) {
    const res = await fetch(`${tokenizer.url.replace(/\/v1$/, "")}/tokenize`, {
      method: "POST",
      body: JSON.stringify({ messages: p }),
    });
    max = Math.max(max, (await res.json()).prompt_tokens);
  }
  perRound.push({ round: r + 1, maxPromptTokens: max, decisions: mine.length });
}
await scripted.stop();
const seen = perRound.filter((p) => p.decisions > 0).map((p) => p.maxPromptTokens);
results.push({
  measure: "prompt-growth",
  rounds: rounds50,
  firstTenMax: Math.max(...seen.slice(0, 10)),
  lastTenMax: Math.max(...seen.slice(-10)),
  overallMax: Math.max(...seen),
});

await save();

// 2. Orchestration overhead at K = 1, 2, 4.
const agentsPerRound = n(4);
let schemaRound: Awaited<ReturnType<typeof round>> | null = null;
for (const k of [1, 2, 4]) {
  const r = await round(agentsPerRound, k);
  if (k === 4) schemaRound = r;
  const tokens = sum(r.sent.map((s) => s.prompt + s.completion));
  const raw = await blast(r.sent.map((s) => s.body), k);
  const sociusTps = tokens / r.seconds;
  const rawTps = raw.tokens / raw.seconds;
  console.log(
    `K=${k}: socius ${sociusTps.toFixed(1)} tok/s, raw ${rawTps.toFixed(1)} tok/s, ratio ${
      (sociusTps / rawTps).toFixed(2)
    }`,
  );
  results.push({
    measure: "orchestration",
    parallel: k,
    agents: agentsPerRound,
    requests: r.sent.length,
    sociusTokensPerS: sociusTps,
    rawTokensPerS: rawTps,
    ratio: sociusTps / rawTps,
  });
}

await save();

// 3. Tokens, failures and repairs by behaviour, with and without grammar enforcement.
const modes: [string, Awaited<ReturnType<typeof round>>][] = [["json_schema", schemaRound!]];
for (const mode of ["json_object", "instructions"]) {
  modes.push([mode, await round(agentsPerRound, 4, mode)]);
}
for (const [mode, r] of modes) {
  const byBehaviour = new Map<string, Sent[]>();
  for (const s of r.sent) {
    const b = s.schema.replace(/^socius_/, "");
    byBehaviour.set(b, [...(byBehaviour.get(b) ?? []), s]);
  }
  const decisions = r.engine.log.ofType("decision");
  for (const [behaviour, list] of [...byBehaviour].sort()) {
    const firsts = list.filter((s) => !s.repair);
    results.push({
      measure: "behaviour",
      mode,
      behaviour,
      calls: firsts.length,
      promptTokensPerCall: sum(firsts.map((s) => s.prompt)) / Math.max(1, firsts.length),
      completionTokensPerCall: sum(firsts.map((s) => s.completion)) / Math.max(1, firsts.length),
      repairs: list.length - firsts.length,
      failures: decisions.filter((d) => d.behaviour === behaviour && d.failure !== null).length,
    });
  }
}

await save();

// 4. Seconds per round for 10 agents, and the budget estimate against it.
const ten = await round(n(10), 4, "json_schema", 13);
const estimate = await estimateRun(scenario(n(10), 13), { catalog, sampleRounds: 1 });
const actualTokens = sum(ten.sent.map((s) => s.prompt + s.completion));
results.push({
  measure: "round",
  agents: n(10),
  parallel: 4,
  secondsPerRound: ten.seconds,
  requests: ten.sent.length,
  estimatedTokens: estimate.total.promptTokens + estimate.total.completionTokens,
  actualTokens,
  estimateError: (estimate.total.promptTokens + estimate.total.completionTokens - actualTokens) /
    actualTokens,
});
await server.stop();

await save();
console.log(`wrote ${benchDir()}/llm_local.json`);
