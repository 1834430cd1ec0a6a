/**
 * What a run folder describes itself with: manifest.json (config, seed, versions, code
 * revision, wall-clock times) and the checkpoint's record of what of the logs it covers.
 *
 * @module
 */

/** What manifest.json holds. */
export interface Manifest {
  name: string;
  seed: number | string;
  config: unknown;
  versions: { socius: string; deno: string };
  codeRevision: string | null;
  /** Hash of the prompt templates in use (prompt wording is an experimental variable). */
  templatesHash: string | null;
  brain: string;
  /** A mixed population: the agents of each brain (absent when every agent has `brain`). */
  brains?: { brain: string; share: number | null; agents: string[] }[];
  /** The embedder of memory and search ("hashed-ngram-256" when the fallback was used). */
  embedder?: string;
  /** Wall-clock times belong here, never in events. */
  started: string;
  finished: string | null;
  /** Profiles read from the source and profiles synthesised from it. */
  population?: { real: number; synthesized: number };
  /** Why the run stopped early (a budget cap), or null. */
  stopped?: string | null;
  resumed: string[];
  /** The branch this run was forked from, if any. */
  parent: { run: string; round: number } | null;
  /** Settings changed on purpose when the run was resumed (more rounds, raised caps). */
  changes?: { at: string; field: string; from: unknown; to: unknown }[];
  /** The social graph stored beside the logs (run_graph.ts), and what verifies it. */
  graph?: { file: string; sha256: string; nodes: number; links: number };
}

/** A checkpoint: world state after a completed round, and what of the logs it covers. */
export interface Checkpoint<S = unknown> {
  /** The last completed round. */
  round: number;
  /** Byte length of events.jsonl after that round. */
  eventsBytes: number;
  /** Byte length of metrics.jsonl after that round. */
  metricsBytes: number;
  /** Number of events (lines of events.jsonl) after that round. */
  events: number;
  /** SHA-256 of events.jsonl's first `eventsBytes` bytes (absent in runs saved before it). */
  eventsSha256?: string;
  /** SHA-256 of metrics.jsonl's first `metricsBytes` bytes. */
  metricsSha256?: string;
  /** Number of rows (lines) of metrics.jsonl after that round. */
  metricsRows?: number;
  /** The world state. */
  state: S;
}

/** The code revision, when the project is a git checkout. */
export async function codeRevision(): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd: new URL("../..", import.meta.url).pathname,
      stdout: "piped",
      stderr: "null",
    }).output();
    return out.code === 0 ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch {
    return null;
  }
}

/**
 * manifest.json's text: indented for people who open it, with a final line break.
 *
 * @param manifest The manifest.
 * @returns The file's text.
 *
 * @example One manifest, one text
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Manifest, manifestText } from "@lib/sim/run_manifest.ts";
 * const m = { name: "t", seed: 1 } as Manifest;
 * assert.equal(manifestText(m), '{\n  "name": "t",\n  "seed": 1\n}\n');
 * ```
 */
export function manifestText(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}
