/**
 * The subgraph a set of agents induces: those agents and every edge between two of them,
 * e.g. to draw the hubs of a network too large to draw whole.
 *
 * @module
 */
import { SocialGraph } from "./graph.ts";

/**
 * @param graph The graph.
 * @param ids Agents to keep (unknown ids are an error).
 * @returns A new graph with the kept agents, in the given order, and the edges among them
 *   (ties stay ties, follows stay follows, with their attributes).
 * @throws RangeError naming an id the graph does not have.
 *
 * @example
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inducedSubgraph } from "@lib/social/subgraph.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b", "c"]);
 * g.addEdge("a", "b");
 * g.addEdge("b", "c");
 * g.addEdge("c", "a", { directed: true });
 * const sub = inducedSubgraph(g, ["a", "c"]);
 * assert.deepEqual(sub.nodes(), ["a", "c"]);
 * assert.equal(sub.followCount, 1);
 * assert.equal(sub.tieCount, 0);
 * ```
 */
export function inducedSubgraph(graph: SocialGraph, ids: readonly string[]): SocialGraph {
  for (const id of ids) {
    if (!graph.hasNode(id)) throw new RangeError(`unknown agent "${id}"`);
  }
  const sub = new SocialGraph(ids);
  for (const e of graph.edges()) {
    if (sub.hasNode(e.source) && sub.hasNode(e.target)) {
      const { source, target, ...rest } = e;
      sub.addEdge(source, target, rest);
    }
  }
  return sub;
}
