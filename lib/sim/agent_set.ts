/**
 * A Mesa-style AgentSet: an ordered, immutable selection of a world's agents that a notebook
 * queries and filters (by trait, brain, activity, or any function of the agent), sorts,
 * groups, and turns into arquero tables. Every verb returns a new set; the agents themselves
 * are the live ones, so a set taken before a round sees their state after it.
 *
 * @module
 */
import * as aq from "arquero";
import type { Rng } from "../core/rng.ts";
import type { SimAgent } from "./agent.ts";
import type { World } from "./world.ts";

/** One agent as a flat row: the columns of {@link AgentSet.table} and the keys of its verbs. */
export interface AgentRow {
  id: string;
  name: string;
  gender: string;
  age: number;
  career: string;
  /** Traits joined by "; ". */
  traits: string;
  /** Interests joined by "; ". */
  interests: string;
  /** The name of the agent's current brain ("rule", "llm:…", "human", …). */
  brain: string;
  /** The brain's kind ("rule", "llm", "embedding", "human"). */
  brainKind: string;
  /** Pareto activity level (how often the agent acts). */
  activity: number;
  conformity: number;
  /** Items watched so far. */
  watched: number;
  /** Friends in the social graph. */
  friends: number;
}

/** A column of {@link AgentRow}, or any function of an agent's row. */
export type AgentKey = keyof AgentRow | ((row: AgentRow, agent: SimAgent) => unknown);

/** Criteria of {@link AgentSet.where}; every given criterion must hold. */
export interface AgentCriteria {
  /** The profile lists this trait (case-insensitive). */
  trait?: string;
  /** The brain's name or kind equals this ("rule", "llm", "human", "llm:model"). */
  brain?: string;
  /** Activity level at least this. */
  minActivity?: number;
  /** Activity level at most this. */
  maxActivity?: number;
  /** Any other column equals this value. */
  is?: Partial<AgentRow>;
}

function rowOf(world: World, a: SimAgent): AgentRow {
  const brain = world.brainOf(a.id);
  const p = a.profile;
  return {
    id: a.id,
    name: p.name,
    gender: p.gender,
    age: p.age,
    career: p.career,
    traits: p.traits.join("; "),
    interests: p.interests.join("; "),
    brain: brain.name,
    brainKind: brain.kind,
    activity: a.activity,
    conformity: a.state.conformity,
    watched: a.state.watched.length,
    friends: world.graph.friends(a.id).length,
  };
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a), y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * An ordered selection of agents.
 *
 * @example Filter, sort and group agents
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { AgentSet } from "@lib/sim/agent_set.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 1, agents: { source: "csv", count: 8 } });
 * const agents = AgentSet.of(engine);
 * assert.equal(agents.len, 8);
 * assert.equal(agents.where({ brain: "rule" }).len, 8);
 * const busiest = agents.sortBy("activity", { descending: true }).first(2);
 * assert.ok(busiest.get("activity")[0] >= busiest.get("activity")[1]);
 * assert.equal(agents.table().numRows(), 8);
 * assert.equal([...agents.groupBy("gender").values()].reduce((n, s) => n + s.len, 0), 8);
 * ```
 */
export class AgentSet implements Iterable<SimAgent> {
  readonly #world: World;
  readonly #agents: readonly SimAgent[];

  /**
   * @param world The world the agents live in (for brains and friends).
   * @param agents The agents, in order.
   */
  constructor(world: World, agents: readonly SimAgent[]) {
    this.#world = world;
    this.#agents = agents;
  }

  /**
   * Every agent of a run, in the world's order.
   *
   * @param source The engine, or its world.
   * @returns The set.
   */
  static of(source: World | { readonly world: World }): AgentSet {
    const world = "world" in source ? source.world : source;
    return new AgentSet(world, world.ids.map((id) => world.agent(id)));
  }

  /** How many agents. */
  get len(): number {
    return this.#agents.length;
  }

  /** The agents' ids, in order. */
  get ids(): string[] {
    return this.#agents.map((a) => a.id);
  }

  /** @returns The agents in order. */
  [Symbol.iterator](): Iterator<SimAgent> {
    return this.#agents[Symbol.iterator]();
  }

  /** @returns The agents as an array. */
  toArray(): SimAgent[] {
    return [...this.#agents];
  }

  /**
   * The agents as rows.
   *
   * @returns One row per agent, in order.
   */
  rows(): AgentRow[] {
    return this.#agents.map((a) => rowOf(this.#world, a));
  }

  /**
   * The agents as an arquero table.
   *
   * @param extra More columns, each a function of the agent.
   * @returns One row per agent, the {@link AgentRow} columns and the extra ones.
   */
  table(extra: Record<string, (agent: SimAgent) => unknown> = {}): aq.ColumnTable {
    return aq.from(this.#agents.map((a) => {
      const row: Record<string, unknown> = { ...rowOf(this.#world, a) };
      for (const [k, f] of Object.entries(extra)) row[k] = f(a);
      return row;
    }));
  }

  /**
   * Agents for which a predicate holds (Mesa's `select`).
   *
   * @param predicate A function of the agent's row and the agent.
   * @param options `n`: keep at most the first n.
   * @returns The selection, in order.
   */
  select(
    predicate: (row: AgentRow, agent: SimAgent) => boolean,
    options: { n?: number } = {},
  ): AgentSet {
    const out: SimAgent[] = [];
    for (const a of this.#agents) {
      if (options.n !== undefined && out.length >= options.n) break;
      if (predicate(rowOf(this.#world, a), a)) out.push(a);
    }
    return new AgentSet(this.#world, out);
  }

  /**
   * Agents that meet every criterion given.
   *
   * @param criteria Trait, brain, activity range, or column values.
   * @returns The selection, in order.
   */
  where(criteria: AgentCriteria): AgentSet {
    const trait = criteria.trait?.toLowerCase();
    return this.select((row, a) => {
      if (trait !== undefined && !a.profile.traits.some((t) => t.toLowerCase() === trait)) {
        return false;
      }
      if (
        criteria.brain !== undefined && row.brain !== criteria.brain &&
        row.brainKind !== criteria.brain
      ) return false;
      if (criteria.minActivity !== undefined && row.activity < criteria.minActivity) return false;
      if (criteria.maxActivity !== undefined && row.activity > criteria.maxActivity) return false;
      for (const [k, v] of Object.entries(criteria.is ?? {})) {
        if (row[k as keyof AgentRow] !== v) return false;
      }
      return true;
    });
  }

  /**
   * The agents in a seeded random order (Mesa's `shuffle`; never an unseeded draw, so a notebook
   * that shuffles stays reproducible).
   *
   * @param rng A seeded generator, e.g. `new Rng(1)` or a fork of the run's.
   * @returns The shuffled set.
   */
  shuffle(rng: Rng): AgentSet {
    return new AgentSet(this.#world, rng.shuffle(this.#agents));
  }

  /**
   * The first n agents.
   *
   * @param n How many.
   * @returns The selection.
   */
  first(n: number): AgentSet {
    return new AgentSet(this.#world, this.#agents.slice(0, n));
  }

  #key(key: AgentKey): (a: SimAgent) => unknown {
    return typeof key === "function"
      ? (a) => key(rowOf(this.#world, a), a)
      : (a) => rowOf(this.#world, a)[key];
  }

  /**
   * The values of a column or function, in order (Mesa's `get`).
   *
   * @param key A column of {@link AgentRow} or a function.
   * @returns One value per agent.
   */
  get<K extends keyof AgentRow>(key: K): AgentRow[K][];
  get(key: (row: AgentRow, agent: SimAgent) => unknown): unknown[];
  get(key: AgentKey): unknown[] {
    const f = this.#key(key);
    return this.#agents.map(f);
  }

  /**
   * Sorted by a column or function; ties keep their order (a stable sort).
   *
   * @param key What to sort by (numbers numerically, anything else as text).
   * @param options `descending`: largest first.
   * @returns The sorted set.
   */
  sortBy(key: AgentKey, options: { descending?: boolean } = {}): AgentSet {
    const f = this.#key(key);
    const sign = options.descending ? -1 : 1;
    const keyed = this.#agents.map((a) => ({ a, k: f(a) }));
    keyed.sort((x, y) => sign * compare(x.k, y.k));
    return new AgentSet(this.#world, keyed.map((x) => x.a));
  }

  /**
   * Groups by a column or function.
   *
   * @param key What to group by.
   * @returns One set per value, in order of first appearance.
   */
  groupBy(key: AgentKey): Map<unknown, AgentSet> {
    const f = this.#key(key);
    const groups = new Map<unknown, SimAgent[]>();
    for (const a of this.#agents) {
      const k = f(a);
      let g = groups.get(k);
      if (!g) groups.set(k, g = []);
      g.push(a);
    }
    return new Map([...groups].map(([k, g]) => [k, new AgentSet(this.#world, g)]));
  }
}
