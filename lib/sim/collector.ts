/**
 * A Mesa-style DataCollector: model-level and agent-level reporters evaluated at the end of
 * every round, kept as rows and exposed as arquero tables.
 *
 * @module
 */
import * as aq from "arquero";

/** A model-level reporter: one number (or string) per round. */
export type ModelReporter<W> = (world: W, round: number) => number | string | null;
/** An agent-level reporter: one value per agent per round. */
export type AgentReporter<W> = (world: W, agentId: string, round: number) => number | string | null;

/**
 * Collects reporters' values each round.
 *
 * @example Model and agent tables
 * ```ts
 * import { DataCollector } from "@lib/sim/collector.ts";
 * import assert from "node:assert/strict";
 * const c = new DataCollector<{ n: number; ids: string[] }>({
 *   model: { n: (w) => w.n },
 *   agent: { len: (_w, id) => id.length },
 * });
 * c.collect({ n: 3, ids: ["a", "bb"] }, 0, ["a", "bb"]);
 * assert.equal(c.modelTable().get("n", 0), 3);
 * assert.equal(c.agentTable().numRows(), 2);
 * ```
 */
export class DataCollector<W> {
  readonly #model: Record<string, ModelReporter<W>>;
  readonly #agent: Record<string, AgentReporter<W>>;
  /** Model rows: { round, ...reporters }. */
  readonly modelRows: Record<string, unknown>[] = [];
  /** Agent rows: { round, agent, ...reporters }. */
  readonly agentRows: Record<string, unknown>[] = [];

  /**
   * @param reporters Named model-level and agent-level reporters.
   */
  constructor(
    reporters: {
      model?: Record<string, ModelReporter<W>>;
      agent?: Record<string, AgentReporter<W>>;
    },
  ) {
    this.#model = reporters.model ?? {};
    this.#agent = reporters.agent ?? {};
  }

  /** Names of the model reporters. */
  get modelNames(): string[] {
    return Object.keys(this.#model);
  }

  /**
   * Adds a model reporter (takes effect from the next collection).
   *
   * @param name Column name.
   * @param reporter The reporter.
   */
  addModelReporter(name: string, reporter: ModelReporter<W>): void {
    this.#model[name] = reporter;
  }

  /**
   * Adds an agent reporter (takes effect from the next collection).
   *
   * @param name Column name.
   * @param reporter The reporter.
   */
  addAgentReporter(name: string, reporter: AgentReporter<W>): void {
    this.#agent[name] = reporter;
  }

  /**
   * Evaluates every reporter for a round.
   *
   * @param world The world after the round.
   * @param round The round.
   * @param agentIds Agents to report on, in a fixed order.
   * @returns The new model row.
   */
  collect(world: W, round: number, agentIds: readonly string[]): Record<string, unknown> {
    const row: Record<string, unknown> = { round };
    for (const [name, f] of Object.entries(this.#model)) row[name] = f(world, round);
    this.modelRows.push(row);
    if (Object.keys(this.#agent).length) {
      for (const id of agentIds) {
        const r: Record<string, unknown> = { round, agent: id };
        for (const [name, f] of Object.entries(this.#agent)) r[name] = f(world, id, round);
        this.agentRows.push(r);
      }
    }
    return row;
  }

  /** @returns The model-level rows as an arquero table. */
  modelTable(): aq.ColumnTable {
    return aq.from(this.modelRows);
  }

  /** @returns The agent-level rows as an arquero table. */
  agentTable(): aq.ColumnTable {
    return aq.from(this.agentRows);
  }

  /**
   * Restores rows from a checkpoint.
   *
   * @param model Model rows.
   * @param agent Agent rows.
   */
  restore(model: Record<string, unknown>[], agent: Record<string, unknown>[]): void {
    this.modelRows.splice(0, this.modelRows.length, ...model);
    this.agentRows.splice(0, this.agentRows.length, ...agent);
  }
}
