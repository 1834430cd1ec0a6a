/**
 * Engine throughput with the rule brain: agent-decisions per second and memory per agent at
 * 1k, 10k and 100k agents (MF over the vega catalog, retrained every round, BA friend graph).
 * Profiles cycle through data/profiles.csv with fresh ids. Each size runs without memories
 * (the rule brain decides from taste state, and its turns then never wait) and, at 100k, with
 * memories as well (every decision stored and searched), the setting earlier figures used, and
 * with MF refitting warm (`warmSweeps: 1`: one sweep from the last factors instead of ten from
 * scratch), and over a long run (BENCH_LONG_ROUNDS, default 10: `eachRoundSeconds` shows how a
 * round's time grows with the run's history). From 5,000 active agents the engine computes MF
 * pages ahead on a worker thread (`pagesAhead`); `pagesAhead` in a row is the share of pages
 * served that way. `cpuSeconds` is the processor time of all the process's threads over the
 * rounds, and `allCoresBusyDecisionsPerSecond` the rate that work would give with every core
 * busy throughout: a ceiling for any way of spreading it over threads. `liveHeapKBPerAgent` is
 * the world's heap per agent after full collections, where the heap and resident figures also
 * count garbage not yet collected. Each row runs in a fresh process.
 *
 * Run: deno run -A --v8-flags=--max-old-space-size=16000,--max-semi-space-size=64,--expose-gc bench/engine_bench.ts
 * (BENCH_SCALE=0.1 for a quick pass). Writes figures/bench/engine.json.
 *
 * @module
 */
import process from "node:process";
import { envNumber } from "../lib/core/params.ts";
import { benchProfiles } from "./bench_profiles.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import { ScoringRecommender } from "../lib/recsys/recommender.ts";
import { benchDir, machineInfo } from "./machine.ts";
import { PREVIOUS_VERSION, previousRows } from "./previous.ts";
import { childRow } from "./child_row.ts";

const scale = envNumber("BENCH_SCALE", 1);
const sizes = [1_000, 10_000, 100_000].map((n) => Math.max(100, Math.round(n * scale)));
const shortRounds = envNumber("BENCH_ROUNDS", 3);

/** A long run: how a round's time grows as histories, feeds and the model's data grow. */
const longRounds = envNumber("BENCH_LONG_ROUNDS", 10);
const runs: { n: number; memory: boolean; warm: boolean; rounds?: number }[] = [
  ...sizes.map((n) => ({ n, memory: false, warm: false })),
  { n: sizes[sizes.length - 1], memory: true, warm: false },
  { n: sizes[sizes.length - 1], memory: false, warm: true },
  { n: sizes[sizes.length - 1], memory: false, warm: false, rounds: longRounds },
];
/** One row, measured in this process (fresh, so no earlier world's heap weighs on it). */
async function measure({ n, memory, warm, rounds = shortRounds }: (typeof runs)[number]) {
  const profiles = await benchProfiles(n);
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
  // Processor time of every thread of this process (the turns, the pages-ahead and fit workers,
  // V8's collector threads), over the rounds alone.
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    decisions += (await engine.step()).decisions;
    perRound.push((performance.now() - s) / 1000);
  }
  const runSeconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mem = Deno.memoryUsage();
  const model = engine.world.baseRecommender;
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
    // Round 0 pages by popularity and fits MF for the first time; later rounds page from MF.
    eachRoundSeconds: perRound,
    decisionsPerSecond: decisions / runSeconds,
    cpuSeconds,
    // The rate if every core were busy for the whole run with this work: no spreading of the
    // same work over threads can beat it, only less work per decision can.
    allCoresBusyDecisionsPerSecond: decisions / (cpuSeconds / navigator.hardwareConcurrency),
    heapMB: mem.heapUsed / 1e6,
    rssMB: mem.rss / 1e6,
    heapKBPerAgent: (mem.heapUsed - heapBefore) / 1e3 / n,
    rssKBPerAgent: Math.max(0, mem.rss - rssBefore) / 1e3 / n,
    pagesAhead: pages > 0 ? served / pages : 0,
    // The fields every scale figure shares.
    roundSeconds: runSeconds / rounds,
    rssGB: mem.rss / 2 ** 30,
    // What the world holds once garbage is collected (the heap and resident figures above also
    // count garbage, as much as the collector's timing left): null without `gc()`.
    ...liveHeap(heapBefore, n),
  };
  console.log(
    `${n} agents${memory ? " with memories" : ""}${warm ? ", warm refit" : ""}, ${rounds} rounds: ${
      row.decisionsPerSecond.toFixed(0)
    } decisions/s (${row.allCoresBusyDecisionsPerSecond.toFixed(0)} with every core busy), ${
      row.secondsPerRound.toFixed(2)
    } s/round, ` +
      `${row.heapKBPerAgent.toFixed(1)} KB heap/agent, rss ${row.rssMB.toFixed(0)} MB`,
  );
  return row;
}

/** The live heap after full collections, in all and per agent, or nulls without `gc()`. */
function liveHeap(heapBefore: number, n: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return { liveHeapMB: null, liveHeapKBPerAgent: null };
  gc();
  gc();
  const live = Deno.memoryUsage().heapUsed;
  return { liveHeapMB: live / 1e6, liveHeapKBPerAgent: (live - heapBefore) / 1e3 / n };
}

// Each row runs in its own process with the flags of `deno task bench`: a world of 100k agents
// measured after the 1k and 10k worlds (and their garbage) ran slower than on its own.
const rowIndex = Deno.env.get("ENGINE_BENCH_ROW");
if (rowIndex !== undefined) {
  console.log(`ROW ${JSON.stringify(await measure(runs[Number(rowIndex)]))}`);
  Deno.exit(0);
}
// Timings of one run vary by a third from run to run on this kind of machine (GC and JIT
// timing): each row is measured BENCH_REPEATS times (default 3) and the median run is kept,
// with the range of all of them.
const repeats = envNumber("BENCH_REPEATS", 3);
const results = [];
for (let i = 0; i < runs.length; i++) {
  const measured = [];
  for (let k = 0; k < repeats; k++) measured.push(await measureInChild(i));
  measured.sort((a, b) => a.decisionsPerSecond - b.decisionsPerSecond);
  const rates = measured.map((r) => r.decisionsPerSecond);
  results.push({
    ...measured[Math.floor((measured.length - 1) / 2)],
    repeats,
    decisionsPerSecondRange: [rates[0], rates[rates.length - 1]],
  });
}

function measureInChild(i: number) {
  return childRow<Awaited<ReturnType<typeof measure>>>(import.meta.url, {
    ENGINE_BENCH_ROW: String(i),
  });
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
