/**
 * What a model may know when it predicts a real cascade: where it starts on the follower graph
 * and its first minutes. The real tree's first k minutes are placed on the graph (the root on
 * its own account when the graph has it, else on an account drawn among those with enough
 * followers to carry what is observed; every early retweeter on an unused follower of the
 * account it retweeted), so a model continues from the same observed state, and its prefix
 * curve equals the real one.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { InboxCsr } from "@lib/social/spread/csr.ts";

/** For each agent, the agents that read it (the inbox CSR transposed). */
export interface ReaderCsr {
  offsets: Int32Array;
  readers: Int32Array;
}

/**
 * Transposes an inbox CSR: who reads each agent.
 *
 * @param csr Who each agent reads.
 * @returns Who reads each agent, ascending.
 *
 * @example
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { readerCsr } from "@lib/eval/cascades_prefix.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b", "c"]);
 * g.addEdge("b", "a", { directed: true }); // b reads a
 * g.addEdge("c", "a", { directed: true });
 * const r = readerCsr(inboxCsr(g));
 * assert.deepEqual([...r.readers.subarray(r.offsets[0], r.offsets[1])], [1, 2]);
 * ```
 */
export function readerCsr(csr: InboxCsr): ReaderCsr {
  const n = csr.ids.length;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < csr.sources.length; k++) offsets[csr.sources[k] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const readers = new Int32Array(csr.sources.length);
  for (let i = 0; i < n; i++) {
    for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) readers[fill[csr.sources[k]]++] = i;
  }
  return { offsets, readers };
}

/** A real cascade's observed start, placed on the graph. */
export interface PlacedPrefix {
  /** The graph account standing for the root. */
  root: string;
  /** Every placed account (root first), the models' seeds. */
  posters: string[];
  /** The observed edges on graph ids, real times in minutes. */
  edges: CascadeEdge[];
}

/** Where and how much of a cascade to place. */
export interface PrefixOptions {
  /** Observed minutes: nodes reached by then (with all their ancestors) are placed. */
  cutMin: number;
  /** The root's account on the graph, when known and present. */
  rootUser?: string;
  /** Seed of the placement draws. */
  seed: number | string;
  /** The cascade's name, for errors. */
  name: string;
}

/**
 * Places a cascade's first minutes on the graph.
 *
 * @param csr Who reads whom.
 * @param readers Its transpose ({@link readerCsr}).
 * @param edges The real cascade (a tree as the Twitter loader returns it, minutes).
 * @param options Cut, root account, seed.
 * @returns The placed prefix.
 * @throws DataError when the graph has no room for the observed prefix.
 *
 * @example The root's two early retweeters land on two of its followers
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { placePrefix, readerCsr } from "@lib/eval/cascades_prefix.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["h", "x", "y", "z"]);
 * for (const f of ["x", "y", "z"]) g.addEdge(f, "h", { directed: true });
 * const csr = inboxCsr(g);
 * const real = [
 *   { parent: null, child: "r", time: 0 },
 *   { parent: "r", child: "a", time: 5 },
 *   { parent: "r", child: "b", time: 8 },
 *   { parent: "r", child: "c", time: 90 },
 * ];
 * const p = placePrefix(csr, readerCsr(csr), real, { cutMin: 30, seed: 1, name: "t" });
 * assert.equal(p.root, "h");
 * assert.equal(p.posters.length, 3);
 * assert.ok(p.edges.slice(1).every((e) => e.parent === "h"));
 * ```
 */
export function placePrefix(
  csr: InboxCsr,
  readers: ReaderCsr,
  edges: readonly CascadeEdge[],
  options: PrefixOptions,
): PlacedPrefix {
  const rng = new Rng(`prefix:${options.seed}:${options.name}`);
  const parentOf = new Map<string, string | null>(), timeOf = new Map<string, number>();
  for (const e of edges) {
    if (parentOf.has(e.child)) continue;
    parentOf.set(e.child, e.parent);
    timeOf.set(e.child, e.time);
  }
  const rootId = edges.find((e) => e.parent === null)?.child;
  if (rootId === undefined) {
    throw new DataError(options.name, 0, "expected a root line, found none");
  }
  const observed = new Map<string, boolean>();
  const isObserved = (id: string, depth: number): boolean => {
    const known = observed.get(id);
    if (known !== undefined) return known;
    const p = parentOf.get(id);
    const ok = (timeOf.get(id) ?? Infinity) <= options.cutMin &&
      (p === null || p === undefined || (depth < 10_000 && isObserved(p, depth + 1)));
    observed.set(id, ok);
    return ok;
  };
  const children = new Map<string, string[]>();
  for (const [id, p] of parentOf) {
    if (p === null || p === undefined || !isObserved(id, 0)) continue;
    const list = children.get(p);
    if (list) list.push(id);
    else children.set(p, [id]);
  }
  for (const list of children.values()) {
    list.sort((a, b) => timeOf.get(a)! - timeOf.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  }
  const n = csr.ids.length;
  const index = new Map<string, number>();
  csr.ids.forEach((id, k) => index.set(id, k));
  const readerCount = (i: number) => readers.offsets[i + 1] - readers.offsets[i];
  let root = options.rootUser !== undefined ? index.get(options.rootUser) ?? -1 : -1;
  if (root < 0) {
    // The root's follower count is not in the tree: draw among accounts that can carry the
    // observed direct retweets, as likely as the graph makes them.
    const need = Math.max(1, children.get(rootId)?.length ?? 0);
    const fit: number[] = [];
    for (let i = 0; i < n; i++) if (readerCount(i) >= need) fit.push(i);
    if (fit.length === 0) {
      let best = 0;
      for (let i = 1; i < n; i++) if (readerCount(i) > readerCount(best)) best = i;
      fit.push(best);
    }
    root = rng.pick(fit);
  }
  const used = new Uint8Array(n);
  used[root] = 1;
  const placed = new Map<string, number>([[rootId, root]]);
  const order = [rootId];
  const out: CascadeEdge[] = [{ parent: null, child: csr.ids[root], time: 0 }];
  let scan = 0;
  for (let q = 0; q < order.length; q++) {
    const from = placed.get(order[q])!;
    for (const child of children.get(order[q]) ?? []) {
      let at = freeReader(readers, from, used, rng);
      for (let k = 0; at < 0 && k < order.length; k++) {
        at = freeReader(readers, placed.get(order[k])!, used, rng);
      }
      while (at < 0 && scan < n) if (!used[scan++]) at = scan - 1;
      if (at < 0) {
        throw new DataError(
          options.name,
          0,
          `expected a graph larger than the cascade's observed start, found ${n} accounts`,
        );
      }
      used[at] = 1;
      placed.set(child, at);
      order.push(child);
      out.push({ parent: csr.ids[from], child: csr.ids[at], time: timeOf.get(child)! });
    }
  }
  return { root: csr.ids[root], posters: out.map((e) => e.child), edges: out };
}

function freeReader(readers: ReaderCsr, of: number, used: Uint8Array, rng: Rng): number {
  const lo = readers.offsets[of], hi = readers.offsets[of + 1];
  if (hi === lo) return -1;
  // Start at a random follower and take the first free one, so placement is not biased to
  // low indices (the oldest accounts of a generated graph).
  const start = rng.int(hi - lo);
  for (let k = 0; k < hi - lo; k++) {
    const r = readers.readers[lo + ((start + k) % (hi - lo))];
    if (!used[r]) return r;
  }
  return -1;
}
