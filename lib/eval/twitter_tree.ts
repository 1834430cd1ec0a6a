/**
 * Real cascades in the Twitter15/Twitter16 propagation-tree format (Ma et al. 2017): one file
 * per source tweet, `tree/<source_id>.txt`, one edge a line,
 * `['parent_uid', 'parent_tweetid', 'parent_delay_min']->['child_uid', 'child_tweetid', 'child_delay_min']`,
 * the first line from `['ROOT', 'ROOT', '0.0']`; `label.txt` lines `label:tweet_id`.
 *
 * Real files have exact duplicate lines (dropped), negative delays (clamped to 0 by default),
 * retweets that reuse the source tweet id (so a node is the whole (uid, tweetid, delay)
 * triple), children listed before their parents and even reached before them, and delays of
 * years (cut by a configurable window).
 *
 * The tree is read whole before it is cut, so that no edge leaves a phantom root behind:
 * - a node is kept when it was reached within the window and its parent was kept; a child whose
 *   parent falls outside the window (or was dropped for a negative delay) is dropped with it,
 *   with its own descendants, because the data say it was reached through that parent;
 * - a parent that no line ever reaches is credited to the root, as Twitter credits a retweet
 *   to the source tweet, so it is not read as a second source.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import type { CascadeEdge } from "@lib/metrics/cascade.ts";

/** Options of {@link parseTwitterTree}. */
export interface TreeOptions {
  /** Keep only nodes reached within this many minutes (default: all). */
  windowMin?: number;
  /** What to do with a negative delay: clamp to 0 (default), keep, or drop the edge. */
  negativeDelays?: "clamp" | "keep" | "drop";
}

/** What the loader saw and did. */
export interface TreeReport {
  /** Non-empty lines read. */
  lines: number;
  /** Exact duplicate lines dropped. */
  duplicates: number;
  /** Edges whose child delay was negative. */
  negative: number;
  /** Edges dropped because the child came after the window. */
  outsideWindow: number;
  /** Edges dropped because their parent was dropped (reached after the window, or removed). */
  droppedWithParent: number;
  /** Edges whose parent no line reaches, re-attached to the root. */
  creditedToRoot: number;
  /** Edges kept. */
  edges: number;
}

/** One real cascade. */
export interface TwitterCascade {
  /** The source tweet id (file stem). */
  sourceId: string;
  /** Its label from label.txt, when known. */
  label: string | null;
  /** Spreading edges: child reached at `time` minutes; node ids are "uid|tweetid|delay". */
  edges: CascadeEdge[];
  /** Counts of what was read and dropped. */
  report: TreeReport;
}

const LINE =
  /^\[\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\]\s*->\s*\[\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*,\s*['"]([^'"]*)['"]\s*\]$/;

/**
 * Parses one tree file.
 *
 * @param text File contents.
 * @param file Its name, for errors (the stem is the source id).
 * @param options Window and negative-delay policy.
 * @returns The cascade (label null; see {@link loadTwitterDir}).
 * @throws DataError naming the file and line of a malformed edge or delay.
 *
 * @example A root, a retweet that reuses the source tweet id, a duplicate line
 * ```ts
 * import { parseTwitterTree } from "@lib/eval/twitter_tree.ts";
 * import assert from "node:assert/strict";
 * const text = [
 *   "['ROOT', 'ROOT', '0.0']->['10', '500', '0.0']",
 *   "['10', '500', '0.0']->['11', '500', '3.5']",
 *   "['10', '500', '0.0']->['11', '500', '3.5']",
 * ].join("\n");
 * const c = parseTwitterTree(text, "tree/500.txt");
 * assert.equal(c.sourceId, "500");
 * assert.deepEqual(c.edges, [
 *   { parent: null, child: "10|500|0.0", time: 0 },
 *   { parent: "10|500|0.0", child: "11|500|3.5", time: 3.5 },
 * ]);
 * assert.equal(c.report.duplicates, 1);
 * ```
 */
export function parseTwitterTree(
  text: string,
  file: string,
  options: TreeOptions = {},
): TwitterCascade {
  const window = options.windowMin ?? Infinity;
  const policy = options.negativeDelays ?? "clamp";
  const report: TreeReport = {
    lines: 0,
    duplicates: 0,
    negative: 0,
    outsideWindow: 0,
    droppedWithParent: 0,
    creditedToRoot: 0,
    edges: 0,
  };
  const seen = new Set<string>();
  const parsed: CascadeEdge[] = [];
  // Every node some line reaches, even if that line is dropped later: a parent among them is
  // a real node; a parent outside them is one the data never reach.
  const listed = new Set<string>();
  const lines = text.split("\n");
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (line === "") continue;
    report.lines++;
    if (seen.has(line)) {
      report.duplicates++;
      continue;
    }
    seen.add(line);
    const m = LINE.exec(line);
    if (!m) {
      throw new DataError(
        file,
        k + 1,
        `expected ['uid', 'tweetid', 'delay']->['uid', 'tweetid', 'delay'], got ${
          JSON.stringify(line.slice(0, 80))
        }`,
      );
    }
    const [, pu, pt, pd, cu, ct, cd] = m;
    const isRoot = pu === "ROOT";
    if (!isRoot) delay(pd, file, k + 1, "parent_delay_min");
    let time = delay(cd, file, k + 1, "child_delay_min");
    if (cu === "ROOT" || cu === "" || ct === "") {
      throw new DataError(file, k + 1, "child uid and tweet id must be non-empty", "child");
    }
    const child = `${cu}|${ct}|${cd}`;
    listed.add(child);
    if (time < 0) {
      report.negative++;
      if (policy === "drop") continue;
      if (policy === "clamp") time = 0;
    }
    parsed.push({ parent: isRoot ? null : `${pu}|${pt}|${pd}`, child, time });
  }
  const root = parsed.find((e) => e.parent === null)?.child ?? null;
  const byChild = new Map<string, CascadeEdge>();
  for (const e of parsed) if (!byChild.has(e.child)) byChild.set(e.child, e);
  const kept = new Map<string, boolean>();
  const keep = (id: string, guard: Set<string>): boolean => {
    const known = kept.get(id);
    if (known !== undefined) return known;
    const e = byChild.get(id);
    // A cycle, or a node dropped for its delay, cannot carry anyone inside the window.
    let ok = e !== undefined && e.time <= window && !guard.has(id);
    if (ok && e!.parent !== null && listed.has(e!.parent)) {
      guard.add(id);
      ok = keep(e!.parent, guard);
      guard.delete(id);
    }
    kept.set(id, ok);
    return ok;
  };
  const edges: CascadeEdge[] = [];
  for (const e of parsed) {
    if (e.time > window) {
      report.outsideWindow++;
      continue;
    }
    if (e.parent === null) {
      edges.push(e);
      continue;
    }
    if (!listed.has(e.parent)) {
      report.creditedToRoot++;
      edges.push(root === null || root === e.child ? e : { ...e, parent: root });
      continue;
    }
    if (!keep(e.parent, new Set([e.child]))) {
      report.droppedWithParent++;
      continue;
    }
    edges.push(e);
  }
  report.edges = edges.length;
  const stem = file.slice(file.lastIndexOf("/") + 1).replace(/\.txt$/, "");
  return { sourceId: stem, label: null, edges, report };
}

function delay(raw: string, file: string, line: number, column: string): number {
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(x)) {
    throw new DataError(
      file,
      line,
      `expected a delay in minutes, got ${JSON.stringify(raw)}`,
      column,
    );
  }
  return x;
}

/**
 * Parses label.txt.
 *
 * @param text Contents, lines `label:tweet_id`.
 * @param file Its name, for errors.
 * @returns tweet id → label.
 * @throws DataError on a line without a label or id.
 */
export function parseLabels(text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split("\n").forEach((raw, k) => {
    const line = raw.trim();
    if (line === "") return;
    const at = line.lastIndexOf(":");
    const label = line.slice(0, at).trim(), id = line.slice(at + 1).trim();
    if (at <= 0 || !/^\d+$/.test(id) || label === "") {
      throw new DataError(file, k + 1, `expected label:tweet_id, got ${JSON.stringify(line)}`);
    }
    out.set(id, label);
  });
  return out;
}

/**
 * Loads a Twitter15/16-style folder: `tree/*.txt` and an optional `label.txt`.
 *
 * @param dir The folder.
 * @param options Window and negative-delay policy.
 * @returns Cascades sorted by source id.
 * @throws DataError when the folder has no tree/ files, or on a bad line.
 */
export async function loadTwitterDir(
  dir: string,
  options: TreeOptions = {},
): Promise<TwitterCascade[]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(`${dir}/tree`)) {
      if (e.isFile && e.name.endsWith(".txt")) names.push(e.name);
    }
  } catch (err) {
    throw new DataError(
      `${dir}/tree`,
      0,
      `cannot read the tree folder (${(err as Error).message})`,
    );
  }
  if (names.length === 0) throw new DataError(`${dir}/tree`, 0, "no <source_id>.txt files");
  names.sort();
  let labels = new Map<string, string>();
  const labelFile = `${dir}/label.txt`;
  try {
    labels = parseLabels(await Deno.readTextFile(labelFile), labelFile);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const out: TwitterCascade[] = [];
  for (const name of names) {
    const file = `${dir}/tree/${name}`;
    const c = parseTwitterTree(await Deno.readTextFile(file), file, options);
    out.push({ ...c, label: labels.get(c.sourceId) ?? null });
  }
  return out;
}
