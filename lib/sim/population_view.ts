/**
 * A saved population run as an engine to look at: the world holds the run's stored graph, one
 * S3 agent per node with the emotion and stance of the last checkpoint, and the run's log, so
 * the dashboard (graph, profile cards, log, charts) shows a million-agent propagation run the
 * way it shows any other. It only looks: the population's next rounds are the population
 * mode's (typed arrays), not per-agent turns, so such an engine is never stepped, forked or
 * reset; {@link isPopulationView} tells the dashboard which engines these are.
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";
import { ruleParams, type RuleParamsInput } from "../social/spread/params.ts";
import type { RulePopulationState } from "../social/spread/rule_state.ts";
import type { Engine } from "./engine.ts";
import { EventLog } from "./event_log.ts";
import { loadRunGraph } from "./run_graph.ts";
import type { RunStore } from "./run_store.ts";
import { feedOnlyCatalog, feedProfile } from "./s3_preset.ts";
import { createSimulation } from "./simulation.ts";

/** The event's id in the agents' stances (a population run carries one event). */
export const POPULATION_EVENT_ID = "event";

const views = new WeakSet<Engine>();

/**
 * Whether a run's config is a population run's.
 *
 * @param config A manifest's config.
 * @returns True for runs written by the population mode.
 *
 * @example
 * ```ts
 * import { isPopulationConfig } from "@lib/sim/population_view.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isPopulationConfig({ mode: "population", steps: 3 }));
 * assert.ok(!isPopulationConfig({ rounds: 3 }));
 * ```
 */
export function isPopulationConfig(config: unknown): boolean {
  return typeof config === "object" && config !== null &&
    (config as { mode?: unknown }).mode === "population";
}

/**
 * Whether an engine is a look at a population run (never to be stepped, forked or reset).
 *
 * @param engine An engine.
 * @returns True for engines made by {@link viewPopulationRun}.
 */
export function isPopulationView(engine: Engine): boolean {
  return views.has(engine);
}

interface PopulationConfig {
  steps: number;
  params: RuleParamsInput;
  start: string;
}

/**
 * Builds the engine that shows a saved population run as of its last checkpoint.
 *
 * @param store The run, opened read-only.
 * @returns An engine with no run store, at the round after the checkpoint.
 * @throws SociusError when the run stored no graph, or its graph or state does not fit.
 *
 * @example A stored population run, shown as an engine that is only looked at
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { runPopulation } from "@lib/sim/population.ts";
 * import { RunStore } from "@lib/sim/run_store.ts";
 * import { isPopulationView, viewPopulationRun } from "@lib/sim/population_view.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await runPopulation(barabasiAlbert(50, 2, { rng: new Rng(1) }), { dir: `${dir}/run`, event: { text: "x", posters: ["0"] }, steps: 3, seed: 1 });
 * const engine = await viewPopulationRun(await RunStore.open(`${dir}/run`, { readOnly: true }));
 * assert.equal(engine.world.ids.length, 50);
 * assert.equal(engine.world.round, 4);
 * assert.ok(isPopulationView(engine));
 * ```
 */
export async function viewPopulationRun(store: RunStore): Promise<Engine> {
  const dir = store.dir;
  const graph = await loadRunGraph(store);
  if (!graph) {
    throw new SociusError(
      "run",
      `${dir}: a population run saved without its graph (graph.json), so it cannot be shown; run it again with this version to store the graph`,
    );
  }
  const config = store.manifest.config as PopulationConfig;
  const params = ruleParams(config.params ?? {}, `${dir}/manifest.json config.params`);
  const engine = await createSimulation({
    name: store.manifest.name,
    seed: store.manifest.seed,
    preset: "s3",
    rounds: config.steps + 1,
    start: config.start,
    roundHours: params.stepMinutes / 60,
    recommender: { model: { algorithm: "popular" }, retrainEvery: config.steps + 2 },
    social: { graph: "none", ranker: params.ranker, feedSize: params.feedSize },
    brain: { kind: "rule", params: {}, feed: { kind: "rule", params: config.params ?? {} } },
    memory: { enabled: false },
  }, {
    profiles: graph.nodes().map((id) => feedProfile(id)),
    catalog: feedOnlyCatalog(),
    source: `${dir}/manifest.json`,
  });
  const world = engine.world;
  world.graph = graph;
  const cp = store.checkpoint;
  if (cp) {
    const pop = (cp.state as { population?: RulePopulationState }).population;
    const ids = graph.nodes();
    if (!pop || !Array.isArray(pop.awareAt) || pop.awareAt.length !== ids.length) {
      throw new SociusError(
        "run",
        `${dir}/checkpoint.json: state.population: expected the states of the graph's ${ids.length} agents, found ${
          pop?.awareAt?.length ?? "none"
        }`,
      );
    }
    ids.forEach((id, i) => {
      const state = world.agent(id).state;
      state.emotion = pop.emotion[i];
      if (pop.awareAt[i] >= 0) state.stances = { [POPULATION_EVENT_ID]: pop.stance[i] };
      else state.leaning = pop.stance[i];
    });
    world.round = cp.round + 1;
    engine.log = EventLog.fromJsonl(await store.eventsText());
  }
  views.add(engine);
  return engine;
}
