/**
 * Mesa's `batch_run`: one scenario run over a parameter grid × seeds, in memory, collected
 * into one tidy arquero table. Grid keys are dotted paths into the scenario
 * (`"recommender.model.algorithm"`, `"rounds"`), each run is validated like any scenario (a
 * wrong path is a {@link ConfigError} naming it), and rows come out in grid × seed order
 * whatever order the runs finish in, so the same grid and seeds give the same table.
 *
 * @module
 */
import * as aq from "arquero";
import { mapLimit } from "../core/concurrency.ts";
import { ConfigError } from "../core/errors.ts";
import { addReporters, type Reporters } from "./collect.ts";
import { parseScenario, type Scenario, type ScenarioInput, scenarioNeedsLlm } from "./scenario.ts";
import { createSimulation, type SimulationOptions } from "./simulation.ts";

/** A parameter grid: dotted scenario path → the values to try. */
export type Grid = Record<string, readonly unknown[]>;

/** Options of {@link batchRun}. */
export interface BatchRunOptions extends Omit<SimulationOptions, "out" | "replace"> {
  /**
   * Runs at once (default 1 for offline brains, which gain nothing from overlap on a small
   * machine; 4 for LLM brains, whose calls then share the LLM client's pool).
   */
  concurrency?: number;
  /** "round" (default): one row per run × round; "run": one row per run, its last round. */
  per?: "round" | "run";
  /** Save every run as a run folder `<out>/run-<i>` (default: nothing written). */
  out?: string;
}

/** One run of a batch: its index, grid values and seed. */
export interface BatchPoint {
  run: number;
  seed: number | string;
  values: Record<string, unknown>;
}

/**
 * Sets a dotted path in a copy of a plain object, creating objects on the way.
 *
 * @param input The object (not changed).
 * @param path Dotted path ("recommender.model.algorithm").
 * @param value The value.
 * @returns The changed copy.
 *
 * @example Nested keys are created
 * ```ts
 * import { setPath } from "@lib/sim/batch_run.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(setPath({ a: { b: 1 } }, "a.c.d", 2), { a: { b: 1, c: { d: 2 } } });
 * ```
 */
export function setPath<T extends object>(input: T, path: string, value: unknown): T {
  const out = structuredClone(input) as Record<string, unknown>;
  const keys = path.split(".");
  let node = out;
  keys.slice(0, -1).forEach((k, i) => {
    const next = node[k];
    if (next === undefined) node[k] = {};
    else if (next === null || typeof next !== "object" || Array.isArray(next)) {
      throw new ConfigError(
        "batchRun grid",
        path,
        `"${keys.slice(0, i + 1).join(".")}" is not an object in the scenario`,
      );
    }
    node = node[k] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
  return out as T;
}

/**
 * The runs of a grid × seeds, in order: grid combinations (the last key varying fastest),
 * each with every seed.
 *
 * @param grid Dotted path → values.
 * @param seeds Seeds.
 * @returns One point per run.
 *
 * @example Two values × two seeds make four runs
 * ```ts
 * import { gridPoints } from "@lib/sim/batch_run.ts";
 * import assert from "node:assert/strict";
 * const points = gridPoints({ rounds: [1, 2] }, [7, 8]);
 * assert.deepEqual(points.map((p) => [p.values.rounds, p.seed]), [[1, 7], [1, 8], [2, 7], [2, 8]]);
 * ```
 */
export function gridPoints(grid: Grid, seeds: readonly (number | string)[]): BatchPoint[] {
  if (seeds.length === 0) throw new ConfigError("batchRun", "seeds", "expected at least one seed");
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    if (key === "seed") {
      throw new ConfigError("batchRun grid", key, "seeds are the third argument of batchRun");
    }
    if (values.length === 0) {
      throw new ConfigError("batchRun grid", key, "expected at least one value");
    }
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos.flatMap((values, i) =>
    seeds.map((seed, j) => ({ run: i * seeds.length + j, seed, values }))
  );
}

function scenarioAt(base: ScenarioInput, point: BatchPoint): Scenario {
  let input: ScenarioInput = structuredClone(base);
  for (const [key, value] of Object.entries(point.values)) input = setPath(input, key, value);
  return parseScenario({ ...input, seed: point.seed }, `batchRun run ${point.run}`);
}

/**
 * Runs a scenario over a parameter grid × seeds and collects one tidy table.
 *
 * Every row carries `run`, `seed` and one column per grid key (named by its dotted path),
 * then `round` and the model-level columns: the built-in ones (active, watches, chats, posts,
 * interactions, links) and the reporters given. With agent reporters there is one row per
 * agent as well (column `agent`), as in Mesa.
 *
 * @param scenario The base scenario (as a notebook writes it; defaults are filled in).
 * @param grid Dotted path → values to try.
 * @param seeds Seeds; every grid point runs with each.
 * @param reporters Model-level (of the simulation) and agent-level (of an agent) reporters.
 * @param options Concurrency, rows per run or per round, an LLM, where to save runs.
 * @returns The table, in grid × seed × round order.
 *
 * @example A grid × seeds study
 * ```ts
 * import { batchRun, summarise } from "@lib/mod.ts";
 * import assert from "node:assert/strict";
 *
 * const table = await batchRun(
 *   { rounds: 2, agents: { source: "csv", count: 6 } },
 *   { "recommender.model.algorithm": ["mf", "popular"] },
 *   [1, 2, 3],
 *   { model: { watched: (sim) => sim.world.interactions.length } },
 * );
 * const last = table.filter((d: { round: number }) => d.round === 1);
 * const summary = summarise(last, "recommender.model.algorithm", "watched", { reference: "popular" });
 * assert.equal(table.numRows(), 2 * 3 * 2);
 * assert.equal(summary.numRows(), 2);
 * ```
 */
export async function batchRun(
  scenario: ScenarioInput,
  grid: Grid,
  seeds: readonly (number | string)[],
  reporters: Reporters = {},
  options: BatchRunOptions = {},
): Promise<aq.ColumnTable> {
  const { concurrency, per = "round", out, ...simOptions } = options;
  const points = gridPoints(grid, seeds);
  const scenarios = points.map((p) => scenarioAt(scenario, p));
  const limit = concurrency ??
    (scenarios.some(scenarioNeedsLlm) ? 4 : 1);
  const hasAgent = Object.keys(reporters.agent ?? {}).length > 0;
  const perRun = await mapLimit(points, limit, async (point, i) => {
    const engine = await createSimulation(scenarios[i], {
      ...simOptions,
      ...(out ? { out: `${out}/run-${point.run}` } : {}),
    });
    try {
      const collector = addReporters(engine, reporters);
      await engine.run();
      const lead = { run: point.run, seed: point.seed, ...point.values };
      let model = collector.modelRows;
      if (per === "run") model = model.slice(-1);
      if (!hasAgent) return model.map((r) => ({ ...lead, ...r }));
      const byRound = new Map(model.map((r) => [r.round, r]));
      return collector.agentRows.filter((r) => byRound.has(r.round)).map((r) => ({
        ...lead,
        ...byRound.get(r.round),
        ...r,
      }));
    } finally {
      engine.store?.close();
    }
  });
  return aq.from(perRun.flat());
}
