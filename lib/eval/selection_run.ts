/**
 * Runs the selection protocol over seeds, (a, b) pairs and brains. Per seed the same users
 * are drawn for every pair and brain (a paired comparison); per (user, a) the catalogue's
 * statistics (popularity, quality, descriptions, the popularity that negatives are matched on)
 * come only from ratings made before the user's held-out time, and so do the collaborative
 * features of item-kNN and the fitted choice model; per (seed, a, b, user) the same candidate
 * page is shown to every brain.
 *
 * @module
 */
import { mapLimit } from "../core/concurrency.ts";
import { ConfigError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Embedder } from "../llm/embedder.ts";
import { agentFromHistory, type HistoryAgent } from "./selection_agent.ts";
import { Catalog } from "../recsys/catalog.ts";
import {
  buildTask,
  eligibleUsers,
  type NegativeSampling,
  sampleUsers,
  type SelectionData,
  type SelectionTask,
} from "./selection_data.ts";
import { type FitReport, type LogScoreOptions, logScores } from "./selection_fitted.ts";
import { cutoffOf, RatingTimeline } from "./selection_time.ts";
import { hits, type SelectionCell, type SelectionRow, selectionTable } from "./selection_score.ts";
import type { SelectionPick, Selector } from "./selectors.ts";

/** Options of {@link runSelection}. */
export interface SelectionOptions {
  /** Selectors, one table row each. */
  selectors: readonly Selector[];
  /** Users per seed (default 20), or "all" (every user with enough ratings). */
  users?: number | "all";
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
  /** Options of the fitted model's training (choices per user, checkpoints). */
  fitted?: LogScoreOptions;
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
  /** The fitted model's weights and held-out log-likelihood (when a selector used the log). */
  fit: FitReport | null;
  settings: {
    source: string;
    /** Users asked for ("all" or a number). */
    users: number | "all";
    /** Users actually drawn per seed. */
    usersUsed: number;
    /** Users with enough ratings for the grid. */
    eligible: number;
    /** Users of the data whose last two ratings share a timestamp (ties broken by a draw). */
    tiedUsers: number;
    /** Tasks scored per brain: users × seeds × pairs. */
    draws: number;
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
  const timeline = new RatingTimeline(data);
  const jobs: { seed: number; u: string; task: SelectionTask; time: number; rng: Rng }[] = [];
  const all = eligibleUsers(data, need);
  const drawn = Array.from({ length: nSeeds }, (_, s) => {
    const users = nUsers === "all"
      ? all
      : sampleUsers(data, nUsers, new Rng(`${base}:${s}`).fork("users"), need);
    if (users.length === 0) {
      throw new ConfigError("--users", "users", "no user has enough ratings for this grid");
    }
    return new Set(users);
  });
  // User-major, so each user's catalogue at its held-out time is built once for all seeds.
  for (const u of all.filter((u) => drawn.some((d) => d.has(u)))) {
    for (const a of [...new Set(pairs.map((p) => p[0]))]) {
      // Popularity, quality and the negatives' popularity as they stood at the held-out time.
      const time = cutoffOf(data, u, a);
      const catalog = timeline.viewAt(time);
      for (let s = 0; s < nSeeds; s++) {
        if (!drawn[s].has(u)) continue;
        for (const [, b] of pairs.filter((p) => p[0] === a)) {
          const cell = new Rng(`${base}:${s}`).fork(`${a}x${b}:${u}`);
          const task = buildTask(data, u, a, b, catalog, negatives, cell.fork("task"));
          jobs.push({ seed: s, u, task, time, rng: cell });
        }
      }
    }
  }
  const usersUsed = drawn[0].size, eligible = all.length;
  const needsLog = options.selectors.some((s) => s.needsLog);
  const logged = needsLog ? logScores(data, jobs, { seed: base, ...options.fitted }) : null;
  const rows: SelectionRow[] = [];
  let done = 0;
  for (let s = 0; s < nSeeds; s++) {
    for (const [a, b] of pairs) {
      const mine = jobs.map((j, k) => ({ ...j, k })).filter((j) =>
        j.seed === s && j.task.a === a && j.task.b === b
      );
      const out = await mapLimit(mine, options.concurrency ?? 8, async ({ u, task, rng, k }) => {
        const agent = await agentFromHistory(task.user, task.history, {
          drift: options.drift,
          memory: needsMemory,
          embedder: options.embedder,
          seed: `${base}:${s}:${u}`,
        });
        const catalog = taskCatalog(task);
        const picks: SelectionRow[] = [];
        for (const sel of options.selectors) {
          const pick = await sel.select({
            task,
            agent,
            catalog,
            rng: rng.fork(sel.id),
            log: logged?.scores[k],
          });
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
  const order = new Map(options.selectors.map((s, i) => [s.id, i]));
  const pairAt = (r: SelectionRow) => pairs.findIndex(([a, b]) => a === r.a && b === r.b);
  rows.sort((x, y) =>
    (order.get(x.brain)! - order.get(y.brain)!) || pairAt(x) - pairAt(y) || x.seed - y.seed
  );
  return {
    rows,
    cells: selectionTable(rows),
    fit: logged?.report ?? null,
    settings: {
      source: data.source,
      users: nUsers,
      usersUsed,
      eligible,
      tiedUsers: data.tiedUsers,
      draws: usersUsed * nSeeds * pairs.length,
      pairs,
      seeds: nSeeds,
      seed: base,
      negatives,
      brains: options.selectors.map((s) => ({ id: s.id, label: s.label })),
    },
  };
}

/** The items a selector may look up for one task: its history and its candidates. */
function taskCatalog(task: SelectionTask): Catalog {
  const items = new Map(
    [...task.history.map((e) => e.item), ...task.candidates].map((i) => [i.id, i]),
  );
  return new Catalog([...items.values()], `task of user ${task.userId}`);
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
