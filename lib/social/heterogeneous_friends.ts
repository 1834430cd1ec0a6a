/**
 * The "heterogeneous friends" intervention (RecAgent's Soc-strategy against information
 * cocoons): give agents friends whose interests differ most from their own, optionally
 * dropping their most similar friend so the number of friends stays the same.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { Rng } from "@lib/core/rng.ts";
import type { SocialGraph } from "./graph.ts";
import {
  type InterestAgent,
  type Interests,
  similarityFn,
  type SimilarityKind,
} from "./similarity.ts";

/** Options of {@link addHeterogeneousFriends}. */
export interface HeterogeneousFriendsOptions {
  /** New friends per treated agent. */
  count: number;
  /** Breaks ties between equally dissimilar candidates, and draws from the pool. */
  rng: Rng;
  /** Similarity of interests (default: Jaccard for labels, cosine for vectors). */
  similarity?: SimilarityKind;
  /** Agents to treat, in this order (default: every agent given). */
  targets?: readonly string[];
  /** Choose the new friends uniformly among this many most dissimilar candidates (default count). */
  pool?: number;
  /** Also remove, per new friend, the most similar of the agent's earlier friends (default false). */
  rewire?: boolean;
  /** Relationship type of the new ties (default "friend"). */
  type?: string;
  /** Closeness of the new ties (default 0.5). */
  closeness?: number;
}

/** One tie the intervention made or removed, for the event log. */
export interface EdgeChange {
  /** "add" for a new tie, "remove" for a dropped one. */
  action: "add" | "remove";
  /** The treated agent. */
  source: string;
  /** The friend gained or lost. */
  target: string;
  /** Interest similarity of the two agents. */
  similarity: number;
}

/**
 * Applies the intervention in place.
 *
 * @param graph The social graph (modified).
 * @param agents Agents with their interests; only these can be chosen or dropped.
 * @param options How many friends, rng, similarity, targets, rewiring.
 * @returns Every tie added or removed, in the order applied.
 *
 * @example The new friend is the most different agent
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { addHeterogeneousFriends } from "@lib/social/heterogeneous_friends.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const agents = [
 *   { id: "a", interests: ["sci-fi", "thriller"] },
 *   { id: "b", interests: ["sci-fi"] },
 *   { id: "c", interests: ["romance", "family"] },
 * ];
 * const g = new SocialGraph(["a", "b", "c"]);
 * g.addEdge("a", "b");
 * const changes = addHeterogeneousFriends(g, agents, {
 *   count: 1, rng: new Rng(1), targets: ["a"], rewire: true,
 * });
 * assert.deepEqual(changes.map((c) => [c.action, c.target]), [["add", "c"], ["remove", "b"]]);
 * assert.deepEqual(g.friends("a"), ["c"]);
 * ```
 */
export function addHeterogeneousFriends(
  graph: SocialGraph,
  agents: readonly InterestAgent[],
  options: HeterogeneousFriendsOptions,
): EdgeChange[] {
  const { count, rng } = options;
  if (!Number.isInteger(count) || count < 0) {
    throw new ConfigError(
      "heterogeneousFriends",
      "count",
      `count must be a non-negative integer, got ${count}`,
    );
  }
  const sim = similarityFn(options.similarity);
  const interests = new Map<string, Interests>(agents.map((a) => [a.id, a.interests]));
  const changes: EdgeChange[] = [];
  const attrs = { type: options.type, closeness: options.closeness };
  for (const u of options.targets ?? agents.map((a) => a.id)) {
    const mine = interests.get(u);
    if (!mine) throw new RangeError(`target "${u}" has no interests among the agents given`);
    graph.addNode(u);
    const before = graph.friends(u).filter((f) => interests.has(f));
    const ranked = rankBySimilarity(
      rng.shuffle(agents.filter((a) => a.id !== u && !graph.areFriends(u, a.id)).map((a) => a.id)),
      (v) => sim(mine, interests.get(v)!),
    );
    const pool = ranked.slice(0, Math.max(count, options.pool ?? count));
    const chosen = pool.length > count ? rng.sample(pool, count) : pool;
    for (const c of chosen) {
      graph.addEdge(u, c.id, attrs);
      changes.push({ action: "add", source: u, target: c.id, similarity: c.similarity });
    }
    if (!options.rewire) continue;
    const drop = rankBySimilarity(rng.shuffle(before), (v) => sim(mine, interests.get(v)!))
      .reverse().slice(0, chosen.length);
    for (const d of drop) {
      graph.removeEdge(u, d.id);
      changes.push({ action: "remove", source: u, target: d.id, similarity: d.similarity });
    }
  }
  return changes;
}

/** Stable ascending sort by similarity (the shuffle before it breaks ties at random). */
function rankBySimilarity(
  ids: readonly string[],
  simOf: (id: string) => number,
): { id: string; similarity: number }[] {
  return ids.map((id) => ({ id, similarity: simOf(id) }))
    .sort((a, b) => a.similarity - b.similarity);
}

/**
 * Mean interest dissimilarity (1 − similarity) across mutual ties whose two ends both have
 * known interests: how heterogeneous friendships are.
 *
 * @param graph The social graph.
 * @param agents Agents with their interests.
 * @param similarity Similarity of interests (default: by kind of interests).
 * @returns The mean, or NaN when no tie qualifies.
 *
 * @example Half of a pair's interests differ
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { friendDissimilarity } from "@lib/social/heterogeneous_friends.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph();
 * g.addEdge("a", "b");
 * const agents = [{ id: "a", interests: ["x"] }, { id: "b", interests: ["x", "y"] }];
 * assert.equal(friendDissimilarity(g, agents), 0.5);
 * ```
 */
export function friendDissimilarity(
  graph: SocialGraph,
  agents: readonly InterestAgent[],
  similarity?: SimilarityKind,
): number {
  const sim = similarityFn(similarity);
  const interests = new Map<string, Interests>(agents.map((a) => [a.id, a.interests]));
  let sum = 0, n = 0;
  for (const e of graph.edges()) {
    if (e.directed) continue;
    const a = interests.get(e.source), b = interests.get(e.target);
    if (!a || !b) continue;
    sum += 1 - sim(a, b);
    n++;
  }
  return n ? sum / n : NaN;
}
