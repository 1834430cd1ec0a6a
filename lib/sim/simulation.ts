/**
 * The simulation API notebooks and the CLI use: create a run from a scenario, resume a saved
 * run from its last checkpoint, and fork a run into a branch that shares its history.
 *
 * @module
 */
import type { Brain } from "../brain/brain.ts";
import { driftState } from "../brain/rule/drift.ts";
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
import type { FileIo } from "../core/atomic_write.ts";
import { reconcileResume, type ResumeChange } from "./resume_check.ts";
import { RunStore } from "./run_store.ts";
import { parseScenario, type Scenario, type ScenarioInput } from "./scenario.ts";
import { restoreWorld, type WorldState } from "./state.ts";
import { isPopulationConfig, viewPopulationRun } from "./population_view.ts";

/** Options of {@link createSimulation}. */
export interface SimulationOptions extends BuildOptions {
  /** Save the run in this folder (manifest, events, metrics, checkpoints). */
  out?: string;
  /** Progress callback (rounds, agents, LLM calls, tokens, ETA). */
  onProgress?: (p: Progress) => void;
  /** Caps on LLM calls and tokens (default: the scenario's budget; a resume may raise them). */
  budget?: { calls?: number; tokens?: number };
  /** Replace a previous run in `out` (only a Socius run folder nobody is writing). */
  replace?: boolean;
  /** The file system the run store writes through (a test's failing disk; Deno's by default). */
  io?: FileIo;
  /**
   * On resume: the scenario given now. It must match the saved one except for rounds and
   * budget caps, whose changes are applied and recorded in the manifest.
   */
  scenario?: Scenario;
  /** Where {@link SimulationOptions.scenario} came from, for errors. */
  scenarioSource?: string;
  /** On fork: the saved run the forked engine was loaded from (recorded as the parent). */
  parentRun?: string;
}

function engineFor(built: Built, options: SimulationOptions, store?: RunStore): Engine {
  const rate = built.world.scenario.drift;
  return new Engine(built.world, {
    drift: (agent, item, rating) => {
      if (rate > 0) driftState(agent.state, item, rating, rate);
    },
    store,
    onProgress: options.onProgress,
    budget: options.budget,
    initialInteractions: built.initialInteractions,
  });
}

async function manifestInfo(sc: Scenario, built: Built) {
  // Prompt wording is an experimental variable: the templates of the first LLM brain, the
  // scenario's own or a share's, are the run's.
  const llmSpec = [sc.brain, ...sc.brains.map((s) => s.brain)].find((b) => b.kind === "llm");
  const templatesHash = llmSpec ? await templateHash(await loadTemplates(llmSpec.templates)) : null;
  return {
    name: sc.name,
    seed: sc.seed,
    config: sc,
    brain: built.brain.name,
    ...(built.brains.length ? { brains: built.brains } : {}),
    templatesHash,
    population: built.population,
    embedder: built.embedder.name,
  };
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
  const sc = parseScenario(input, options.source);
  const built = await buildWorld(sc, options);
  const store = options.out
    ? await RunStore.create(options.out, await manifestInfo(sc, built), options)
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
  const brains = [...new Set(built.world.brains.values())];
  const same = brains.find((b) => b.name === name);
  if (same) return same;
  const llm = brains.find((b) => b instanceof LlmBrain);
  if (name.startsWith("llm:") && options.llm && llm) return llm;
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
  const none = new NoMemory();
  restoreWorld(
    built.world,
    state,
    (id, saved) =>
      saved === null ? none : MemoryAdapter.restore(
        saved,
        built.embedder,
        `checkpoint memory of ${id}`,
        built.memoryHooks(id),
      ),
    // Every caller hands over a state of its own (read from the file, or a fork's copy).
    false,
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
  const store = await RunStore.open(dir, { io: options.io });
  try {
    let sc = parseScenario(store.manifest.config, `${dir}/manifest.json`);
    let changes: ResumeChange[] = [];
    if (options.scenario) {
      const completed = (store.checkpoint?.round ?? -1) + 1;
      ({ scenario: sc, changes } = reconcileResume(
        sc,
        options.scenario,
        completed,
        options.scenarioSource ?? "scenario",
      ));
    }
    const built = await buildWorld(sc, options);
    const now = new Date().toISOString();
    await store.updateManifest({
      resumed: [...store.manifest.resumed, now],
      ...(changes.length
        ? {
          config: sc,
          finished: null,
          changes: [...(store.manifest.changes ?? []), ...changes.map((c) => ({ at: now, ...c }))],
        }
        : {}),
    });
    if (!store.checkpoint) return engineFor(built, options, store);
    const log = await EventLog.fromJsonlLines(store.eventLines());
    return restoreInto(built, store.checkpoint.state as WorldState, log, options, store);
  } catch (e) {
    store.close();
    throw e;
  }
}

/**
 * Loads a saved run without writing anything to its folder (no lock, no trimming, no manifest
 * change): the engine holds the run as of its last checkpoint and saves nothing. To continue
 * the run, fork it into a new folder ({@link forkSimulation} with `out` and `parentRun`). A
 * population run comes back as an engine to look at only (population_view.ts).
 *
 * @param dir The run folder (verified against its checkpoint; a live run may be read).
 * @param options LLM and data overrides (as when the run was created).
 * @returns An engine at the round after the checkpoint, with no run store.
 */
export async function loadSimulation(
  dir: string,
  options: SimulationOptions = {},
): Promise<Engine> {
  const store = await RunStore.open(dir, { readOnly: true });
  if (isPopulationConfig(store.manifest.config)) return viewPopulationRun(store);
  const sc = parseScenario(store.manifest.config, `${dir}/manifest.json`);
  const built = await buildWorld(sc, options);
  if (!store.checkpoint) return engineFor(built, options);
  const log = await EventLog.fromJsonlLines(store.eventLines());
  return restoreInto(built, store.checkpoint.state as WorldState, log, options);
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
    const from = engine.store?.dir ?? options.parentRun;
    const parent = from ? { run: from, round: engine.world.round } : null;
    store = await RunStore.create(
      options.out,
      { ...(await manifestInfo(sc, built)), parent },
      options,
    );
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
