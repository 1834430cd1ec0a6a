/**
 * Cascade shape from parent→child spreading edges: scale (nodes reached), depth (longest
 * chain from a source) and max breadth (most nodes at one depth), at the end and over time.
 * Built to survive real propagation trees: duplicate edges, children recorded before their
 * parents (negative delays), several parents for one child, and cycles.
 *
 * @module
 */
import { type RowsInput, toRows } from "./rows.ts";

/** One spreading step: child got the information from parent at time. */
export interface CascadeEdge {
  /** The spreader, or null for a source (the tree's root). */
  parent: string | null;
  /** The node reached. */
  child: string;
  /** When the child was reached. */
  time: number;
}

/** Shape of a cascade. */
export interface CascadeShape {
  /** Nodes in the cascade (sources included). */
  scale: number;
  /** Longest chain: a source alone has depth 0. */
  depth: number;
  /** Most nodes at any one depth. */
  maxBreadth: number;
}

interface Node {
  time: number;
  parent: string | null;
  depth: number;
}

/**
 * Shape of the whole cascade.
 *
 * @param input Spreading edges.
 * @returns Scale, depth and max breadth.
 *
 * @example A root, two retweets, one retweet of a retweet, and a duplicate line
 * ```ts
 * import { cascadeShape } from "@lib/metrics/cascade.ts";
 * import assert from "node:assert/strict";
 * const edges = [
 *   { parent: null, child: "r", time: 0 },
 *   { parent: "r", child: "a", time: 1 },
 *   { parent: "r", child: "b", time: 2 },
 *   { parent: "a", child: "c", time: 3 },
 *   { parent: "a", child: "c", time: 3 },
 * ];
 * assert.deepEqual(cascadeShape(edges), { scale: 4, depth: 2, maxBreadth: 2 });
 * ```
 */
export function cascadeShape(input: RowsInput<CascadeEdge>): CascadeShape {
  const { time: _t, ...shape } = cascadeOverTime(input, [Infinity])[0];
  return shape;
}

/**
 * Shape of the cascade as it grows: at each grid time, the nodes reached by then. A node's
 * depth comes from the whole tree (its earliest-recorded parent), so a child logged before
 * its parent still sits at the right depth; nodes on a cycle with no source count in scale only.
 *
 * @param input Spreading edges.
 * @param grid Times, ascending.
 * @returns One row per grid time.
 *
 * @example Size, depth and breadth of a small cascade
 * ```ts
 * import { cascadeOverTime } from "@lib/metrics/cascade.ts";
 * import assert from "node:assert/strict";
 * const edges = [
 *   { parent: null, child: "r", time: 0 },
 *   { parent: "r", child: "a", time: 1 },
 *   { parent: "a", child: "b", time: 5 },
 * ];
 * assert.deepEqual(cascadeOverTime(edges, [0, 2, 5]).map((s) => [s.scale, s.depth, s.maxBreadth]), [
 *   [1, 0, 1], [2, 1, 1], [3, 2, 1],
 * ]);
 * ```
 */
export function cascadeOverTime(
  input: RowsInput<CascadeEdge>,
  grid: readonly number[],
): (CascadeShape & { time: number })[] {
  const nodes = buildTree(toRows(input));
  const order = [...nodes.values()].sort((a, b) => a.time - b.time);
  const perLevel: number[] = [];
  let k = 0, scale = 0, depth = 0, maxBreadth = 0;
  return grid.map((time) => {
    while (k < order.length && order[k].time <= time) {
      const d = order[k++].depth;
      scale++;
      if (d >= 0) {
        perLevel[d] = (perLevel[d] ?? 0) + 1;
        depth = Math.max(depth, d);
        maxBreadth = Math.max(maxBreadth, perLevel[d]);
      }
    }
    return { time, scale, depth, maxBreadth };
  });
}

function buildTree(edges: readonly CascadeEdge[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const firstChildAt = new Map<string, number>();
  for (const e of edges) {
    // A node was reached when it was first reached; a source (null parent) stays a source,
    // otherwise the earliest parent wins.
    const n = nodes.get(e.child);
    if (!n) nodes.set(e.child, { time: e.time, parent: e.parent, depth: -1 });
    else {
      if (e.parent === null) n.parent = null;
      else if (n.parent !== null && e.time < n.time) n.parent = e.parent;
      n.time = Math.min(n.time, e.time);
    }
    if (e.parent !== null) {
      firstChildAt.set(e.parent, Math.min(firstChildAt.get(e.parent) ?? Infinity, e.time));
    }
  }
  // A spreader never recorded as reached is a source, present from its first child's time.
  for (const [id, time] of firstChildAt) {
    if (!nodes.has(id)) nodes.set(id, { time, parent: null, depth: -1 });
  }
  const children = new Map<string, string[]>();
  for (const [id, n] of nodes) {
    if (n.parent === null) continue;
    const list = children.get(n.parent);
    if (list) list.push(id);
    else children.set(n.parent, [id]);
  }
  const queue = [...nodes].filter(([, n]) => n.parent === null).map(([id]) => id);
  for (const id of queue) nodes.get(id)!.depth = 0;
  for (let q = 0; q < queue.length; q++) {
    const d = nodes.get(queue[q])!.depth;
    for (const c of children.get(queue[q]) ?? []) {
      const n = nodes.get(c)!;
      if (n.depth < 0) {
        n.depth = d + 1;
        queue.push(c);
      }
    }
  }
  return nodes;
}
