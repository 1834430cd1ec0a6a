/**
 * Where a rule-brain round at 100,000 agents spends its time (the world of engine_bench:
 * MF over the vega catalog, retrained every round, BA friend graph; no memories, as at scale,
 * so rule turns never wait). The figures of the previous profile are kept under `previous`.
 *
 * Rounds 0 and 1 are timed by phase (round 0 serves pages before the first retrain, round 1
 * from MF fitted on round 0's watches, as every later round does): the world's public calls
 * (page building, items as seen, the retrain), the brain's decisions and the log's appends are
 * wrapped with performance.now() on this instance only; what is left is the turn's own
 * bookkeeping and scheduling. Serialising the round's events (what a run store would write) is
 * timed after the round. Round 1 runs under V8's CPU profiler (node:inspector) and the
 * functions with the most self time are listed, grouped by module folder. Memory per agent is
 * RSS / agents.
 *
 * Run: deno run -A --v8-flags=--max-old-space-size=16000,--max-semi-space-size=64 bench/rule_profile_bench.ts
 * (BENCH_SCALE=0.1 for a quick pass). Writes figures/bench/rule_profile.json.
 *
 * @module
 */
import { Session } from "node:inspector/promises";
import { envNumber } from "../lib/core/params.ts";
import { benchProfiles } from "./bench_profiles.ts";
import { createSimulation } from "../lib/sim/simulation.ts";
import { benchDir, machineInfo } from "./machine.ts";
import { PREVIOUS_VERSION } from "./previous.ts";

const n = Math.max(1000, Math.round(100_000 * envNumber("BENCH_SCALE", 1)));
const profiles = await benchProfiles(n);
const rssBefore = Deno.memoryUsage().rss;
const t0 = performance.now();
const engine = await createSimulation({
  name: "bench-rule-profile",
  seed: 1,
  rounds: 2,
  recommender: { model: { algorithm: "mf" }, retrainEvery: 1, pageSize: 5 },
  social: { graph: "ba", m: 2 },
  memory: { enabled: false },
}, { profiles });
const buildSeconds = (performance.now() - t0) / 1000;
const rssBuilt = Deno.memoryUsage().rss;

/**
 * Milliseconds spent inside each wrapped call: the synchronous part for calls made from many
 * turns at once (the rule brain never waits, so that is all of its work), until the promise
 * settles for calls the engine makes one at a time (`settle`).
 */
const spent: Record<string, number> = {};
function time(
  // deno-lint-ignore no-explicit-any
  obj: any,
  method: string,
  phase: string,
  settle = false,
) {
  const original = obj[method].bind(obj);
  spent[phase] = 0;
  obj[method] = (...args: unknown[]) => {
    const s = performance.now();
    const r = original(...args);
    if (settle && r instanceof Promise) {
      return r.finally(() => spent[phase] += performance.now() - s);
    }
    spent[phase] += performance.now() - s;
    return r;
  };
}
const w = engine.world;
const brain = w.brainOf(w.ids[0]);
time(w, "nextPage", "page building (recommend + serve)");
time(w, "seenPage", "items as seen (social signals)");
time(brain, "decideNow", "rule brain decisions");
time(engine.log, "append", "event appends (log)");
time(engine.log, "takeTurn", "event appends (log)");
time(w, "startPagesAhead", "pages ahead (requests at the round's start)");
time(w, "retrain", "retrain (MF fit)", true);
time(engine.collector, "collect", "reporters (collector)");

const eventsBefore = engine.log.length;
const t1 = performance.now();
const summary = await engine.step();
const roundMs = performance.now() - t1;
// Serialised as a run store would write them, without making the events' objects.
const t2 = performance.now();
let bytes = 0;
for (const line of engine.log.lines(eventsBefore)) bytes += line.length + 1;
const serialiseMs = performance.now() - t2;
const roundEventCount = engine.log.length - eventsBefore;
/** The round's phases from the wrapped calls, then resets them for the next round. */
function phasesOf(roundMs: number) {
  const wrapped = Object.values(spent).reduce((a, b) => a + b, 0);
  const rows = [
    ...Object.entries(spent).map(([phase, ms]) => ({ phase, ms })),
    { phase: "turn bookkeeping, scheduling, effects (rest of the round)", ms: roundMs - wrapped },
  ].map((p) => ({ ...p, share: p.ms / roundMs })).sort((a, b) => b.ms - a.ms);
  for (const k of Object.keys(spent)) spent[k] = 0;
  return rows;
}
const phases = phasesOf(roundMs);

// Round 1 under the CPU profiler: self time per function.
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 1000 });
await session.post("Profiler.start");
const t3 = performance.now();
const summary1 = await engine.step();
const profiledRoundMs = performance.now() - t3;
const { profile } = await session.post("Profiler.stop");
const phases1 = phasesOf(profiledRoundMs);
session.disconnect();
const mem = Deno.memoryUsage();

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const byId = new Map<number, Node>(profile.nodes.map((nd: Node) => [nd.id, nd]));
const parentOf = new Map<number, number>();
for (const nd of byId.values()) for (const c of nd.children ?? []) parentOf.set(c, nd.id);
const selfUs = new Map<number, number>();
const samples = profile.samples ?? [];
const deltas = profile.timeDeltas ?? [];
for (let i = 0; i < samples.length; i++) {
  selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
}
const root = new URL("..", import.meta.url).href;
function where(url: string): string {
  if (!url) return "(native)";
  if (url.startsWith(root)) return url.slice(root.length);
  if (url.includes("/npm/") || url.includes("node_modules")) return "(npm)";
  if (url.startsWith("ext:") || url.startsWith("node:")) return "(runtime)";
  return url;
}
const fns = new Map<
  string,
  { fn: string; file: string; us: number; callers: Map<string, number> }
>();
const folders = new Map<string, number>();
for (const [id, us] of selfUs) {
  const f = byId.get(id)!.callFrame;
  // The profiler's own stop call and idle ticks are not the round's work.
  if (f.functionName === "(idle)" || (f.functionName === "post" && !f.url.startsWith(root))) {
    continue;
  }
  const file = where(f.url);
  const key = `${f.functionName || "(anonymous)"}@${file}:${f.lineNumber + 1}`;
  const row = fns.get(key) ??
    { fn: f.functionName || "(anonymous)", file, us: 0, callers: new Map<string, number>() };
  row.us += us;
  // Who calls it tells which phase the time belongs to (a scorer used by pages or by search).
  const p = parentOf.get(id);
  const pf = p === undefined ? null : byId.get(p)!.callFrame;
  const caller = pf ? `${pf.functionName || "(anonymous)"} ${where(pf.url)}` : "(root)";
  row.callers.set(caller, (row.callers.get(caller) ?? 0) + us);
  fns.set(key, row);
  const folder = file.startsWith("lib/") ? file.split("/").slice(0, 2).join("/") : file;
  folders.set(folder, (folders.get(folder) ?? 0) + us);
}
const totalUs = [...folders.values()].reduce((a, b) => a + b, 0);
const topFunctions = [...fns.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 15)
  .map(([key, r]) => ({
    function: r.fn,
    at: key.split("@")[1],
    share: r.us / totalUs,
    calledFrom: [...r.callers].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "",
  }));
const topFolders = [...folders].sort((a, b) => b[1] - a[1]).slice(0, 10)
  .map(([folder, us]) => ({ folder, share: us / totalUs }));

const results = [
  ...phases.map((p) => ({ kind: "phase (round 0)", name: p.phase, ms: p.ms, share: p.share })),
  ...phases1.map((p) => ({
    kind: "phase (round 1, profiled)",
    name: p.phase,
    ms: p.ms,
    share: p.share,
  })),
  {
    kind: "after the round",
    name: `serialise ${roundEventCount} events (run store)`,
    ms: serialiseMs,
    share: serialiseMs / roundMs,
  },
  ...topFunctions.map((f) => ({
    kind: "self time (round 1)",
    name: `${f.function} ${f.at} (mostly from ${f.calledFrom})`,
    ms: f.share * profiledRoundMs,
    share: f.share,
  })),
  ...topFolders.map((f) => ({
    kind: "self time by folder (round 1)",
    name: f.folder,
    ms: f.share * profiledRoundMs,
    share: f.share,
  })),
];
const out = {
  memory: false,
  note: Deno.env.get("BENCH_NOTE") ??
    "measured on a machine shared with other work; timings are upper bounds",
  previous: previousProfile(),
  bench: "rule_profile",
  brain: "rule (RecSim-style choice model)",
  agents: n,
  buildSeconds,
  roundSeconds: roundMs / 1000,
  decisions: summary.decisions,
  decisionsPerSecond: summary.decisions / (roundMs / 1000),
  profiledRoundSeconds: profiledRoundMs / 1000,
  profiledDecisions: summary1.decisions,
  eventBytes: bytes,
  rssGB: mem.rss / 2 ** 30,
  heapGB: mem.heapUsed / 2 ** 30,
  rssKBPerAgentBuilt: (rssBuilt - rssBefore) / 1e3 / n,
  rssKBPerAgent: mem.rss / 1e3 / n,
  ...machineInfo(),
  results,
};
console.log(
  `${n} agents: round 0 ${out.roundSeconds.toFixed(1)} s (${
    out.decisionsPerSecond.toFixed(0)
  } decisions/s), rss ${out.rssGB.toFixed(2)} GB (${out.rssKBPerAgent.toFixed(1)} KB/agent)`,
);
for (const r of results) {
  console.log(`  ${r.kind.padEnd(30)} ${(100 * r.share).toFixed(1).padStart(5)}%  ${r.name}`);
}
/** The headline of the profile this run replaces (kept once it exists). */
function previousProfile(): Record<string, unknown> | null {
  try {
    const old = JSON.parse(Deno.readTextFileSync(`${benchDir()}/rule_profile.json`));
    if (old.previous) return old.previous;
    return {
      label: PREVIOUS_VERSION,
      cpu: old.cpu,
      roundSeconds: old.roundSeconds,
      decisionsPerSecond: old.decisionsPerSecond,
      rssKBPerAgent: old.rssKBPerAgent,
      top: (old.results ?? []).filter((r: { kind: string }) => r.kind.startsWith("self time ("))
        .slice(0, 5).map((r: { name: string; share: number }) => ({
          name: r.name,
          share: r.share,
        })),
    };
  } catch {
    return null;
  }
}

await Deno.writeTextFile(
  `${benchDir()}/rule_profile.json`,
  JSON.stringify(out, null, 2) + "\n",
);
