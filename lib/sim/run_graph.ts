/**
 * The social graph of a run, stored in its folder as graph.json. A population run's
 * checkpoint holds only typed arrays indexed by agent, so without the graph nobody could tell
 * who passed the event to whom or draw the network; storing it lets the dashboard open the run
 * and a resume check that it continues on the same graph. The file is written atomically
 * before the manifest records its SHA-256, node and link counts, and it is verified against
 * them whenever it is read, like the logs against the checkpoint.
 *
 * @module
 */
import { writeAtomic } from "../core/atomic_write.ts";
import { SociusError } from "../core/errors.ts";
import { sha256Hex } from "../core/hash.ts";
import { SocialGraph } from "../social/graph.ts";
import type { RunStore } from "./run_store.ts";

const FILE = "graph.json";

const RECOVER =
  "restore the run folder from a copy, or start the run again in a new folder: the same seed and graph give the same events";

/**
 * Writes the graph into the run folder and records it in the manifest.
 *
 * @param store A writable run store.
 * @param graph The run's graph.
 *
 * @example Stored, then read back verified
 * ```ts
 * import { RunStore } from "@lib/sim/run_store.ts";
 * import { loadRunGraph, saveRunGraph } from "@lib/sim/run_graph.ts";
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const store = await RunStore.create(`${dir}/run`, { name: "t", seed: 1, config: {}, brain: "rule" });
 * const g = new SocialGraph(["a", "b"]);
 * g.addEdge("a", "b");
 * await saveRunGraph(store, g);
 * store.close();
 * const again = await RunStore.open(`${dir}/run`, { readOnly: true });
 * assert.deepEqual((await loadRunGraph(again))?.toJSON(), g.toJSON());
 * ```
 */
export async function saveRunGraph(store: RunStore, graph: SocialGraph): Promise<void> {
  const text = JSON.stringify(graph.toJSON());
  const sha256 = await sha256Hex(text);
  await writeAtomic(`${store.dir}/${FILE}`, text);
  await store.updateManifest({
    graph: { file: FILE, sha256, nodes: graph.nodeCount, links: graph.linkCount },
  });
}

/**
 * Reads the run's graph, verified against what the manifest recorded.
 *
 * @param store The run store (read-only is enough).
 * @returns The graph, or null when the run stored none (runs saved before graphs were kept).
 * @throws SociusError when graph.json is missing, edited or not a graph.
 *
 * @example A run that stored no graph gives null
 * ```ts
 * import { RunStore } from "@lib/sim/run_store.ts";
 * import { loadRunGraph } from "@lib/sim/run_graph.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const store = await RunStore.create(`${dir}/run`, { name: "t", seed: 1, config: {}, brain: "rule" });
 * assert.equal(await loadRunGraph(store), null);
 * store.close();
 * ```
 */
export async function loadRunGraph(store: RunStore): Promise<SocialGraph | null> {
  const recorded = store.manifest.graph;
  if (!recorded) return null;
  const path = `${store.dir}/${recorded.file}`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound
      ? "missing"
      : `unreadable (${(e as Error).message})`;
    throw new SociusError(
      "run",
      `${path}: ${why}, but manifest.json records the run's graph there; ${RECOVER}`,
    );
  }
  if (await sha256Hex(text) !== recorded.sha256) {
    throw new SociusError(
      "run",
      `${path}: edited or corrupted: it no longer matches the SHA-256 that manifest.json recorded; ${RECOVER}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SociusError("run", `${path}: not valid JSON (${(e as Error).message}); ${RECOVER}`);
  }
  const graph = SocialGraph.fromJSON(json, path);
  if (graph.nodeCount !== recorded.nodes || graph.linkCount !== recorded.links) {
    throw new SociusError(
      "run",
      `${path}: expected ${recorded.nodes} nodes and ${recorded.links} links (manifest.json), found ${graph.nodeCount} and ${graph.linkCount}; ${RECOVER}`,
    );
  }
  return graph;
}

/**
 * Whether a graph is the one a run stored (same nodes and links in the same order).
 *
 * @param store The run store.
 * @param graph The graph given now.
 * @returns True when the run stored no graph or the same one.
 *
 * @example Another graph is told apart
 * ```ts
 * import { RunStore } from "@lib/sim/run_store.ts";
 * import { sameRunGraph, saveRunGraph } from "@lib/sim/run_graph.ts";
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const store = await RunStore.create(`${dir}/run`, { name: "t", seed: 1, config: {}, brain: "rule" });
 * await saveRunGraph(store, new SocialGraph(["a", "b"]));
 * assert.ok(await sameRunGraph(store, new SocialGraph(["a", "b"])));
 * assert.ok(!(await sameRunGraph(store, new SocialGraph(["a", "c"]))));
 * store.close();
 * ```
 */
export async function sameRunGraph(store: RunStore, graph: SocialGraph): Promise<boolean> {
  const recorded = store.manifest.graph;
  return !recorded || await sha256Hex(JSON.stringify(graph.toJSON())) === recorded.sha256;
}
