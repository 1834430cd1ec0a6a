/**
 * The world: agents, catalog, recommender, search, friend graph, brains and the shared
 * aggregates (who watched what, average ratings). The engine changes it only at round
 * boundaries, in a fixed order, so concurrent decisions never depend on timing.
 *
 * @module
 */
import { SocialFeed } from "./social_feed.ts";
import type { Brain } from "../brain/brain.ts";
import type { SeenItem } from "../brain/context.ts";
import type { Rng } from "../core/rng.ts";
import type { Catalog } from "../recsys/catalog.ts";
import type { Interaction } from "../recsys/item.ts";
import type { SocialGraph } from "../social/graph.ts";
import { initialState, type SimAgent } from "./agent.ts";
import { TasteTable } from "../brain/rule/taste_table.ts";
import type { Profile } from "../profile/schema.ts";
import { type Recommender, ScoringRecommender } from "../recsys/recommender.ts";
import { ExplorationRecommender } from "../recsys/exploration.ts";
import { servePage } from "../recsys/pager.ts";
import type { ScoredItem } from "../recsys/item.ts";
import type { MemoryPort, SearchPort } from "./ports.ts";
import type { Scenario } from "./scenario.ts";

/** An exploration schedule: N random items per page every k rounds from a round on. */
export interface ExplorationSetting {
  randomItems: number;
  everyRounds: number;
  fromRound: number;
}

/** Everything a round reads and changes. */
export class World {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** The run's root generator; every draw forks from it by name. */
  readonly rng: Rng;
  readonly catalog: Catalog;
  /** The recommender pages come from (the base one, or it wrapped by exploration). */
  recommender: Recommender;
  /** The recommender without exploration. */
  readonly baseRecommender: Recommender;
  /** The exploration schedule in force (the "Rec-strategy" knob), or null. */
  exploration: ExplorationSetting | null;
  readonly search: SearchPort;
  graph: SocialGraph;
  /** Agents by id. */
  readonly agents: Map<string, SimAgent>;
  /** Agent ids in a fixed order (the population file's). */
  readonly ids: string[];
  /** Each agent's brain (swappable at any time). */
  readonly brains: Map<string, Brain>;
  /** Interactions the recommender trains on: initial data plus the simulation's. */
  readonly interactions: Interaction[];
  /**
   * Items already shown to each agent (pages never repeat them); an agent that was never
   * shown anything has no entry (see {@link shownTo}).
   */
  readonly shown: Map<string, Set<string>>;
  /** Who watched each item. */
  readonly watchedBy: Map<string, Set<string>>;
  /** Sum and count of 1–5 ratings per item. */
  readonly ratings: Map<string, { sum: number; n: number }>;
  /** Every message of the social feed (posts, reposts, comments, seeded events). */
  readonly feed: SocialFeed = new SocialFeed();
  /** The rows the agents' genre weights move to as they drift. */
  readonly tastes: TasteTable;
  /** The next round to run. */
  round = 0;
  /** How many interactions the recommender was last trained on. */
  fittedOn = 0;
  readonly #newMemory: (agentId: string) => MemoryPort;

  /**
   * @param parts The world's parts.
   */
  constructor(parts: {
    scenario: Scenario;
    rng: Rng;
    catalog: Catalog;
    recommender: Recommender;
    search: SearchPort;
    graph: SocialGraph;
    agents: SimAgent[];
    brains: Map<string, Brain>;
    interactions?: Interaction[];
    newMemory: (agentId: string) => MemoryPort;
    /** The table the agents' states were made on (default: a new one). */
    tastes?: TasteTable;
  }) {
    this.scenario = parts.scenario;
    this.#newMemory = parts.newMemory;
    this.rng = parts.rng;
    this.catalog = parts.catalog;
    this.recommender = parts.recommender;
    const rec = parts.recommender;
    this.baseRecommender = rec instanceof ExplorationRecommender ? rec.inner : rec;
    const e = parts.scenario.recommender.model.exploration;
    this.exploration = e && e.randomItems > 0
      ? { randomItems: e.randomItems, everyRounds: e.everyRounds, fromRound: e.fromRound }
      : null;
    this.search = parts.search;
    this.graph = parts.graph;
    this.agents = new Map(parts.agents.map((a) => [a.id, a]));
    this.ids = parts.agents.map((a) => a.id);
    this.brains = parts.brains;
    this.interactions = parts.interactions ?? [];
    this.tastes = parts.tastes ?? new TasteTable();
    // Filled as pages are shown: a million agents, most of them idle in a round, would
    // otherwise hold a million empty sets.
    this.shown = new Map();
    this.watchedBy = new Map();
    this.ratings = new Map();
  }

  /**
   * The items already shown to an agent, as the set pages add to.
   *
   * @param id Agent id.
   * @returns Its set (made empty on first use).
   *
   * @example
   * ```ts
   * import { createSimulation } from "@lib/sim/simulation.ts";
   * import assert from "node:assert/strict";
   * const w = (await createSimulation({ rounds: 1, agents: { source: "csv", count: 3 } })).world;
   * assert.equal(w.shown.has(w.ids[0]), false);
   * w.shownTo(w.ids[0]).add("m1");
   * assert.deepEqual([...w.shown.get(w.ids[0])!], ["m1"]);
   * ```
   */
  shownTo(id: string): Set<string> {
    let s = this.shown.get(id);
    if (!s) this.shown.set(id, s = new Set());
    return s;
  }

  /**
   * @param id Agent id.
   * @returns The agent (throws a clear error for an unknown id).
   */
  agent(id: string): SimAgent {
    const a = this.agents.get(id);
    if (!a) throw new RangeError(`unknown agent id "${id}"`);
    return a;
  }

  /**
   * Adds an agent to the running world (a person taking a new seat, a newcomer).
   *
   * @param profile The newcomer's profile (its id must be new).
   * @param brain Its brain.
   * @param activity Its activity level (default: x_min of the scenario's Pareto).
   * @returns The new agent.
   */
  addAgent(profile: Profile, brain: Brain, activity = this.scenario.activity.xMin): SimAgent {
    if (this.agents.has(profile.id)) throw new RangeError(`agent id "${profile.id}" is taken`);
    const agent: SimAgent = {
      id: profile.id,
      profile,
      state: initialState(profile, this.tastes),
      memory: this.#newMemory(profile.id),
      inbox: [],
      activity,
    };
    this.agents.set(agent.id, agent);
    this.ids.push(agent.id);
    this.brains.set(agent.id, brain);
    this.graph.addNode(agent.id);
    return agent;
  }

  /**
   * @param id Agent id.
   * @returns The agent's brain.
   */
  brainOf(id: string): Brain {
    const b = this.brains.get(id);
    if (!b) throw new RangeError(`agent "${id}" has no brain`);
    return b;
  }

  /**
   * An item with the social signals an agent sees next to it.
   *
   * @param agentId The viewer.
   * @param itemId The item.
   * @param score Recommender score, if any.
   * @returns The item as seen.
   */
  seen(agentId: string, itemId: string, score?: number): SeenItem {
    return this.#seen(this.agent(agentId), this.graph.friends(agentId), itemId, score);
  }

  /**
   * A page's items with the social signals the agent sees next to them: {@link seen} for each,
   * with the agent and its friends looked up once for the page (every turn's every page).
   *
   * @param agent The viewer.
   * @param page The page's items and scores.
   * @returns The items as seen, in page order.
   */
  seenPage(agent: SimAgent, page: readonly { itemId: string; score?: number }[]): SeenItem[] {
    const friends = this.graph.friends(agent.id);
    return page.map((p) => this.#seen(agent, friends, p.itemId, p.score));
  }

  #seen(
    agent: SimAgent,
    friends: readonly string[],
    itemId: string,
    score: number | undefined,
  ): SeenItem {
    const item = this.catalog.get(itemId);
    if (!item) throw new RangeError(`unknown item id "${itemId}"`);
    const watchers = this.watchedBy.get(itemId);
    let friendsWatched = 0;
    if (watchers) {
      // Friends who watched it: walk the smaller side (a hub has hundreds of friends, a new
      // item a handful of watchers; a hit film is the other way round).
      if (friends.length <= watchers.size) {
        for (const f of friends) if (watchers.has(f)) friendsWatched++;
      } else {
        for (const w of watchers) if (this.graph.areFriends(agent.id, w)) friendsWatched++;
      }
    }
    const r = this.ratings.get(itemId);
    return {
      item,
      score,
      friendsWatched,
      mentions: agent.state.heardOf[itemId] ?? 0,
      avgRating: r && r.n > 0 ? r.sum / r.n : null,
    };
  }

  /**
   * Starts the worker threads of the next {@link retrain} early, where the model fits on
   * workers (MF at scale), so they load during the round's turns. The retrain stops them;
   * call the returned function once the round is over either way, so that a round that
   * ends early (an error, a model swapped meanwhile) leaves no worker running.
   *
   * @param newInteractions About how many interactions the round will add (its active
   *   agents, say), for the model to judge whether the fit will run on workers.
   * @returns Stops the started workers, if still running.
   */
  warmRetrain(newInteractions: number): () => void {
    const model = this.baseRecommender as {
      warmWorkers?: (nnz: number) => boolean;
      close?: () => void;
    };
    if (!model.warmWorkers?.(this.interactions.length + newInteractions)) return () => {};
    return () => model.close?.();
  }

  /**
   * Retrains the recommender on every interaction so far, on worker threads when the model
   * offers `fitAsync` (the same model as `fit`, so runs stay deterministic).
   */
  async retrain(): Promise<void> {
    const model: Recommender & { fitAsync?: (rows: readonly Interaction[]) => Promise<void> } =
      this.baseRecommender;
    if (typeof model.fitAsync === "function") await model.fitAsync(this.interactions);
    else await this.recommender.fit(this.interactions);
    this.fittedOn = this.interactions.length;
  }

  /**
   * Turns the exploration knob: from now on the given number of items per page (every k
   * rounds) are random unseen ones; null or 0 items switches it off.
   *
   * @param setting The schedule.
   */
  setExploration(setting: ExplorationSetting | null): void {
    this.exploration = setting && setting.randomItems > 0 ? { ...setting } : null;
    this.recommender = this.exploration
      ? new ExplorationRecommender(this.baseRecommender, {
        ...this.exploration,
        rng: this.rng.fork(`explore:${this.exploration.fromRound}`),
      })
      : this.baseRecommender;
  }

  /**
   * Starts computing the pages of a round's agents ahead, on a worker thread as well as on
   * demand, when the recommender scores from factors (MF); the pages served are the same as
   * without it. Busy agents take no turn and are left out.
   *
   * @param agentIds The round's active agents, in turn order.
   * @param worker Whether a worker thread computes as well.
   * @returns Whether pages are computed ahead.
   */
  startPagesAhead(agentIds: readonly string[], worker: boolean): boolean {
    const model = this.#scoringModel();
    // Before a fit with data every page comes from the popularity ranking: nothing to compute.
    if (!model || model.knownUsers === 0) return false;
    const { pageSize } = this.scenario.recommender;
    const users = agentIds.filter((id) => this.agent(id).state.busyRounds === 0);
    return model.computePagesAhead(
      users,
      (id) => this.shown.get(id) ?? [],
      pageSize * this.scenario.session.maxPages,
      worker,
    );
  }

  /** Ends the pages computed ahead (at the end of a round's turns). */
  endPagesAhead(): void {
    this.#scoringModel()?.endPagesAhead();
  }

  #scoringModel(): ScoringRecommender | null {
    const model = this.baseRecommender;
    return model instanceof ScoringRecommender ? model : null;
  }

  /**
   * The next page of recommendations for an agent, never repeating an item already shown
   * (the exploration knob, when on, fills some slots with random unseen items). Marks the page
   * as shown.
   *
   * @param agentId The agent.
   * @param round The round (exploration schedules depend on it).
   * @returns Item ids with scores.
   */
  nextPage(agentId: string, round: number): ScoredItem[] {
    const { pageSize } = this.scenario.recommender;
    return servePage(this.recommender, agentId, this.shownTo(agentId), pageSize, { round });
  }
}
