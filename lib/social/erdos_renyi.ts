/**
 * Erdős–Rényi G(n, p): every pair tied independently with probability p.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { type GeneratorOptions, resolveIds } from "./generator_options.ts";
import { SocialGraph } from "./graph.ts";

/**
 * Generates G(n, p) by geometric skipping (Batagelj–Brandes), O(n + ties) rather than O(n²),
 * so sparse graphs of 100,000 nodes are cheap.
 *
 * @param n Number of nodes.
 * @param p Tie probability in [0, 1].
 * @param options Seeded rng, ids, tie attributes.
 * @returns The graph.
 *
 * @example About p·n(n−1)/2 ties
 * ```ts
 * import { erdosRenyi } from "@lib/social/erdos_renyi.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const g = erdosRenyi(400, 0.05, { rng: new Rng(2) });
 * assert.ok(Math.abs(g.tieCount - 0.05 * 400 * 399 / 2) < 200);
 * assert.equal(erdosRenyi(10, 1, { rng: new Rng(2) }).tieCount, 45);
 * ```
 */
export function erdosRenyi(n: number, p: number, options: GeneratorOptions): SocialGraph {
  const ids = resolveIds(n, options.ids);
  if (!(p >= 0 && p <= 1)) {
    throw new ConfigError("erdosRenyi", "p", `p must be in [0, 1], got ${p}`);
  }
  const src: number[] = [], dst: number[] = [];
  if (p > 0) {
    const logq = Math.log(1 - p);
    let v = 1, w = -1;
    while (v < n) {
      // With p = 1, logq is -Infinity and every skip is 0: the complete graph.
      w += 1 + (p === 1 ? 0 : Math.floor(Math.log(1 - options.rng.next()) / logq));
      while (w >= v && v < n) {
        w -= v;
        v++;
      }
      if (v < n) {
        src.push(v);
        dst.push(w);
      }
    }
  }
  return SocialGraph.fromIndexPairs(ids, src, dst, src.length, options);
}
