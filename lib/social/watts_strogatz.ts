/**
 * Watts–Strogatz small world: a ring where each node ties to its k nearest neighbours, then
 * each tie's far end is rewired to a random node with probability beta.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { type GeneratorOptions, resolveIds } from "./generator_options.ts";
import { SocialGraph } from "./graph.ts";

/**
 * Generates a Watts–Strogatz graph (rewiring as networkx does: ties (u, u+j) for j = 1…k/2,
 * never creating self-loops or duplicate ties, so the tie count stays n·k/2).
 *
 * @param n Number of nodes (> k).
 * @param k Even number of ring neighbours per node.
 * @param beta Rewiring probability in [0, 1].
 * @param options Seeded rng, ids, tie attributes.
 * @returns The graph.
 *
 * @example beta = 0 is the ring lattice: every degree is k
 * ```ts
 * import { wattsStrogatz } from "@lib/social/watts_strogatz.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const g = wattsStrogatz(20, 4, 0, { rng: new Rng(1) });
 * assert.ok(g.nodes().every((id) => g.degree(id) === 4));
 * assert.ok(g.areFriends("0", "19") && g.areFriends("0", "18"));
 * ```
 */
export function wattsStrogatz(
  n: number,
  k: number,
  beta: number,
  options: GeneratorOptions,
): SocialGraph {
  const ids = resolveIds(n, options.ids);
  if (!Number.isInteger(k) || k < 2 || k % 2 !== 0 || k >= n) {
    throw new ConfigError(
      "wattsStrogatz",
      "k",
      `Watts–Strogatz needs an even k with 2 ≤ k < n, got k=${k}, n=${n}`,
    );
  }
  if (!(beta >= 0 && beta <= 1)) {
    throw new ConfigError("wattsStrogatz", "beta", `beta must be in [0, 1], got ${beta}`);
  }
  const { rng } = options;
  const half = k / 2;
  const total = n * half;
  const src = new Int32Array(total), dst = new Int32Array(total);
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set());
  for (let j = 1; j <= half; j++) {
    for (let u = 0; u < n; u++) {
      const v = (u + j) % n, e = (j - 1) * n + u;
      src[e] = u;
      dst[e] = v;
      adj[u].add(v);
      adj[v].add(u);
    }
  }
  if (beta > 0) {
    for (let e = 0; e < total; e++) {
      if (rng.next() >= beta) continue;
      const u = src[e], v = dst[e];
      if (adj[u].size >= n - 1) continue;
      let w = rng.int(n);
      while (w === u || adj[u].has(w)) w = rng.int(n);
      adj[u].delete(v);
      adj[v].delete(u);
      adj[u].add(w);
      adj[w].add(u);
      dst[e] = w;
    }
  }
  return SocialGraph.fromIndexPairs(ids, src, dst, total, options);
}
