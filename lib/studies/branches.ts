/**
 * The intervention study (the seed's David Smith example): run a world to round t, fork it,
 * change one agent's traits and interests in the intervention branch only, run both branches
 * on, and compare the agent's chats, choices and entropy side by side.
 *
 * @module
 */
import { userEntropy } from "../metrics/entropy.ts";
import type { Engine } from "../sim/engine.ts";
import { createSimulation, forkSimulation } from "../sim/simulation.ts";
import { consumptionRows, exposureRows, messageRows } from "../sim/tables.ts";
import type { StudyBrain } from "./env.ts";

/** Options of {@link runBranches}. */
export interface BranchOptions extends StudyBrain {
  agents: number;
  /** Total rounds of each branch. */
  rounds: number;
  /** Round at which the run forks. */
  forkRound: number;
  seed: number;
  /** The agent whose profile changes. */
  agentId: string;
  /** Profile fields to replace in the intervention branch (traits, interests, …). */
  patch: Record<string, unknown>;
  /**
   * The agent's activity level (expected turns per round ÷ rate), so there is something to
   * compare; default: drawn like everyone's.
   */
  activity?: number;
}

/** What one agent did in one branch after the fork. */
export interface BranchTrace {
  branch: "original" | "intervention";
  /** Items watched: round, title, genres. */
  watched: { round: number; title: string; genres: string }[];
  /** Chats and posts the agent sent. */
  messages: { round: number; kind: string; text: string }[];
  /** The agent's per-round entropy (bits) of the genres it was recommended. */
  entropy: { round: number; entropy: number }[];
  /** Share of watched items per genre after the fork. */
  genres: { genre: string; share: number }[];
}

/** Both branches. */
export interface BranchRun {
  original: Engine;
  intervention: Engine;
  traces: [BranchTrace, BranchTrace];
}

/**
 * Runs the two branches.
 *
 * @param opts Size, fork round, agent and patch.
 * @returns Both engines and the agent's trace in each.
 */
export async function runBranches(opts: BranchOptions): Promise<BranchRun> {
  const original = await createSimulation({
    name: "branch-original",
    seed: opts.seed,
    rounds: opts.rounds,
    agents: { source: "csv", path: "data/profiles.csv", count: opts.agents },
    recommender: { model: { algorithm: "mf", seed: opts.seed }, retrainEvery: 1, pageSize: 5 },
    social: { graph: "ba", m: 2 },
    brain: { kind: opts.kind },
  }, { llm: opts.llm });
  if (opts.activity !== undefined) original.world.agent(opts.agentId).activity = opts.activity;
  await original.run(opts.forkRound);
  const intervention = await forkSimulation(original, { llm: opts.llm });
  await intervention.apply({ kind: "set_profile", agent: opts.agentId, patch: opts.patch });
  await original.run();
  await intervention.run();
  return {
    original,
    intervention,
    traces: [
      traceOf(original, "original", opts),
      traceOf(intervention, "intervention", opts),
    ],
  };
}

/**
 * One agent's trace in a branch, from the fork on.
 *
 * @param engine The branch.
 * @param branch Its label.
 * @param opts Which agent and the fork round.
 * @returns Watches, messages, entropy and genre shares.
 */
export function traceOf(
  engine: Engine,
  branch: BranchTrace["branch"],
  opts: Pick<BranchOptions, "agentId" | "forkRound">,
): BranchTrace {
  const events = engine.log.events.filter((e) => e.round >= opts.forkRound);
  const catalog = engine.world.catalog;
  const mine = <T extends { agentId: string }>(rows: T[]) =>
    rows.filter((r) => r.agentId === opts.agentId);
  const watched = mine(consumptionRows(events, catalog));
  const counts = new Map<string, number>();
  for (const w of watched) for (const g of w.genres) counts.set(g, (counts.get(g) ?? 0) + 1);
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  return {
    branch,
    watched: watched.map((w) => ({
      round: w.round,
      title: catalog.get(w.itemId)?.title ?? w.itemId,
      genres: w.genres.join(", "),
    })),
    messages: mine(messageRows(events)).map((m) => ({
      round: m.round,
      kind: m.kind,
      text: m.text,
    })),
    entropy: userEntropy(mine(exposureRows(events, catalog, "recommender")), {
      cumulative: false,
    }).map((r) => ({ round: r.round, entropy: r.entropy })),
    genres: [...counts].map(([genre, n]) => ({ genre, share: n / total }))
      .sort((a, b) => b.share - a.share || a.genre.localeCompare(b.genre)),
  };
}
