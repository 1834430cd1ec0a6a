/**
 * The run folder: manifest.json (config, seed, versions, code revision, wall-clock times),
 * events.jsonl (simulated time only), metrics.jsonl (collector rows per round) and
 * checkpoint.json (the world after the last completed round, with the byte lengths of the two
 * logs at that moment). Appends are synced before the checkpoint is replaced atomically, so a
 * run killed at any instant resumes from its last checkpoint and nothing corrupt blocks it.
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";

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
  /** The embedder of memory and search ("hashed-ngram-256" when the fallback was used). */
  embedder?: string;
  /** Wall-clock times belong here, never in events. */
  started: string;
  finished: string | null;
  /** Why the run stopped early (a budget cap), or null. */
  stopped?: string | null;
  resumed: string[];
  /** The branch this run was forked from, if any. */
  parent: { run: string; round: number } | null;
}

/** A checkpoint: world state after a completed round. */
export interface Checkpoint<S = unknown> {
  /** The last completed round. */
  round: number;
  /** Byte length of events.jsonl after that round. */
  eventsBytes: number;
  /** Byte length of metrics.jsonl after that round. */
  metricsBytes: number;
  /** Number of events after that round. */
  events: number;
  /** The world state. */
  state: S;
}

/** Lines per write: large rounds go out in chunks (a string has a maximum length). */
const CHUNK_LINES = 20_000;

async function appendSynced(path: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  const file = await Deno.open(path, { append: true, create: true });
  try {
    const enc = new TextEncoder();
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      const bytes = enc.encode(lines.slice(i, i + CHUNK_LINES).join("\n") + "\n");
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
    }
    await file.sync();
  } finally {
    file.close();
  }
}

/**
 * Writes a file atomically: a temporary sibling is written, synced and renamed over it.
 *
 * @param path Target path.
 * @param text Contents.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
  try {
    await file.write(new TextEncoder().encode(text));
    await file.sync();
  } finally {
    file.close();
  }
  await Deno.rename(tmp, path);
}

async function size(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).size;
  } catch {
    return 0;
  }
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
 * A run folder.
 *
 * @example Create, commit a round, reopen
 * ```ts
 * import { RunStore } from "@lib/sim/run_store.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const store = await RunStore.create(`${dir}/run`, { name: "t", seed: 1, config: {}, brain: "rule" });
 * await store.commitRound(0, ['{"seq":0}'], [{ round: 0, x: 1 }], 1, { hello: "world" });
 * const again = await RunStore.open(`${dir}/run`);
 * assert.deepEqual(again.checkpoint?.state, { hello: "world" });
 * ```
 */
export class RunStore {
  /** The run folder. */
  readonly dir: string;
  /** The manifest as written. */
  manifest: Manifest;
  /** The checkpoint found when opening (null for a fresh run). */
  checkpoint: Checkpoint | null;

  private constructor(dir: string, manifest: Manifest, checkpoint: Checkpoint | null) {
    this.dir = dir;
    this.manifest = manifest;
    this.checkpoint = checkpoint;
  }

  /** Path of events.jsonl. */
  get eventsPath(): string {
    return `${this.dir}/events.jsonl`;
  }

  /** Path of metrics.jsonl. */
  get metricsPath(): string {
    return `${this.dir}/metrics.jsonl`;
  }

  /**
   * Creates a fresh run folder (refuses one that already holds a run).
   *
   * @param dir The folder.
   * @param info Name, seed, config and brain; the rest is filled in.
   * @returns The store.
   */
  static async create(
    dir: string,
    info: Pick<Manifest, "name" | "seed" | "config" | "brain"> & Partial<Manifest>,
  ): Promise<RunStore> {
    try {
      await Deno.stat(`${dir}/manifest.json`);
      throw new SociusError(
        "run",
        `${dir} already holds a run: resume it with --resume, or choose another --out`,
      );
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    await Deno.mkdir(dir, { recursive: true });
    const manifest: Manifest = {
      versions: { socius: "0.1.0", deno: Deno.version.deno },
      codeRevision: await codeRevision(),
      templatesHash: null,
      started: new Date().toISOString(),
      finished: null,
      resumed: [],
      parent: null,
      ...info,
    };
    await writeAtomic(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
    await Deno.writeTextFile(`${dir}/events.jsonl`, "");
    await Deno.writeTextFile(`${dir}/metrics.jsonl`, "");
    return new RunStore(dir, manifest, null);
  }

  /**
   * Opens an existing run folder for resuming: logs are cut back to the last checkpoint.
   *
   * @param dir The folder.
   * @returns The store with its checkpoint (null when no round completed).
   */
  static async open(dir: string): Promise<RunStore> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    } catch (e) {
      throw new SociusError(
        "run",
        `${dir}/manifest.json: cannot read the run (${(e as Error).message})`,
      );
    }
    let checkpoint: Checkpoint | null = null;
    try {
      checkpoint = JSON.parse(await Deno.readTextFile(`${dir}/checkpoint.json`));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) {
        throw new SociusError(
          "run",
          `${dir}/checkpoint.json: unreadable (${(e as Error).message})`,
        );
      }
    }
    const store = new RunStore(dir, manifest, checkpoint);
    await Deno.truncate(store.eventsPath, checkpoint?.eventsBytes ?? 0).catch(() =>
      Deno.writeTextFile(store.eventsPath, "")
    );
    await Deno.truncate(store.metricsPath, checkpoint?.metricsBytes ?? 0).catch(() =>
      Deno.writeTextFile(store.metricsPath, "")
    );
    await Deno.remove(`${dir}/checkpoint.json.tmp`).catch(() => {});
    return store;
  }

  /**
   * Records a completed round: appends its events and metric rows, then replaces the
   * checkpoint.
   *
   * @param round The round just completed.
   * @param eventLines The round's events as JSON lines (no newlines).
   * @param metricRows Collector rows of the round.
   * @param eventCount Total events after the round.
   * @param state World state to checkpoint.
   */
  async commitRound(
    round: number,
    eventLines: readonly string[],
    metricRows: readonly Record<string, unknown>[],
    eventCount: number,
    state: unknown,
  ): Promise<void> {
    await appendSynced(this.eventsPath, eventLines);
    await appendSynced(this.metricsPath, metricRows.map((r) => JSON.stringify(r)));
    const checkpoint: Checkpoint = {
      round,
      eventsBytes: await size(this.eventsPath),
      metricsBytes: await size(this.metricsPath),
      events: eventCount,
      state,
    };
    await writeAtomic(`${this.dir}/checkpoint.json`, JSON.stringify(checkpoint));
    this.checkpoint = checkpoint;
  }

  /**
   * Updates the manifest (finished time, resume times, template hash).
   *
   * @param patch Fields to change.
   */
  async updateManifest(patch: Partial<Manifest>): Promise<void> {
    this.manifest = { ...this.manifest, ...patch };
    await writeAtomic(`${this.dir}/manifest.json`, JSON.stringify(this.manifest, null, 2) + "\n");
  }
}
