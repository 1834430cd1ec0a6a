/**
 * Runs the selection protocol over seeds, (a, b) pairs and brains. Per seed the same users
 * are drawn for every pair and brain (a paired comparison); per (seed, a) the held-out
 * ratings of those users are removed from the catalogue's statistics; per (seed, a, b, user)
 * the same candidate page is shown to every brain.
 *
 * @module
 */
import { mapLimit } from "../core/concurrency.ts";
import { ConfigError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Embedder } from "../llm/embedder.ts";
import { agentFromHistory, type HistoryAgent } from "./selection_agent.ts";
import {
  buildTask,
  heldOutPairs,
  type NegativeSampling,
  sampleUsers,
  type SelectionData,
  type SelectionTask,
  trainingCatalog,
} from "./selection_data.ts";
import { hits, type SelectionCell, type SelectionRow, selectionTable } from "./selection_score.ts";
import type { SelectionPick, Selector } from "./selectors.ts";

/** Options of {@link runSelection}. */
export interface SelectionOptions {
  /** Selectors, one table row each. */
  selectors: readonly Selector[];
  /** Users per seed (default 20). */
  users?: number;
  /** (a, b) pairs (default the paper's grid). */
  pairs?: readonly (readonly [number, number])[];
  /** Seeds (default 5); seed s draws users, negatives and shuffles from `${seed}:${s}`. */
  seeds?: number;
  /** Base seed (default 1). */
  seed?: number | string;
  /** Negative sampling (default "uniform", as in the paper). */
  negatives?: NegativeSampling;
  /** Shortest history a user may have (default 5). */
  minHistory?: number;
  /** Drift rate used to initialise genre weights from the history (default 0.1). */
  drift?: number;
  /** Embedder of the agents' memories (default hashed). */
  embedder?: Embedder;
  /** Users decided at once (LLM calls in flight; default 8). */
  concurrency?: number;
  /** Called after each (seed, a, b). */
  onProgress?: (p: { seed: number; a: number; b: number; done: number; total: number }) => void;
  /** Called for each pick (leakage checks, prompt inspection). */
  onPick?: (
    p: { task: SelectionTask; agent: HistoryAgent; brain: string; pick: SelectionPick },
  ) => void;
}

/** What {@link runSelection} returns. */
export interface SelectionResult {
  rows: SelectionRow[];
  cells: SelectionCell[];
  /** The settings used (for the JSON export). */
  settings: {
    source: string;
    /** Users really used per seed (fewer than asked when fewer have enough ratings). */
    users: number;
    /** Users asked for. */
    usersRequested: number;
    pairs: [number, number][];
    seeds: number;
    seed: number | string;
    negatives: NegativeSampling;
    brains: { id: string; label: string }[];
  };
}

/**
 * Runs the protocol on loaded data.
 *
 * @param data The data (from `readSelectionData`).
 * @param options Selectors, grid, seeds and negatives.
 * @returns Per-user rows and the table cells.
 */
export async function runSelection(
  data: SelectionData,
  options: SelectionOptions,
): Promise<SelectionResult> {
  const pairs = (options.pairs ?? [[1, 5], [3, 3], [3, 6], [1, 9]]).map(([a, b]) =>
    [a, b] as [number, number]
  );
  for (const [a, b] of pairs) {
    if (!(a >= 1 && b >= 1)) throw new ConfigError("--pairs", `${a}x${b}`, "a and b must be ≥ 1");
  }
  const nUsers = options.users ?? 20, nSeeds = options.seeds ?? 5, base = options.seed ?? 1;
  const negatives = options.negatives ?? "uniform";
  const need = {
    maxA: Math.max(...pairs.map((p) => p[0])),
    maxB: Math.max(...pairs.map((p) => p[1])),
    minHistory: options.minHistory ?? 5,
  };
  const needsMemory = options.selectors.some((s) => s.needsMemory);
  const rows: SelectionRow[] = [];
  let done = 0, usersUsed = Infinity;
  for (let s = 0; s < nSeeds; s++) {
    const rng = new Rng(`${base}:${s}`);
    const users = sampleUsers(data, nUsers, rng.fork("users"), need);
    if (users.length === 0) {
      throw new ConfigError("--users", "users", "no user has enough ratings for this grid");
    }
    usersUsed = Math.min(usersUsed, users.length);
    for (const a of [...new Set(pairs.map((p) => p[0]))]) {
      const catalog = trainingCatalog(data, heldOutPairs(data, users, a));
      for (const [, b] of pairs.filter((p) => p[0] === a)) {
        const out = await mapLimit(users, options.concurrency ?? 8, async (u) => {
          const cell = rng.fork(`${a}x${b}:${u}`);
          const task = buildTask(data, u, a, b, catalog, negatives, cell.fork("task"));
          const agent = await agentFromHistory(task.user, task.history, {
            drift: options.drift,
            memory: needsMemory,
            embedder: options.embedder,
            seed: `${base}:${s}:${u}`,
          });
          const picks: SelectionRow[] = [];
          for (const sel of options.selectors) {
            const pick = await sel.select({ task, agent, catalog, rng: cell.fork(sel.id) });
            options.onPick?.({ task, agent, brain: sel.id, pick });
            picks.push({
              seed: s,
              a,
              b,
              brain: sel.id,
              label: sel.label,
              userId: u,
              hits: hits(pick.picked, task.truth),
              truth: task.truth.length,
              calls: pick.calls,
              tokens: pick.tokens,
              failure: pick.failure,
            });
          }
          return picks;
        });
        rows.push(...out.flat());
        options.onProgress?.({ seed: s, a, b, done: ++done, total: nSeeds * pairs.length });
      }
    }
  }
  const order = new Map(options.selectors.map((s, i) => [s.id, i]));
  const pairAt = (r: SelectionRow) => pairs.findIndex(([a, b]) => a === r.a && b === r.b);
  rows.sort((x, y) =>
    (order.get(x.brain)! - order.get(y.brain)!) || pairAt(x) - pairAt(y) || x.seed - y.seed
  );
  return {
    rows,
    cells: selectionTable(rows),
    settings: {
      source: data.source,
      users: Number.isFinite(usersUsed) ? usersUsed : 0,
      usersRequested: nUsers,
      pairs,
      seeds: nSeeds,
      seed: base,
      negatives,
      brains: options.selectors.map((s) => ({ id: s.id, label: s.label })),
    },
  };
}

/**
 * Parses a pairs list such as "1x5,3x3,3x6,1x9".
 *
 * @param text The list.
 * @returns (a, b) pairs.
 * @throws ConfigError naming the bad entry.
 *
 * @example
 * ```ts
 * import { parsePairs } from "@lib/eval/selection_run.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parsePairs("1x5,3x3"), [[1, 5], [3, 3]]);
 * ```
 */
export function parsePairs(text: string): [number, number][] {
  return text.split(",").map((p) => {
    const m = /^\s*(\d+)\s*x\s*(\d+)\s*$/.exec(p);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
      throw new ConfigError(
        "--pairs",
        p,
        "expected entries like 1x5 (a ≥ 1 truth items x b ≥ 1 negatives)",
      );
    }
    return [Number(m[1]), Number(m[2])] as [number, number];
  });
}
