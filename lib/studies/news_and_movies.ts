/**
 * The news-and-movies study: one population both watches movies and hears a piece of news
 * that spreads through its friend graph. Three arms per seed: movies only; movies with the
 * news, where sharing the news costs an agent its next turn and news in the feed takes
 * attention; and the news with that attention cost cut. Comparing them says whether the
 * coupling between the two worlds changes what people watch and how far the news goes.
 *
 * @module
 */
import type { SimEvent } from "../sim/events.ts";
import { attachNewsEvent } from "../sim/news_event.ts";
import { createSimulation } from "../sim/simulation.ts";

/** The arms, in the order each seed runs them. */
export const NEWS_ARMS = ["movies only", "movies + news", "movies + news, attention cut"] as const;

/** One arm of {@link NEWS_ARMS}. */
export type NewsArm = (typeof NEWS_ARMS)[number];

/** Size of a news-and-movies run. */
export interface NewsAndMoviesOptions {
  agents: number;
  rounds: number;
  /** The round the news is first posted (by the first three agents). */
  newsRound: number;
}

/** The events of one arm and seed. */
export interface NewsArmRun {
  arm: NewsArm;
  seed: number;
  events: SimEvent[];
}

/**
 * Runs one arm for one seed: 60% of agents active per round, a Barabási–Albert friend graph
 * (m = 3), and in the news arms a storm warning posted at `newsRound`.
 *
 * @param arm The arm.
 * @param seed The seed (of the population, the graph and the news spread).
 * @param options Agents, rounds and the news round.
 * @returns The run's event log.
 */
export async function runNewsArm(
  arm: NewsArm,
  seed: number,
  options: NewsAndMoviesOptions,
): Promise<SimEvent[]> {
  const engine = await createSimulation({
    name: `news-and-movies-${NEWS_ARMS.indexOf(arm)}-${seed}`,
    seed,
    rounds: options.rounds,
    agents: { source: "csv", count: options.agents },
    activity: { rate: 0.6 },
    social: { graph: "ba", m: 3 },
  });
  if (arm !== "movies only") {
    const cut = arm === "movies + news, attention cut";
    attachNewsEvent(engine, {
      round: options.newsRound,
      seed,
      event: {
        text: "Storm warning: the coast road closes tonight",
        posters: engine.world.ids.slice(0, 3),
      },
      params: { shareBase: 0.3, feedWindow: 3 },
      attention: !cut,
      busyAfterShare: cut ? 0 : 1,
    });
  }
  await engine.run();
  return engine.log.events;
}

/**
 * Runs every arm for every seed, seed by seed (so a seed's three arms start from the same
 * population and graph).
 *
 * @param seeds Seeds.
 * @param options Agents, rounds and the news round.
 * @returns One run per seed and arm, seeds outer, arms in {@link NEWS_ARMS} order.
 *
 * @example Only the news arms see the news
 * ```ts
 * import { runNewsAndMovies } from "@lib/studies/news_and_movies.ts";
 * import assert from "node:assert/strict";
 * const runs = await runNewsAndMovies([1], { agents: 8, rounds: 3, newsRound: 1 });
 * assert.equal(runs.length, 3);
 * assert.equal(runs[0].events.some((e) => e.type === "seed"), false);
 * assert.equal(runs[1].events.some((e) => e.type === "seed"), true);
 * ```
 */
export async function runNewsAndMovies(
  seeds: readonly number[],
  options: NewsAndMoviesOptions,
): Promise<NewsArmRun[]> {
  const runs: NewsArmRun[] = [];
  for (const seed of seeds) {
    for (const arm of NEWS_ARMS) {
      runs.push({ arm, seed, events: await runNewsArm(arm, seed, options) });
    }
  }
  return runs;
}
