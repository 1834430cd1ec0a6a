/**
 * Efficiency (the paper's P1–P4): wall-clock time per round of the real engine with the LLM
 * brain, against the number of agents, of API keys and of rounds, and time per behaviour
 * (movie selection = browse, friend chatting, message posting), with calls and tokens per
 * decision. By default it runs against the local OpenAI-compatible server with a latency
 * distribution and per-key concurrency, so the numbers measure the engine's scheduling, not
 * a model; pass a client to measure a real endpoint. Wall-clock time is measured here, never
 * used as simulated time.
 *
 * @module
 */
import { readProfilesCsv } from "../profile/handcrafted.ts";
import type { Profile } from "../profile/schema.ts";
import { LlmClient } from "../llm/client.ts";
import { startLocalServer } from "../llm/local_server.ts";
import type { LatencySpec } from "../llm/server_faults.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { createSimulation } from "../sim/simulation.ts";
import { PROJECT_ROOT } from "../sim/build.ts";
import { behaviourLabel, TimedLlm } from "./timed_llm.ts";

/** Options of one measurement. */
export interface EfficiencyOptions {
  /** Agents in the world. */
  agents: number;
  /** API keys on the local server's endpoint (ignored with `llm`). */
  keys?: number;
  /** Rounds to time (default 3). */
  rounds?: number;
  /** Latency of the local server per request (default {mean: 200} ms). */
  latencyMs?: LatencySpec;
  /** Requests a key serves at once (local server and client; default 1, a rate-limited key). */
  concurrencyPerKey?: number;
  /** Every agent acts every round (default true, as the paper's 1.9 h figure). */
  allActive?: boolean;
  /** A client for a real endpoint instead of the local server. */
  llm?: StructuredLlm;
  /** Scenario seed (default 1). */
  seed?: number;
}

/** Time of one round. */
export interface RoundTiming {
  agents: number;
  keys: number;
  round: number;
  seconds: number;
  active: number;
  calls: number;
  tokens: number;
}

/** Time and spend of one behaviour, over all its calls. */
export interface BehaviourTiming {
  agents: number;
  keys: number;
  /** "movie selection (browse)", "friend chatting", "message posting", … */
  behaviour: string;
  calls: number;
  /** Mean wall-clock milliseconds per call (queueing for a key included). */
  meanMs: number;
  /** Mean tokens per call. */
  tokensPerCall: number;
  /** Decisions of this behaviour in the event log. */
  decisions: number;
  /** Calls per decision (from the event log). */
  callsPerDecision: number;
  /** Tokens per decision (from the event log). */
  tokensPerDecision: number;
}

/** What one measurement returns. */
export interface EfficiencyResult {
  rounds: RoundTiming[];
  behaviours: BehaviourTiming[];
  /** Where the calls went ("local server, mean 200 ms" or the model). */
  endpoint: string;
}

/**
 * `n` profiles: the project's handcrafted ones, cycled with fresh ids when more are needed.
 *
 * @param n How many.
 * @returns Profiles with distinct ids.
 */
export async function cycledProfiles(n: number): Promise<Profile[]> {
  const base = (await readProfilesCsv(`${PROJECT_ROOT}/data/profiles.csv`)).profiles;
  return Array.from({ length: n }, (_, i) => {
    const p = base[i % base.length];
    const k = Math.floor(i / base.length);
    return k === 0 ? p : { ...p, id: `${p.id}-${k}` };
  });
}

/**
 * Runs the engine with the LLM brain and times each round and each behaviour.
 *
 * @param options Agents, keys, rounds, latency.
 * @returns Round timings, behaviour timings and the endpoint description.
 */
export async function measureEfficiency(options: EfficiencyOptions): Promise<EfficiencyResult> {
  const keys = options.keys ?? 1, perKey = options.concurrencyPerKey ?? 1;
  const latency = options.latencyMs ?? { mean: 200 };
  const names = Array.from({ length: keys }, (_, i) => `sk-local-eff-${i}`);
  const server = options.llm ? null : await startLocalServer({
    keys: names,
    latencyMs: latency,
    concurrencyPerKey: perKey,
    seed: options.seed ?? 1,
  });
  const base = options.llm ?? new LlmClient({
    model: "socius-local",
    endpoints: [{ baseUrl: server!.url, keys: names, concurrency: perKey }],
  });
  const llm = new TimedLlm(base);
  try {
    const engine = await createSimulation({
      name: "efficiency",
      seed: options.seed ?? 1,
      rounds: options.rounds ?? 3,
      agents: { source: "csv" },
      activity: options.allActive === false
        ? { alpha: 1.5, xMin: 1, rate: 0.3 }
        : { alpha: 1.5, xMin: 1, rate: 1 },
      brain: { kind: "llm" },
      concurrency: Math.max(1, options.agents),
    }, { llm, profiles: await cycledProfiles(options.agents) });
    const rounds: RoundTiming[] = [];
    for (let r = 0; r < (options.rounds ?? 3); r++) {
      const t0 = performance.now();
      const summary = await engine.step();
      rounds.push({
        agents: options.agents,
        keys,
        round: r,
        seconds: (performance.now() - t0) / 1000,
        active: summary.active,
        calls: summary.calls,
        tokens: summary.tokens,
      });
    }
    const decisions = engine.log.ofType("decision");
    const labels = [...new Set(llm.records.map((c) => c.label))];
    const behaviours = labels.map((label): BehaviourTiming => {
      const calls = llm.records.filter((c) => c.label === label);
      const ds = decisions.filter((d) => behaviourLabel(d.behaviour, d.action.type) === label);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      return {
        agents: options.agents,
        keys,
        behaviour: label,
        calls: calls.length,
        meanMs: sum(calls.map((c) => c.ms)) / calls.length,
        tokensPerCall: sum(calls.map((c) => c.tokens)) / calls.length,
        decisions: ds.length,
        callsPerDecision: ds.length ? sum(ds.map((d) => d.calls)) / ds.length : 0,
        tokensPerDecision: ds.length ? sum(ds.map((d) => d.tokens)) / ds.length : 0,
      };
    });
    const endpoint = options.llm
      ? `endpoint model ${options.llm.model}`
      : `local server, latency ${JSON.stringify(latency)} ms, ${perKey} request(s) per key`;
    return { rounds, behaviours, endpoint };
  } finally {
    await server?.stop();
  }
}

/** A sweep row: mean seconds per round of one configuration. */
export interface SweepRow {
  sweep: "agents" | "keys";
  agents: number;
  keys: number;
  meanSeconds: number;
  rounds: number;
  callsPerRound: number;
  tokensPerRound: number;
}

/** What a sweep returns: the means, and every round and behaviour they come from. */
export interface EfficiencySweep {
  /** One row per configuration (P1 and P2). */
  rows: SweepRow[];
  /** Every timed round of every configuration, tagged with its sweep. */
  rounds: (RoundTiming & { sweep: SweepRow["sweep"] })[];
  /** The behaviour timings of every configuration, tagged with its sweep (P4). */
  behaviours: (BehaviourTiming & { sweep: SweepRow["sweep"] })[];
}

/**
 * P1 and P2: time per round against agents (one key) and against keys (10 agents), with the
 * rounds and behaviour timings behind each mean, so a figure of single rounds or of behaviours
 * needs no second run.
 *
 * @param options Grids, rounds, latency, progress.
 * @returns The sweep rows, and the round and behaviour timings they summarise.
 *
 * @example Two configurations, each timed over two rounds
 * ```ts
 * import { sweepEfficiency } from "@lib/eval/efficiency.ts";
 * import assert from "node:assert/strict";
 * const s = await sweepEfficiency({ agents: [2], keys: [2], keysAgents: 2, rounds: 2, latencyMs: 0 });
 * assert.deepEqual(s.rows.map((r) => [r.sweep, r.agents, r.keys]), [["agents", 2, 1], ["keys", 2, 2]]);
 * assert.equal(s.rounds.length, 4);
 * assert.ok(s.behaviours.some((b) => b.sweep === "keys"));
 * ```
 */
export async function sweepEfficiency(options: {
  agents: readonly number[];
  keys: readonly number[];
  rounds?: number;
  latencyMs?: LatencySpec;
  keysAgents?: number;
  onProgress?: (message: string) => void;
}): Promise<EfficiencySweep> {
  const out: EfficiencySweep = { rows: [], rounds: [], behaviours: [] };
  const one = async (sweep: SweepRow["sweep"], agents: number, keys: number) => {
    const r = await measureEfficiency({
      agents,
      keys,
      rounds: options.rounds,
      latencyMs: options.latencyMs,
    });
    const mean = (f: (x: RoundTiming) => number) =>
      r.rounds.reduce((s, x) => s + f(x), 0) / r.rounds.length;
    out.rows.push({
      sweep,
      agents,
      keys,
      meanSeconds: mean((x) => x.seconds),
      rounds: r.rounds.length,
      callsPerRound: mean((x) => x.calls),
      tokensPerRound: mean((x) => x.tokens),
    });
    out.rounds.push(...r.rounds.map((x) => ({ sweep, ...x })));
    out.behaviours.push(...r.behaviours.map((b) => ({ sweep, ...b })));
    options.onProgress?.(
      `${sweep}: ${agents} agents, ${keys} keys → ${mean((x) => x.seconds).toFixed(2)} s/round`,
    );
  };
  for (const n of options.agents) await one("agents", n, 1);
  for (const k of options.keys) await one("keys", options.keysAgents ?? 10, k);
  return out;
}

/** One behaviour's timings pooled over several configurations. */
export interface PooledBehaviour {
  behaviour: string;
  calls: number;
  /** Mean milliseconds per call, weighted by calls. */
  meanMs: number;
  /** Calls per decision, weighted by decisions. */
  callsPerDecision: number;
  /** Tokens per decision, weighted by decisions. */
  tokensPerDecision: number;
}

/**
 * Pools behaviour timings of several configurations: per behaviour, time per call weighted by
 * calls and calls and tokens per decision weighted by decisions, so a configuration with few
 * calls does not count as much as one with many.
 *
 * @param timings Behaviour timings (from {@link measureEfficiency} or {@link sweepEfficiency}).
 * @returns One row per behaviour, in order of first appearance.
 *
 * @example Weighted by calls
 * ```ts
 * import { poolBehaviours } from "@lib/eval/efficiency.ts";
 * import assert from "node:assert/strict";
 * const t = { agents: 1, keys: 1, behaviour: "friend chatting", tokensPerCall: 10, callsPerDecision: 1, tokensPerDecision: 10 };
 * const pooled = poolBehaviours([{ ...t, calls: 1, decisions: 1, meanMs: 100 }, { ...t, calls: 3, decisions: 3, meanMs: 20 }]);
 * assert.deepEqual(pooled, [{ behaviour: "friend chatting", calls: 4, meanMs: 40, callsPerDecision: 1, tokensPerDecision: 10 }]);
 * ```
 */
export function poolBehaviours(timings: readonly BehaviourTiming[]): PooledBehaviour[] {
  const names = [...new Set(timings.map((b) => b.behaviour))];
  return names.map((behaviour) => {
    const bs = timings.filter((b) => b.behaviour === behaviour);
    const sum = (f: (b: BehaviourTiming) => number) => bs.reduce((s, b) => s + f(b), 0);
    const calls = sum((b) => b.calls), decisions = sum((b) => b.decisions);
    return {
      behaviour,
      calls,
      meanMs: calls ? sum((b) => b.meanMs * b.calls) / calls : 0,
      callsPerDecision: decisions ? sum((b) => b.callsPerDecision * b.decisions) / decisions : 0,
      tokensPerDecision: decisions ? sum((b) => b.tokensPerDecision * b.decisions) / decisions : 0,
    };
  });
}

/**
 * Sweep rows as a text table.
 *
 * @param rows Sweep rows.
 * @returns Fixed-width text.
 */
export function formatEfficiency(rows: readonly SweepRow[]): string {
  const head = "sweep   agents  keys  s/round  calls/round";
  return [
    head,
    ...rows.map((r) =>
      `${r.sweep.padEnd(6)}  ${String(r.agents).padStart(6)}  ${String(r.keys).padStart(4)}  ${
        r.meanSeconds.toFixed(2).padStart(7)
      }  ${r.callsPerRound.toFixed(1).padStart(11)}`
    ),
  ].join("\n");
}
