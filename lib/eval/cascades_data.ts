/**
 * Reading the inputs of the cascade evaluation: a folder in the public Twitter15/16 layout
 * (`twitter15/tree/<id>.txt`, `twitter16/tree/<id>.txt`, each with an optional `label.txt`;
 * a folder that is itself `tree/` + `label.txt` also works), an optional list of cascades
 * (CSV with an `id` column and optionally `source`, `root_user`, `num_users`) and an optional
 * follower graph (an edge list: CSV with a header, or SNAP-style whitespace pairs).
 *
 * @module
 */
import { parseCsv } from "@lib/core/csv.ts";
import { DataError } from "@lib/core/errors.ts";
import { cascadeShape } from "@lib/metrics/cascade.ts";
import { loadTwitterDir, type TreeOptions } from "@lib/eval/twitter_tree.ts";
import { loadEdgeCsv } from "@lib/social/load_csv.ts";
import { loadSnapEdges } from "@lib/social/load_snap.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { Rng } from "@lib/core/rng.ts";
import type { EvalCascade } from "./cascades.ts";

const FOLDERS = ["twitter15", "twitter16"];

async function isDir(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Loads every cascade of a Twitter15/16 folder.
 *
 * @param dir The folder.
 * @param options Window and negative-delay policy of the tree loader.
 * @returns Cascades with their source folder, sorted by folder then id.
 * @throws DataError when neither layout is there, or on a bad line.
 *
 * @example
 * ```ts
 * import { writeTwitterLayout } from "@lib/eval/cascades_layout.ts";
 * import { loadCascadeLayout } from "@lib/eval/cascades_data.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await writeTwitterLayout(dir, { seed: 2, perFolder: 2, medianSize: 10 });
 * const cs = await loadCascadeLayout(dir, { windowMin: 720 });
 * assert.deepEqual(cs.map((c) => c.source), ["twitter15", "twitter15", "twitter16", "twitter16"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function loadCascadeLayout(
  dir: string,
  options: TreeOptions = {},
): Promise<EvalCascade[]> {
  const out: EvalCascade[] = [];
  for (const folder of FOLDERS) {
    if (!(await isDir(`${dir}/${folder}/tree`))) continue;
    for (const c of await loadTwitterDir(`${dir}/${folder}`, options)) {
      out.push({ ...c, source: folder });
    }
  }
  if (out.length === 0 && (await isDir(`${dir}/tree`))) {
    const name = dir.replace(/\/+$/, "").split("/").pop() ?? dir;
    for (const c of await loadTwitterDir(dir, options)) out.push({ ...c, source: name });
  }
  if (out.length === 0) {
    throw new DataError(
      dir,
      0,
      "expected twitter15/tree/ or twitter16/tree/ with <id>.txt files, found neither",
    );
  }
  return out;
}

/**
 * Keeps the cascades a list names, with their root users.
 *
 * @param cascades Loaded cascades.
 * @param text The list: CSV with `id` and optionally `source`, `root_user`, `num_users`.
 * @param file Its name, for errors.
 * @returns The listed cascades, in list order.
 * @throws DataError on a missing `id` column, a bad `num_users`, or an id not loaded.
 *
 * @example
 * ```ts
 * import { selectCascades } from "@lib/eval/cascades_data.ts";
 * import assert from "node:assert/strict";
 * const cs = [{ sourceId: "1", source: "twitter15", label: null, edges: [], report: {} as never }];
 * const out = selectCascades(cs, "id,root_user\n1,77\n", "ids.csv");
 * assert.equal(out[0].rootUser, "77");
 * assert.throws(() => selectCascades(cs, "id\n2\n", "ids.csv"), /ids\.csv:2/);
 * ```
 */
export function selectCascades(
  cascades: readonly EvalCascade[],
  text: string,
  file: string,
): EvalCascade[] {
  const records = parseCsv(text, file);
  if (records.length === 0) {
    throw new DataError(file, 1, "expected a header with an id column, found an empty file");
  }
  const head = records[0].fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => head.indexOf(name);
  if (col("id") < 0) {
    throw new DataError(file, records[0].line, `expected an id column, found ${head.join(",")}`);
  }
  const out: EvalCascade[] = [];
  for (const r of records.slice(1)) {
    const get = (name: string) => (col(name) >= 0 ? (r.fields[col(name)] ?? "").trim() : "");
    const id = get("id"),
      source = get("source"),
      rootUser = get("root_user"),
      num = get("num_users");
    if (num !== "" && !/^\d+$/.test(num)) {
      throw new DataError(
        file,
        r.line,
        `expected a whole number of users, found ${JSON.stringify(num)}`,
        "num_users",
      );
    }
    const found = cascades.filter((c) =>
      c.sourceId === id && (source === "" || c.source === source)
    );
    if (found.length === 0) {
      throw new DataError(
        file,
        r.line,
        `expected a cascade loaded from the data folder, found none with id ${JSON.stringify(id)}`,
        "id",
      );
    }
    for (const c of found) out.push(rootUser === "" ? c : { ...c, rootUser });
  }
  return out;
}

/**
 * Loads a follower graph from an edge list (`.csv` with a header, anything else as SNAP
 * whitespace pairs), each row a follow edge from the first column to the second.
 *
 * @param file The edge list.
 * @returns The graph.
 * @throws DataError when the file cannot be read or a line is malformed.
 */
export async function loadFollowerGraph(file: string): Promise<SocialGraph> {
  try {
    return file.endsWith(".csv")
      ? await loadEdgeCsv(file, { directed: true })
      : await loadSnapEdges(file, { directed: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied) {
      throw new DataError(file, 0, `expected a readable edge list, found ${(e as Error).message}`);
    }
    throw e;
  }
}

/**
 * Drops cascades too small to score (fewer than `minSize` users within the window).
 *
 * @param cascades Cascades cut to the window.
 * @param minSize Fewest users kept.
 * @returns The kept cascades and how many were dropped.
 */
export function keepScorable(
  cascades: readonly EvalCascade[],
  minSize: number,
): { kept: EvalCascade[]; dropped: number } {
  const kept = cascades.filter((c) => cascadeShape(c.edges).scale >= minSize);
  return { kept, dropped: cascades.length - kept.length };
}

/**
 * The follower graph used when none is given: a Barabási–Albert graph (heavy-tailed follower
 * counts) four times as large as the largest cascade, at least 1,000 accounts.
 *
 * @param cascades The cascades it must hold.
 * @param seed Seed of the graph.
 * @returns The graph and its name for the output.
 */
export function defaultFollowerGraph(
  cascades: readonly EvalCascade[],
  seed: number | string,
): { graph: SocialGraph; name: string } {
  const largest = Math.max(...cascades.map((c) => cascadeShape(c.edges).scale));
  const n = Math.max(1000, 4 * largest);
  const graph = barabasiAlbert(n, 4, { rng: new Rng(`cascades-graph:${seed}`) });
  return { graph, name: `generated Barabási–Albert graph (n=${n}, m=4, seed ${seed})` };
}
