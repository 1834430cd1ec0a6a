/**
 * Barabási–Albert preferential attachment: each new node ties to m distinct existing nodes
 * chosen with probability proportional to their degree. Gives the heavy-tailed degrees of
 * real social networks.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { type GeneratorOptions, resolveIds } from "./generator_options.ts";
import { SocialGraph } from "./graph.ts";

/**
 * Generates a Barabási–Albert graph. Like networkx, it starts from a star of m+1 nodes and so
 * has exactly m·(n−m) ties. Degree-proportional choice draws uniformly from a typed array
 * holding each tie's two endpoints, which keeps 100,000 nodes fast.
 *
 * @param n Number of nodes (> m).
 * @param m Ties each new node makes (≥ 1).
 * @param options Seeded rng, ids, tie attributes.
 * @returns The graph.
 *
 * @example m·(n−m) ties, same seed same graph
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const g = barabasiAlbert(100, 2, { rng: new Rng(1) });
 * assert.equal(g.tieCount, 2 * 98);
 * assert.deepEqual(barabasiAlbert(100, 2, { rng: new Rng(1) }).toJSON(), g.toJSON());
 * ```
 */
export function barabasiAlbert(n: number, m: number, options: GeneratorOptions): SocialGraph {
  const ids = resolveIds(n, options.ids);
  if (!Number.isInteger(m) || m < 1 || m >= n) {
    throw new ConfigError(
      "barabasiAlbert",
      "m",
      `Barabási–Albert needs 1 ≤ m < n, got m=${m}, n=${n}`,
    );
  }
  const { rng } = options;
  const total = m * (n - m);
  const src = new Int32Array(total), dst = new Int32Array(total);
  const ends = new Int32Array(2 * total);
  let e = 0, r = 0;
  for (let leaf = 1; leaf <= m; leaf++) {
    src[e] = leaf;
    dst[e++] = 0;
    ends[r++] = leaf;
    ends[r++] = 0;
  }
  const chosen = new Int32Array(m);
  for (let v = m + 1; v < n; v++) {
    let c = 0;
    while (c < m) {
      const t = ends[rng.int(r)];
      let dup = false;
      for (let k = 0; k < c; k++) if (chosen[k] === t) dup = true;
      if (!dup) chosen[c++] = t;
    }
    for (let k = 0; k < m; k++) {
      src[e] = v;
      dst[e++] = chosen[k];
      ends[r++] = v;
      ends[r++] = chosen[k];
    }
  }
  return SocialGraph.fromIndexPairs(ids, src, dst, e, options);
}
