/**
 * Engine throughput with the rule brain: agent-decisions per second and memory per agent at
 * 1k, 10k and 100k agents (MF over the vega catalog, retrained every round, BA friend graph).
 * Profiles cycle through data/profiles.csv with fresh ids. Each size runs without memories
 * (the rule brain decides from taste state, and its turns then never wait) and, at 100k, with
 * memories as well (every decision stored and searched), the setting earlier figures used, and
 * with MF refitting warm (`warmSweeps: 1`: one sweep from the last factors instead of ten from
 * scratch). From 5,000 active agents the engine computes MF pages ahead on a worker thread
 * (`pagesAhead`); `pagesAhead` in a row is the share of pages served that way.
 *
 * Run: deno run -A --v8-flags=--max-old-space-size=16000,--max-semi-space-size=64 bench/engine_bench.ts
 * (BENCH_SCALE=0.1 for a quick pass). Writes figures/bench/engine.json.
 *
 * @module
 */
import { envNumber } from "../lib/core/params.ts";
import { readProfilesCsv } from "../lib/profile/handcrafted.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import { ExplorationRecommender } from "../lib/recsys/exploration.ts";
import { ScoringRecommender } from "../lib/recsys/recommender.ts";
import { benchDir, machineInfo } from "./machine.ts";
import { PREVIOUS_VERSION, previousRows } from "./previous.ts";

const scale = envNumber("BENCH_SCALE", 1);
const sizes = [1_000, 10_000, 100_000].map((n) => Math.max(100, Math.round(n * scale)));
const rounds = envNumber("BENCH_ROUNDS", 3);
const base = [
  ...(await readProfilesCsv(new URL("../data/profiles.csv", import.meta.url))).profiles,
];

const runs = [
  ...sizes.map((n) => ({ n, memory: false, warm: false })),
  { n: sizes[sizes.length - 1], memory: true, warm: false },
  { n: sizes[sizes.length - 1], memory: false, warm: true },
];
const results = [];
for (const { n, memory, warm } of runs) {
  const profiles = Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `a${i}` }));
  const { heapUsed: heapBefore, rss: rssBefore } = Deno.memoryUsage();
  const t0 = performance.now();
  const engine = await createSimulation({
    name: `bench-${n}`,
    seed: 1,
    rounds,
    recommender: {
      model: { algorithm: "mf", ...(warm ? { warmSweeps: 1 } : {}) },
      retrainEvery: 1,
      pageSize: 5,
    },
    social: { graph: "ba", m: 2 },
    memory: { enabled: memory },
  }, { profiles });
  const buildSeconds = (performance.now() - t0) / 1000;
  let decisions = 0;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) decisions += (await engine.step()).decisions;
  const runSeconds = (performance.now() - t1) / 1000;
  const mem = Deno.memoryUsage();
  const rec = engine.world.recommender;
  const model = rec instanceof ExplorationRecommender ? rec.inner : rec;
  const served = model instanceof ScoringRecommender ? model.pagesServedAhead : 0;
  const pages = engine.log.ofType("page").filter((e) => e.source !== "search").length;
  const row = {
    agents: n,
    memory,
    refit: warm ? "warm (1 sweep)" : "cold (10 sweeps)",
    rounds,
    decisions,
    buildSeconds,
    runSeconds,
    secondsPerRound: runSeconds / rounds,
    decisionsPerSecond: decisions / runSeconds,
    heapMB: mem.heapUsed / 1e6,
    rssMB: mem.rss / 1e6,
    heapKBPerAgent: (mem.heapUsed - heapBefore) / 1e3 / n,
    rssKBPerAgent: Math.max(0, mem.rss - rssBefore) / 1e3 / n,
    pagesAhead: pages > 0 ? served / pages : 0,
    // The fields every scale figure shares.
    roundSeconds: runSeconds / rounds,
    rssGB: mem.rss / 2 ** 30,
  };
  results.push(row);
  console.log(
    `${n} agents${memory ? " with memories" : ""}${warm ? ", warm refit" : ""}: ${
      row.decisionsPerSecond.toFixed(0)
    } decisions/s, ${row.secondsPerRound.toFixed(2)} s/round, ` +
      `${row.heapKBPerAgent.toFixed(1)} KB heap/agent, rss ${row.rssMB.toFixed(0)} MB`,
  );
}
await Deno.writeTextFile(
  `${benchDir()}/engine.json`,
  JSON.stringify(
    {
      bench: "engine",
      brain: "rule (RecSim-style choice model)",
      ...machineInfo(),
      note: Deno.env.get("BENCH_NOTE") ??
        "measured on a machine shared with other work; timings are upper bounds",
      results: [
        ...results,
        ...previousRows("engine.json", PREVIOUS_VERSION),
      ],
    },
    null,
    2,
  ) + "\n",
);
