/**
 * Quick summaries of a run for displays: genre entropy of recommendations per round, most
 * watched items, and the state panel the original GUI shows.
 *
 * @module
 */
import { recagentEntropyByRound } from "../metrics/entropy.ts";
import type { Engine } from "./engine.ts";
import { exposureRows } from "./tables.ts";
import type { MemoryRow } from "../memory/inspect.ts";
import { MemoryAdapter } from "./memory_port.ts";
import type { StatePanel } from "../viz/panel_view.ts";

export type { StatePanel };

/**
 * RecAgent's user entropy of the genres recommended in each round (bits).
 *
 * @param engine A run.
 * @returns One row per round with recommendations.
 */
export function entropyByRound(
  engine: Engine,
): { round: number; entropy: number; users: number }[] {
  const rows = exposureRows(engine.log.events, engine.world.catalog, "recommender");
  return recagentEntropyByRound(rows, { cumulative: false });
}

/**
 * The most watched items.
 *
 * @param engine A run.
 * @param n How many.
 * @returns Title, watches and mean rating, most watched first (ties by title).
 */
export function topItems(
  engine: Engine,
  n = 10,
): { itemId: string; title: string; watches: number; meanRating: number | null }[] {
  const w = engine.world;
  return [...w.watchedBy].map(([itemId, who]) => {
    const r = w.ratings.get(itemId);
    return {
      itemId,
      title: w.catalog.get(itemId)?.title ?? itemId,
      watches: who.size,
      meanRating: r && r.n ? r.sum / r.n : null,
    };
  }).sort((a, b) => b.watches - a.watches || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, n);
}

/**
 * The state panel (total users, items, interactions, algorithm, current users, most popular
 * items; social users, links, density, chats, posts).
 *
 * @param engine A run.
 * @returns The counters.
 */
export function statePanel(engine: Engine): StatePanel {
  const w = engine.world;
  const last = w.round - 1;
  const current = new Set(
    engine.log.events.filter((e) => e.type === "page" && e.round === last).map((e) =>
      (e as { agent: string }).agent
    ),
  );
  let chats = 0, posts = 0;
  for (const e of engine.log.events) {
    if (e.type !== "decision") continue;
    if (e.action.type === "chat") chats++;
    if (e.action.type === "post") posts++;
  }
  return {
    recommender: {
      users: w.ids.length,
      items: w.catalog.size,
      interactions: w.interactions.length,
      algorithm: w.recommender.name,
      currentUsers: current.size,
      mostPopular: topItems(engine, 5).map((t) => t.title),
    },
    social: {
      users: w.graph.nodeCount,
      links: w.graph.linkCount,
      density: w.graph.density(),
      chats,
      posts,
    },
  };
}

/**
 * An agent's memory as rows (stage, text, importance, recency, strength), when its memory is
 * the standard one.
 *
 * @param engine A run.
 * @param agentId The agent.
 * @returns Rows, short-term first (empty for a custom memory).
 */
export function memoryRows(engine: Engine, agentId: string): MemoryRow[] {
  const m = engine.world.agent(agentId).memory;
  const hours = engine.world.scenario.roundHours * engine.world.round;
  return m instanceof MemoryAdapter ? m.memory.rows(hours) : [];
}
