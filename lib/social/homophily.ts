/**
 * Homophily by interest: agents tie preferentially to agents with similar interests, with a
 * tunable strength. Strength 0 gives a random graph; larger values give interest clusters,
 * the starting point of filter-bubble and cocoon studies.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { Rng } from "@lib/core/rng.ts";
import { SocialGraph } from "./graph.ts";
import { type InterestAgent, similarityFn, type SimilarityKind } from "./similarity.ts";

/** Options of {@link homophilyGraph}. */
export interface HomophilyOptions {
  /** The seeded generator every random draw comes from. */
  rng: Rng;
  /** Ties each agent initiates (mean degree ≈ 2·ties). */
  ties: number;
  /** Homophily strength h ≥ 0: a candidate's weight is exp(h · similarity). */
  strength: number;
  /** Similarity of interests (default: Jaccard for labels, cosine for vectors). */
  similarity?: SimilarityKind;
  /** Candidates considered per tie, drawn uniformly (default 500; all agents when fewer). */
  candidates?: number;
  /** Relationship type of every tie (default "friend"). */
  type?: string;
  /** Closeness of every tie (default 0.5). */
  closeness?: number;
}

/**
 * Builds a graph where each agent, in the given order, makes `ties` new ties, each to a
 * non-friend drawn with weight exp(strength · similarity). Candidates are sampled so large
 * populations cost O(n · ties · candidates), not O(n²).
 *
 * @param agents Agents with their interests.
 * @param options Seeded rng, ties per agent, strength, similarity.
 * @returns The graph (agents in the given order).
 *
 * @example Strong homophily ties like with like
 * ```ts
 * import { homophilyGraph } from "@lib/social/homophily.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const agents = Array.from({ length: 40 }, (_, i) => ({
 *   id: `a${i}`, interests: [i % 2 ? "horror" : "romance"],
 * }));
 * const g = homophilyGraph(agents, { rng: new Rng(3), ties: 2, strength: 8 });
 * const same = g.edges().filter((e) => Number(e.source.slice(1)) % 2 === Number(e.target.slice(1)) % 2);
 * assert.ok(same.length / g.tieCount > 0.9);
 * ```
 */
export function homophilyGraph(
  agents: readonly InterestAgent[],
  options: HomophilyOptions,
): SocialGraph {
  const { rng, ties, strength } = options;
  if (!Number.isInteger(ties) || ties < 0) {
    throw new ConfigError(
      "homophilyGraph",
      "ties",
      `ties must be a non-negative integer, got ${ties}`,
    );
  }
  if (!(strength >= 0)) {
    throw new ConfigError("homophilyGraph", "strength", `strength must be ≥ 0, got ${strength}`);
  }
  const sim = similarityFn(options.similarity);
  const n = agents.length;
  const graph = new SocialGraph(agents.map((a) => a.id));
  if (graph.nodeCount !== n) throw new RangeError("agent ids must be distinct");
  const pool = Math.max(1, options.candidates ?? 500);
  const everyone = Array.from({ length: n }, (_, i) => i);
  const attrs = { type: options.type, closeness: options.closeness };
  for (let u = 0; u < n; u++) {
    const me = agents[u];
    for (let t = 0; t < ties; t++) {
      const drawn = n - 1 <= pool ? everyone : rng.sample(everyone, pool);
      const cands = drawn.filter((v) => v !== u && !graph.areFriends(me.id, agents[v].id));
      if (cands.length === 0) break;
      const weights = cands.map((v) => Math.exp(strength * sim(me.interests, agents[v].interests)));
      const v = cands[rng.categorical(weights)];
      graph.addEdge(me.id, agents[v].id, attrs);
    }
  }
  return graph;
}
