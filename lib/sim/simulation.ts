/**
 * The simulation API notebooks and the CLI use: create a run from a scenario, resume a saved
 * run from its last checkpoint, and fork a run into a branch that shares its history.
 *
 * @module
 */
import type { Brain } from "../brain/brain.ts";
import { driftInterests } from "../brain/rule/drift.ts";
import { LlmBrain } from "../brain/llm/llm_brain.ts";
import { loadTemplates, templateHash } from "../brain/prompts/templates.ts";
import { RULE_BRAIN_NAME, RuleBrain } from "../brain/rule/rule_brain.ts";
import { SociusError } from "../core/errors.ts";
import { type BuildOptions, buildWorld, type Built } from "./build.ts";
import { Engine, type Progress } from "./engine.ts";
import { EventLog } from "./event_log.ts";
import { eventLine } from "./events.ts";
import { MemoryAdapter } from "./memory_port.ts";
import { NoMemory } from "./no_memory.ts";
import { RunStore } from "./run_store.ts";
import { parseScenario, type Scenario, type ScenarioInput } from "./scenario.ts";
import { restoreWorld, type WorldState } from "./state.ts";

/** Options of {@link createSimulation}. */
export interface SimulationOptions extends BuildOptions {
  /** Save the run in this folder (manifest, events, metrics, checkpoints). */
  out?: string;
  /** Progress callback (rounds, agents, LLM calls, tokens, ETA). */
  onProgress?: (p: Progress) => void;
  /** Caps on LLM calls and tokens (default: the scenario's budget; a resume may raise them). */
  budget?: { calls?: number; tokens?: number };
}

function engineFor(built: Built, options: SimulationOptions, store?: RunStore): Engine {
  const rate = built.world.scenario.drift;
  return new Engine(built.world, {
    drift: (agent, item, rating) => {
      if (rate > 0) driftInterests(agent.state, item, rating, rate);
    },
    store,
    onProgress: options.onProgress,
    budget: options.budget,
    initialInteractions: built.initialInteractions,
  });
}

async function manifestInfo(sc: Scenario, built: Built) {
  const brain = built.world.brainOf(built.world.ids[0]);
  const templatesHash = sc.brain.kind === "llm"
    ? await templateHash(await loadTemplates(sc.brain.templates))
    : null;
  const embedder = built.embedder.name;
  return { name: sc.name, seed: sc.seed, config: sc, brain: brain.name, templatesHash, embedder };
}

/**
 * Builds a world from a scenario and returns an engine ready to run it.
 *
 * @param input A scenario (validated here; errors name the field).
 * @param options Where to save, progress, LLM and data overrides.
 * @returns The engine at round 0.
 *
 * @example A tiny offline run
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 8 } });
 * await engine.run();
 * assert.equal(engine.world.round, 2);
 * assert.ok(engine.log.ofType("decision").length > 0);
 * ```
 */
export async function createSimulation(
  input: ScenarioInput | Scenario,
  options: SimulationOptions = {},
): Promise<Engine> {
  const sc = parseScenario(input);
  const built = await buildWorld(sc, options);
  const store = options.out
    ? await RunStore.create(options.out, await manifestInfo(sc, built))
    : undefined;
  return engineFor(built, options, store);
}

function brainByName(name: string, built: Built, options: BuildOptions): Brain {
  if (name === RULE_BRAIN_NAME) {
    return new RuleBrain({
      config: built.world.scenario.brain.params,
      items: (id) => built.world.catalog.get(id),
    });
  }
  const current = built.world.brainOf(built.world.ids[0]);
  if (current.name === name) return current;
  if (name.startsWith("llm:") && options.llm && current instanceof LlmBrain) return current;
  throw new SociusError(
    "run",
    `cannot rebuild the swapped brain "${name}" on resume; pass an LLM for it`,
  );
}

function restoreInto(
  built: Built,
  state: WorldState,
  log: EventLog,
  options: SimulationOptions,
  store?: RunStore,
): Engine {
  restoreWorld(
    built.world,
    state,
    (id, saved) =>
      saved === null ? new NoMemory() : MemoryAdapter.restore(
        saved,
        built.embedder,
        `checkpoint memory of ${id}`,
        built.memoryHooks(id),
      ),
  );
  const engine = engineFor(built, options, store);
  const brains = new Map(
    state.brainOverrides.map(([id, name]) => [id, brainByName(name, built, options)]),
  );
  engine.restoreHistory(log, state, brains);
  return engine;
}

/**
 * Resumes a saved run from its last checkpoint (after a crash or kill -9). Given the same LLM
 * cache, finishing it gives the same events file as a run that was never interrupted.
 *
 * @param dir The run folder.
 * @param options Progress, LLM and data overrides (as when the run was created).
 * @returns The engine at the round after the checkpoint.
 */
export async function resumeSimulation(
  dir: string,
  options: SimulationOptions = {},
): Promise<Engine> {
  const store = await RunStore.open(dir);
  const sc = parseScenario(store.manifest.config, `${dir}/manifest.json`);
  const built = await buildWorld(sc, options);
  await store.updateManifest({ resumed: [...store.manifest.resumed, new Date().toISOString()] });
  if (!store.checkpoint) return engineFor(built, options, store);
  const log = EventLog.fromJsonl(await Deno.readTextFile(store.eventsPath));
  return restoreInto(built, store.checkpoint.state as WorldState, log, options, store);
}

/**
 * Forks a run into a branch that shares its history up to now (the seed's "original branch"
 * vs "intervention branch"). The branch runs on its own from here.
 *
 * @param engine The run to fork (between rounds).
 * @param options Where to save the branch, progress, and the LLM (as for the parent).
 * @returns The branch's engine.
 */
export async function forkSimulation(
  engine: Engine,
  options: SimulationOptions = {},
): Promise<Engine> {
  const state = engine.state();
  const sc = engine.world.scenario;
  const built = await buildWorld(sc, options);
  const log = EventLog.fromEvents(engine.log.events);
  let store: RunStore | undefined;
  if (options.out) {
    const parent = engine.store ? { run: engine.store.dir, round: engine.world.round } : null;
    store = await RunStore.create(options.out, { ...(await manifestInfo(sc, built)), parent });
  }
  const branch = restoreInto(built, state, log, options, store);
  if (store) {
    await store.commitRound(
      engine.world.round - 1,
      log.events.map(eventLine),
      engine.collector.modelRows,
      log.events.length,
      state,
    );
  }
  return branch;
}
