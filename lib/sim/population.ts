/**
 * The engine's population mode: a large population of rule-driven agents (no LLM) reacting to
 * an event on the social network, decided in one vectorised pass per round over typed arrays
 * (lib/social/spread's rule dynamics), and written through the same run store as every other run: the
 * same event log (seed, aware, share, emotion and attitude events between round_start and
 * round_end), collector rows in metrics.jsonl, a checkpoint after every round, and exact
 * resume after an interruption, because every draw is keyed by (seed, step, agent). The
 * graph is stored beside the logs (graph.json, run_graph.ts), so the dashboard can show the run
 * and a resume or fork on another graph is refused.
 *
 * A round is one step of the dynamics; its simulated time advances by the rule parameters'
 * `stepMinutes`. A round's `active` list names the agents that shared in it (every agent with a
 * non-empty feed decides, but listing a million of them would only repeat the graph).
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";
import {
  RulePopulation,
  type RulePopulationState,
  type RuleSimOptions,
} from "../social/spread/rule_population.ts";
import type { S3LogEvent, StepStats } from "../social/spread/types.ts";
import type { SocialGraph } from "../social/graph.ts";
import { simTime } from "./clock.ts";
import { type EventDraft, eventLine, type SimEvent } from "./events.ts";
import { RunStore } from "./run_store.ts";
import { sameRunGraph, saveRunGraph } from "./run_graph.ts";

/** Options of {@link runPopulation}. */
export interface PopulationOptions extends RuleSimOptions {
  /** The run folder. */
  dir: string;
  /** Run name for the manifest (default "population"). */
  name?: string;
  /** Simulated start, ISO (default 2026-01-01T00:00:00Z). */
  start?: string;
  /** Continue the run in `dir` from its last checkpoint instead of starting one. */
  resume?: boolean;
  /** Stop after this round even if `steps` is further (a budget, or a test of resume). */
  untilRound?: number;
}

/** What a population run did. */
export interface PopulationRun {
  /** The store it wrote. */
  store: RunStore;
  /** The last round completed. */
  round: number;
  /** Events in the log. */
  events: number;
  /** The checkpoint round it resumed after, or null for a fresh run. */
  resumedAfter: number | null;
}

interface PopulationCheckpoint {
  population: RulePopulationState;
}

const BRAIN = "rule (S3 dynamics, population mode)";

function configOf(options: PopulationOptions, agents: number): Record<string, unknown> {
  return {
    mode: "population",
    agents,
    event: options.event,
    steps: options.steps,
    params: options.params ?? {},
    source: options.source ?? null,
    start: options.start ?? "2026-01-01T00:00:00Z",
    log: options.log ?? true,
  };
}

/**
 * Runs (or resumes) a population through the run store.
 *
 * @param graph The social graph.
 * @param options The rule population's options, the run folder and how far to go.
 * @returns The store, the last round and the event count.
 * @throws SociusError when resuming a folder whose run had other settings, or creating one
 *   over an existing run.
 *
 * @example Ten rounds, stored
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { runPopulation } from "@lib/sim/population.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const g = barabasiAlbert(300, 2, { rng: new Rng(1) });
 * const run = await runPopulation(g, { dir: `${dir}/run`, event: { text: "x", posters: ["0"] }, steps: 10, seed: 1 });
 * assert.equal(run.round, 10);
 * const lines = (await Deno.readTextFile(`${dir}/run/events.jsonl`)).trim().split("\n");
 * assert.equal(JSON.parse(lines[1]).type, "seed");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function runPopulation(
  graph: SocialGraph,
  options: PopulationOptions,
): Promise<PopulationRun> {
  const pop = new RulePopulation(graph, options);
  const config = configOf(options, pop.ids.length);
  const start = options.start ?? "2026-01-01T00:00:00Z";
  const roundHours = pop.params.stepMinutes / 60;
  let store: RunStore;
  let seq = 0, next = 0, resumedAfter: number | null = null;
  if (options.resume) {
    store = await RunStore.open(options.dir);
    try {
      if (
        JSON.stringify(store.manifest.config) !== JSON.stringify(config) ||
        store.manifest.seed !== options.seed
      ) {
        throw new SociusError(
          "run",
          `${options.dir}/manifest.json: config: expected the settings and seed of the run being resumed, found different ones`,
        );
      }
      if (!(await sameRunGraph(store, graph))) {
        throw new SociusError(
          "run",
          `${options.dir}/graph.json: expected the graph of the run being resumed, found a different one`,
        );
      }
      const cp = store.checkpoint;
      if (cp) {
        pop.restore(
          (cp.state as PopulationCheckpoint).population,
          `${options.dir}/checkpoint.json`,
        );
        seq = cp.events;
        next = cp.round + 1;
        resumedAfter = cp.round;
      }
      await store.updateManifest({
        resumed: [...store.manifest.resumed, new Date().toISOString()],
      });
    } catch (e) {
      // A refused resume must not keep the folder locked against the right settings.
      store.close();
      throw e;
    }
  } else {
    store = await RunStore.create(options.dir, {
      name: options.name ?? "population",
      seed: options.seed,
      config,
      brain: BRAIN,
    });
    await storeGraph(store, graph);
  }
  const last = Math.min(options.steps, options.untilRound ?? options.steps);
  try {
    seq = await runRounds(pop, store, { start, roundHours, next, last, seq });
  } catch (e) {
    store.close();
    throw e;
  }
  // A finished run lets go of the lock itself; one stopped early must let go here, or a later
  // resume from another process would find the folder held by a writer that is done with it.
  if (last === options.steps) await store.updateManifest({ finished: new Date().toISOString() });
  else store.close();
  return { store, round: last, events: seq, resumedAfter };
}

async function runRounds(
  pop: RulePopulation,
  store: RunStore,
  at: { start: string; roundHours: number; next: number; last: number; seq: number },
): Promise<number> {
  const { start, roundHours, next, last } = at;
  let seq = at.seq;
  const t0 = pop.event.time;
  for (let round = next; round <= last; round++) {
    let events: readonly S3LogEvent[] = [];
    let stats: StepStats;
    if (round < t0) stats = pop.seedStep.stats[round];
    else if (round === t0) {
      events = pop.seedStep.events;
      stats = pop.seedStep.stats[t0];
    } else {
      const step = pop.step();
      events = step.events;
      stats = step.stats;
    }
    const t = simTime(start, roundHours, round).iso;
    const drafts: EventDraft[] = [{
      type: "round_start",
      round,
      t,
      active: events.filter((e) => e.type === "share" || e.type === "seed").map((e) => e.agent),
    }];
    for (const e of events) {
      const { t: _step, ...rest } = e;
      drafts.push({ ...rest, round, t } as EventDraft);
    }
    drafts.push({
      type: "round_end",
      round,
      t,
      decisions: events.filter((e) => e.type === "share").length,
      calls: 0,
      tokens: 0,
      failures: 0,
    });
    const lines = drafts.map((d) => eventLine({ ...d, seq: seq++ } as SimEvent));
    const state: PopulationCheckpoint = { population: pop.snapshot() };
    await store.commitRound(round, lines, [{ ...stats, round }], seq, state);
  }
  return seq;
}

/**
 * Forks a population run: a new folder that holds the parent's history up to its last
 * checkpoint and goes on from there, with the same settings (the same bytes as the parent
 * would have written, because every draw is keyed by seed, step and agent) or changed ones
 * (rule parameters, more steps) from the fork on. The parent's folder is only read; the
 * fork's manifest names its parent and lists the moment it went on under `resumed`.
 *
 * @param graph The social graph of the parent run.
 * @param options The fork's settings and folder, and `from`, the parent run's folder.
 * @returns The fork's run.
 * @throws SociusError when the parent has no checkpoint yet or the fork's folder holds a run.
 *
 * @example Fork after round 3 and go on to round 6
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { forkPopulation, runPopulation } from "@lib/sim/population.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const g = barabasiAlbert(200, 2, { rng: new Rng(1) });
 * const base = { event: { text: "x", posters: ["0"] }, steps: 6, seed: 1 };
 * await runPopulation(g, { ...base, dir: `${dir}/a`, untilRound: 3 });
 * const fork = await forkPopulation(g, { ...base, dir: `${dir}/b`, from: `${dir}/a` });
 * assert.equal(fork.round, 6);
 * assert.equal(fork.store.manifest.parent?.round, 3);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function forkPopulation(
  graph: SocialGraph,
  options: Omit<PopulationOptions, "resume"> & { from: string },
): Promise<PopulationRun> {
  const parent = await RunStore.open(options.from, { readOnly: true });
  const cp = parent.checkpoint;
  if (!cp) {
    throw new SociusError("run", `${options.from}: no checkpoint yet; nothing to fork from`);
  }
  const events = (await parent.eventsText()).split("\n").slice(0, cp.events);
  const metrics = (await Deno.readTextFile(parent.metricsPath)).split("\n")
    .filter((l) => l.trim() !== "").slice(0, cp.round + 1)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  if (!(await sameRunGraph(parent, graph))) {
    throw new SociusError(
      "run",
      `${options.from}/graph.json: expected the graph of the run being forked, found a different one`,
    );
  }
  const pop = new RulePopulation(graph, options);
  const store = await RunStore.create(options.dir, {
    name: options.name ?? "population",
    seed: options.seed,
    config: configOf(options, pop.ids.length),
    brain: BRAIN,
    parent: { run: options.from, round: cp.round },
  });
  await storeGraph(store, graph);
  await store.commitRound(cp.round, events, metrics, cp.events, cp.state);
  store.close();
  const { from: _from, ...rest } = options;
  return runPopulation(graph, { ...rest, resume: true });
}

/** Stores the graph in a new run folder; a failure lets go of the folder's lock. */
async function storeGraph(store: RunStore, graph: SocialGraph): Promise<void> {
  try {
    await saveRunGraph(store, graph);
  } catch (e) {
    store.close();
    throw e;
  }
}
