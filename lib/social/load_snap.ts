/**
 * Loads SNAP-style edge lists: one `source target` pair per line, whitespace separated, `#`
 * starting a comment. Real SNAP files list undirected edges in both directions and contain
 * self-loops, so duplicates merge and self-loops are skipped unless asked otherwise.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import { SocialGraph } from "./graph.ts";
import type { EdgeListOptions } from "./load_csv.ts";

/** Options of {@link parseSnapEdges}. */
export interface SnapOptions extends EdgeListOptions {
  /** What to do with a line `a a` (default "skip"). */
  selfLoops?: "skip" | "error";
  /** What to do with columns after the second, e.g. timestamps (default "error"). */
  extraColumns?: "ignore" | "error";
  /** Relationship type of every edge (default "friend", or "follower" when directed). */
  type?: string;
}

/**
 * Parses a SNAP edge list.
 *
 * @param text The file contents.
 * @param options Direction, handling of self-loops and extra columns.
 * @returns The graph.
 *
 * @example Comments, both directions of a tie, a self-loop
 * ```ts
 * import { parseSnapEdges } from "@lib/social/load_snap.ts";
 * import assert from "node:assert/strict";
 * const g = parseSnapEdges("# Nodes: 3\n1\t2\n2 1\n2 3\n3 3\n");
 * assert.equal(g.tieCount, 2);
 * const d = parseSnapEdges("1 2\n2 1\n", { directed: true });
 * assert.equal(d.followCount, 2);
 * ```
 */
export function parseSnapEdges(text: string, options: SnapOptions = {}): SocialGraph {
  const file = options.file ?? "edges.txt";
  const graph = options.into ?? new SocialGraph();
  const directed = options.directed ?? false;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const hash = lines[n].indexOf("#");
    const body = (hash >= 0 ? lines[n].slice(0, hash) : lines[n]).trim();
    if (body === "") continue;
    const tokens = body.split(/\s+/);
    if (tokens.length < 2) {
      throw new DataError(file, n + 1, `expected "source target", got "${body}"`);
    }
    if (tokens.length > 2 && options.extraColumns !== "ignore") {
      throw new DataError(
        file,
        n + 1,
        `expected 2 columns, got ${tokens.length} (pass extraColumns: "ignore" to drop the rest)`,
      );
    }
    const [a, b] = tokens;
    if (a === b) {
      if (options.selfLoops === "error") {
        throw new DataError(file, n + 1, `self-loop on "${a}"`);
      }
      graph.addNode(a);
      continue;
    }
    graph.addEdge(a, b, { directed, type: options.type });
  }
  return graph;
}

/**
 * Reads and parses a SNAP edge list from disk.
 *
 * @param path File path.
 * @param options As {@link parseSnapEdges} (the file name defaults to path).
 * @returns The graph.
 */
export async function loadSnapEdges(path: string, options: SnapOptions = {}): Promise<SocialGraph> {
  return parseSnapEdges(await Deno.readTextFile(path), { file: path, ...options });
}
