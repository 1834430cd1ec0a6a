/**
 * A million agents with the rule brain: time and memory to build the world and run one round
 * (MF over the vega catalog, retrained at the end of the round, BA friend graph, no memories:
 * the rule brain decides from taste state, so scale runs switch memory off).
 *
 * Run: deno run -A --v8-flags=--max-old-space-size=20000 bench/scale_bench.ts
 * (BENCH_SCALE=0.01 for a quick pass). Writes figures/bench/scale.json.
 *
 * @module
 */
import { envNumber } from "../lib/core/params.ts";
import { readProfilesCsv } from "../lib/profile/handcrafted.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import { benchDir, machineInfo } from "./machine.ts";

const n = Math.max(1000, Math.round(1_000_000 * envNumber("BENCH_SCALE", 1)));
const base = [
  ...(await readProfilesCsv(new URL("../data/profiles.csv", import.meta.url))).profiles,
];
const profiles = Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `a${i}` }));
const t0 = performance.now();
const engine = await createSimulation({
  name: "bench-scale",
  seed: 1,
  rounds: 1,
  recommender: { model: { algorithm: "mf" }, retrainEvery: 1, pageSize: 5 },
  social: { graph: "ba", m: 2 },
  memory: { enabled: false },
  concurrency: 256,
}, { profiles });
const buildSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const s = await engine.step();
const roundSeconds = (performance.now() - t1) / 1000;
const mem = Deno.memoryUsage();
const row = {
  agents: n,
  active: s.active,
  decisions: s.decisions,
  watches: s.watches,
  buildSeconds,
  roundSeconds,
  decisionsPerSecond: s.decisions / roundSeconds,
  events: engine.log.events.length,
  heapGB: mem.heapUsed / 2 ** 30,
  rssGB: mem.rss / 2 ** 30,
};
console.log(
  `${n} agents: built in ${
    buildSeconds.toFixed(1)
  } s, one round (${s.active} active, ${s.decisions} decisions) in ${
    roundSeconds.toFixed(1)
  } s, heap ${row.heapGB.toFixed(1)} GB, rss ${row.rssGB.toFixed(1)} GB`,
);
await Deno.writeTextFile(
  `${benchDir()}/scale.json`,
  JSON.stringify(
    { bench: "scale", brain: "rule (RecSim-style choice model)", ...machineInfo(), results: [row] },
    null,
    2,
  ) + "\n",
);
