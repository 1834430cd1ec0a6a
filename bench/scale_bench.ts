/**
 * A million agents with the rule brain: time and memory to build the world and run one round
 * (MF over the vega catalog, retrained at the end of the round, BA friend graph, no memories:
 * the rule brain decides from taste state, so scale runs switch memory off), then the run
 * store's checkpoint of that world (its size, the time to write it and to resume from it).
 *
 * The round is saved to a run folder in a temporary directory; `roundSeconds` leaves out the
 * time spent saving it (serialising the events, capturing the checkpoint, appending and writing
 * them), which is `saveSeconds`, so the round stays comparable with figures measured without a
 * store.
 *
 * Run: deno run -A --v8-flags=--max-old-space-size=20000,--max-semi-space-size=64 bench/scale_bench.ts
 * (BENCH_SCALE=0.01 for a quick pass). Writes figures/bench/scale.json.
 *
 * @module
 */
import { envNumber } from "../lib/core/params.ts";
import { benchProfiles } from "./bench_profiles.ts";
import { createSimulation, resumeSimulation } from "../lib/sim/simulation.ts";
import { benchDir, machineInfo } from "./machine.ts";
import { PREVIOUS_VERSION, previousRows } from "./previous.ts";
import { childRow } from "./child_row.ts";

const n = Math.max(1000, Math.round(1_000_000 * envNumber("BENCH_SCALE", 1)));

// One measurement per process (SCALE_BENCH_RUN set): build, one round, save, resume.
if (Deno.env.get("SCALE_BENCH_RUN")) {
  console.log(`ROW ${JSON.stringify(await measure())}`);
  Deno.exit(0);
}

/** Builds a world of n agents, runs and saves one round, and resumes from it. */
async function measure() {
  const profiles = await benchProfiles(n);
  const out = await Deno.makeTempDir({ prefix: "socius-scale-" });
  const rssBefore = Deno.memoryUsage().rss;
  const t0 = performance.now();
  let engine = await createSimulation({
    name: "bench-scale",
    seed: 1,
    rounds: 1,
    recommender: { model: { algorithm: "mf" }, retrainEvery: 1, pageSize: 5 },
    social: { graph: "ba", m: 2 },
    memory: { enabled: false },
    concurrency: 256,
  }, { profiles, out: `${out}/run` });
  const buildSeconds = (performance.now() - t0) / 1000;
  const store = engine.store!;
  const commit = store.commitRound.bind(store);
  const drain = engine.log.drainLines.bind(engine.log);
  // The store's work starts where the round's events are drained (serialised) for it, before
  // the checkpoint is captured and written: memory and time at that point are the round's (as
  // earlier figures, taken without a store, measured them), the rest is the save.
  let mem = Deno.memoryUsage();
  let savingFrom = 0, savedAt = 0;
  engine.log.drainLines = () => {
    mem = Deno.memoryUsage();
    savingFrom = performance.now();
    return drain();
  };
  store.commitRound = async (...args) => {
    await commit(...args);
    savedAt = performance.now();
  };
  const t1 = performance.now();
  const s = await engine.step();
  const roundEnd = performance.now();
  const saveMs = savedAt - savingFrom;
  const roundSeconds = (roundEnd - t1 - saveMs) / 1000;
  const saved = Deno.memoryUsage();
  const events = engine.log.length;
  console.log(
    `${n} agents: built in ${
      buildSeconds.toFixed(1)
    } s, one round (${s.active} active, ${s.decisions} decisions) in ${
      roundSeconds.toFixed(1)
    } s, rss ${(mem.rss / 2 ** 30).toFixed(2)} GB; saved in ${(saveMs / 1000).toFixed(1)} s`,
  );
  const checkpointBytes = (await Deno.stat(`${out}/run/checkpoint.json`)).size;
  const eventsBytes = (await Deno.stat(`${out}/run/events.jsonl`)).size;
  store.close();
  // Let the first engine go before resuming, as a new process would.
  engine = undefined as unknown as typeof engine;
  const t2 = performance.now();
  const resumed = await resumeSimulation(`${out}/run`, { profiles });
  const resumeSeconds = (performance.now() - t2) / 1000;
  if (resumed.world.round !== 1 || resumed.log.length !== events) {
    throw new Error(
      `resume gave round ${resumed.world.round} with ${resumed.log.length} events`,
    );
  }
  const resumedRssGB = Deno.memoryUsage().rss / 2 ** 30;
  resumed.store?.close();
  await Deno.remove(out, { recursive: true });
  const row = {
    agents: n,
    active: s.active,
    decisions: s.decisions,
    watches: s.watches,
    buildSeconds,
    roundSeconds,
    decisionsPerSecond: s.decisions / roundSeconds,
    events,
    heapGB: mem.heapUsed / 2 ** 30,
    rssGB: mem.rss / 2 ** 30,
    rssKBPerAgent: (mem.rss - rssBefore) / 1e3 / n,
    savedRssGB: saved.rss / 2 ** 30,
    eventsBytes,
    checkpointBytes,
    saveSeconds: saveMs / 1000,
    resumeSeconds,
    resumedRssGB,
  };
  console.log(
    `checkpoint ${(checkpointBytes / 1e9).toFixed(2)} GB, events ${
      (eventsBytes / 1e9).toFixed(2)
    } GB; resumed in ${resumeSeconds.toFixed(1)} s (rss ${resumedRssGB.toFixed(2)} GB)`,
  );
  return row;
}

// A round of a million agents varies by half from one process to the next on this kind of
// machine (the host's load, GC timing): the round is measured BENCH_REPEATS times (default 3),
// each in a fresh process, and the run with the median round is kept, with the range.
const repeats = envNumber("BENCH_REPEATS", 3);
const rows = [];
for (let k = 0; k < repeats; k++) {
  rows.push(
    await childRow<Awaited<ReturnType<typeof measure>>>(import.meta.url, { SCALE_BENCH_RUN: "1" }),
  );
}
rows.sort((a, b) => a.roundSeconds - b.roundSeconds);
const row = {
  ...rows[Math.floor((rows.length - 1) / 2)],
  repeats,
  roundSecondsRange: [rows[0].roundSeconds, rows[rows.length - 1].roundSeconds],
};
await Deno.writeTextFile(
  `${benchDir()}/scale.json`,
  JSON.stringify(
    {
      bench: "scale",
      brain: "rule (RecSim-style choice model)",
      ...machineInfo(),
      note: Deno.env.get("BENCH_NOTE") ??
        "measured on a machine shared with other work; timings are upper bounds",
      results: [row, ...previousRows("scale.json", PREVIOUS_VERSION)],
    },
    null,
    2,
  ) + "\n",
);
