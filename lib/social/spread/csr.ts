/**
 * A compressed-sparse-row view of a {@link SocialGraph} for the typed-array paths: for each
 * agent, the accounts whose messages reach it (its friends and the accounts it follows).
 *
 * @module
 */
import type { SocialGraph } from "@lib/social/graph.ts";

/** Who each agent reads, as CSR arrays over dense agent indices. */
export interface InboxCsr {
  /** Agent ids; index k names ids[k]. */
  ids: readonly string[];
  /** Row k spans sources[offsets[k] .. offsets[k+1]). */
  offsets: Int32Array;
  /** Source agent indices, ascending within each row, without repeats. */
  sources: Int32Array;
}

/**
 * Builds the inbox CSR: a mutual tie lets both agents read each other; a follow edge a→b lets
 * a read b.
 *
 * @param graph The social graph.
 * @returns The CSR arrays.
 *
 * @example
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b", "c"]);
 * g.addEdge("a", "b");
 * g.addEdge("c", "a", { directed: true }); // c follows a
 * const csr = inboxCsr(g);
 * assert.deepEqual([...csr.offsets], [0, 1, 2, 3]);
 * assert.deepEqual([...csr.sources], [1, 0, 0]);
 * ```
 */
export function inboxCsr(graph: SocialGraph): InboxCsr {
  const ids = graph.nodes();
  const n = ids.length;
  const edges = graph.edges();
  const reader = new Int32Array(2 * edges.length), source = new Int32Array(2 * edges.length);
  let m = 0;
  for (const e of edges) {
    const a = graph.indexOf(e.source), b = graph.indexOf(e.target);
    reader[m] = a;
    source[m++] = b;
    if (!e.directed) {
      reader[m] = b;
      source[m++] = a;
    }
  }
  const counts = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) counts[reader[k] + 1]++;
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const raw = new Int32Array(m);
  for (let k = 0; k < m; k++) raw[fill[reader[k]]++] = source[k];
  // A tie and a follow between the same pair would list a source twice: sort rows, drop repeats.
  const offsets = new Int32Array(n + 1);
  const sources = new Int32Array(m);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(counts[i], counts[i + 1]).sort();
    for (let k = 0; k < row.length; k++) {
      if (k === 0 || row[k] !== row[k - 1]) sources[w++] = row[k];
    }
    offsets[i + 1] = w;
  }
  return { ids, offsets, sources: sources.slice(0, w) };
}
