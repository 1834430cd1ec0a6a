/**
 * Mesa-style reporters on a run: model-level reporters are functions of the simulation,
 * agent-level reporters functions of an agent. They are added to the engine's own
 * {@link DataCollector}, so they are evaluated at the end of every round next to the built-in
 * columns (active, watches, chats, posts, interactions, links), saved in checkpoints, and
 * read back as arquero tables.
 *
 * @module
 */
import type { DataCollector } from "./collector.ts";
import type { Engine } from "./engine.ts";
import type { SimAgent } from "./agent.ts";
import type { World } from "./world.ts";

/** A value a reporter returns. */
export type Reported = number | string | null;

/** Reporters as a notebook writes them. */
export interface Reporters {
  /** Column → function of the simulation, evaluated once per round. */
  model?: Record<string, (sim: Engine, round: number) => Reported>;
  /** Column → function of an agent, evaluated for every agent every round. */
  agent?: Record<string, (agent: SimAgent, sim: Engine, round: number) => Reported>;
}

/**
 * Adds reporters to a run's collector; they report from the next round's end on.
 *
 * @param engine The run (before the rounds to report on).
 * @param reporters Named model-level and agent-level reporters.
 * @returns The engine's collector (`modelTable()`: one row per round with the built-in and the
 *   added columns; `agentTable()`: one row per agent per round).
 *
 * @example Count watches per round and per agent
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { addReporters } from "@lib/sim/collect.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 4 } });
 * const collector = addReporters(engine, {
 *   model: { total: (sim) => sim.world.interactions.length },
 *   agent: { watched: (agent) => agent.state.watched.length },
 * });
 * await engine.run();
 * assert.equal(collector.modelTable().numRows(), 2);
 * assert.equal(collector.agentTable().numRows(), 2 * 4);
 * assert.ok(collector.modelTable().columnNames().includes("watches"));
 * ```
 */
export function addReporters(engine: Engine, reporters: Reporters): DataCollector<World> {
  const c = engine.collector;
  for (const [name, f] of Object.entries(reporters.model ?? {})) {
    c.addModelReporter(name, (_w, round) => f(engine, round));
  }
  for (const [name, f] of Object.entries(reporters.agent ?? {})) {
    c.addAgentReporter(name, (w, id, round) => f(w.agent(id), engine, round));
  }
  return c;
}
