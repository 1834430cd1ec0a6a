/**
 * The complete graph: every pair of nodes linked. The generators fall back to it when a
 * population is too small for their rule (Barabási–Albert with n ≤ m, Watts–Strogatz with
 * n ≤ k): everyone is already as connected as the rule asks, so a world of 0, 1 or 2 agents
 * builds instead of failing.
 *
 * @module
 */
import { type GeneratorOptions, resolveIds } from "./generator_options.ts";
import { SocialGraph } from "./graph.ts";

/**
 * Links every pair of `n` nodes.
 *
 * @param n Number of nodes.
 * @param options Ids, tie type and closeness (the rng is not used).
 * @returns A graph with n·(n−1)/2 undirected ties.
 *
 * @example Three nodes, three ties
 * ```ts
 * import { completeGraph } from "@lib/social/complete_graph.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const g = completeGraph(3, { rng: new Rng(1), ids: ["a", "b", "c"] });
 * assert.ok(g.areFriends("a", "b") && g.areFriends("b", "c") && g.areFriends("a", "c"));
 * ```
 */
export function completeGraph(n: number, options: GeneratorOptions): SocialGraph {
  const ids = resolveIds(n, options.ids);
  const total = (n * (n - 1)) / 2;
  const src = new Int32Array(total), dst = new Int32Array(total);
  let e = 0;
  for (let u = 1; u < n; u++) {
    for (let v = 0; v < u; v++) {
      src[e] = u;
      dst[e++] = v;
    }
  }
  return SocialGraph.fromIndexPairs(ids, src, dst, e, options);
}
