/**
 * Force-directed layout (Fruchterman–Reingold), computed in the library so a figure of the
 * graph is the same on every machine for the same seed.
 *
 * @module
 */
import type { Rng } from "@lib/core/rng.ts";
import type { SocialGraph } from "./graph.ts";

/** Options of {@link forceLayout}. */
export interface LayoutOptions {
  /** Seeds the starting positions. */
  rng: Rng;
  /** Number of iterations (default 100). */
  iterations?: number;
}

/** A node's place in the unit square. */
export interface NodePosition {
  /** Agent id. */
  id: string;
  /** Horizontal position in [0, 1]. */
  x: number;
  /** Vertical position in [0, 1]. */
  y: number;
}

/**
 * Lays the graph out by Fruchterman–Reingold: every pair repels with k²/d, linked pairs attract
 * with d²/k, and moves are capped by a temperature that cools linearly to zero. Follow edges
 * attract like ties. Cost is O(n² · iterations): meant for graphs a figure can show (a few
 * thousand nodes).
 *
 * @param graph The graph.
 * @param options Seeded rng and iteration count.
 * @returns One position per node, in node order, scaled to fill [0, 1] on the longer axis.
 *
 * @example Deterministic for a seed; linked nodes end up close
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { forceLayout } from "@lib/social/layout.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b", "c", "d"]);
 * g.addEdge("a", "b");
 * g.addEdge("c", "d");
 * const p = forceLayout(g, { rng: new Rng(1) });
 * assert.deepEqual(p, forceLayout(g, { rng: new Rng(1) }));
 * const d = (i: number, j: number) => Math.hypot(p[i].x - p[j].x, p[i].y - p[j].y);
 * assert.ok(d(0, 1) < d(0, 2));
 * ```
 */
export function forceLayout(graph: SocialGraph, options: LayoutOptions): NodePosition[] {
  const ids = graph.nodes();
  const n = ids.length;
  const iterations = options.iterations ?? 100;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = options.rng.next();
    y[i] = options.rng.next();
  }
  const edges = graph.edges().map((e) => [graph.indexOf(e.source), graph.indexOf(e.target)]);
  const k = Math.sqrt(1 / Math.max(n, 1));
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    const temperature = 0.1 * (1 - it / iterations);
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = x[i] - x[j], ddy = y[i] - y[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-18) {
          // Coincident nodes: push apart along a fixed, index-dependent direction.
          ddx = 1e-6 * Math.cos(i + j);
          ddy = 1e-6 * Math.sin(i + j);
          d2 = 1e-12;
        }
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [i, j] of edges) {
      const ddx = x[i] - x[j], ddy = y[i] - y[j];
      const d = Math.sqrt(ddx * ddx + ddy * ddy);
      const f = d / k;
      dx[i] -= ddx * f;
      dy[i] -= ddy * f;
      dx[j] += ddx * f;
      dy[j] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len === 0) continue;
      const step = Math.min(len, temperature) / len;
      x[i] += dx[i] * step;
      y[i] += dy[i] * step;
    }
  }
  return normalise(ids, x, y);
}

function normalise(ids: readonly string[], x: Float64Array, y: Float64Array): NodePosition[] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < ids.length; i++) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]);
    y1 = Math.max(y1, y[i]);
  }
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  return ids.map((id, i) => ({ id, x: (x[i] - x0) / span, y: (y[i] - y0) / span }));
}
