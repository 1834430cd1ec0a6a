/**
 * The run folder: manifest.json (config, seed, versions, code revision, wall-clock times),
 * events.jsonl (simulated time only), metrics.jsonl (collector rows per round) and
 * checkpoint.json (the world after the last completed round, with the byte length, line count
 * and SHA-256 of the two logs at that moment) and lock.json while a process writes it. Appends
 * are written in full and synced before the checkpoint is replaced atomically, so a run killed
 * at any instant, or stopped by a full disk, resumes from its last checkpoint; reopening
 * verifies the logs against it, so a damaged log is refused instead of continued.
 *
 * @module
 */
import { appendLines, DENO_IO, type FileIo, writeAtomic } from "../core/atomic_write.ts";
import { SociusError } from "../core/errors.ts";
import { LogDigest } from "./log_digest.ts";
import { isRunFolder, prepareRunFolder } from "./run_folder.ts";
import { acquireRunLock, releaseRunLock } from "./run_lock.ts";
import { readCheckpoint, trimToVerified, verifyRunFolder } from "./run_verify.ts";
import { writeJsonFile } from "./checkpoint_file.ts";
import { type Checkpoint, codeRevision, type Manifest, manifestText } from "./run_manifest.ts";

export { writeAtomic };
export { type Checkpoint, codeRevision, type Manifest };

/** How a run folder is opened. */
export interface OpenOptions {
  /**
   * Read without writing anything (no lock, no trimming, no manifest change): for looking at
   * a run, possibly while its writer is still going.
   */
  readOnly?: boolean;
  /** The file system used for writes (a test's failing disk; Deno's by default). */
  io?: FileIo;
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
 * again.close();
 * ```
 */
export class RunStore {
  /** The run folder. */
  readonly dir: string;
  /** The manifest as written. */
  manifest: Manifest;
  /**
   * The checkpoint found when opening (null for a fresh run); after a round is committed, what
   * that round's checkpoint covers, with its state left in the file (null here).
   */
  checkpoint: Checkpoint | null;
  /** Whether this store only reads (nothing in the folder is ever changed through it). */
  readonly readOnly: boolean;
  readonly #io: FileIo;
  #events: LogDigest;
  #metrics: LogDigest;
  #failed: string | null = null;
  /** Whether this process holds the writer's lock now (a finished run lets it go). */
  #locked: boolean;

  private constructor(
    dir: string,
    manifest: Manifest,
    checkpoint: Checkpoint | null,
    logs: { events: LogDigest; metrics: LogDigest },
    options: OpenOptions,
  ) {
    this.dir = dir;
    this.manifest = manifest;
    this.checkpoint = checkpoint;
    this.readOnly = options.readOnly ?? false;
    this.#io = options.io ?? DENO_IO;
    this.#events = logs.events;
    this.#metrics = logs.metrics;
    this.#locked = !this.readOnly;
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
   * Creates a fresh run folder. The folder must be missing, empty, or (with `replace`) hold a
   * previous run that nobody is writing; anything else is refused before a byte is written.
   * The new run's writer's lock is held until {@link RunStore.close} or the process ends.
   *
   * @param dir The folder.
   * @param info Name, seed, config and brain; the rest is filled in.
   * @param options `replace`: replace a previous run in the folder; `io`: the file system.
   * @returns The store.
   */
  static async create(
    dir: string,
    info: Pick<Manifest, "name" | "seed" | "config" | "brain"> & Partial<Manifest>,
    options: { replace?: boolean; io?: FileIo } = {},
  ): Promise<RunStore> {
    await prepareRunFolder(dir, { replace: options.replace });
    await Deno.mkdir(dir, { recursive: true });
    acquireRunLock(dir);
    if (!options.replace && isRunFolder(dir)) {
      // Another process created a run here between the check and the lock.
      releaseRunLock(dir);
      throw new SociusError(
        "run",
        `${dir}: already holds a run; resume it with --resume, or choose another --out`,
      );
    }
    const io = options.io ?? DENO_IO;
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
    try {
      await writeAtomic(`${dir}/events.jsonl`, "", io);
      await writeAtomic(`${dir}/metrics.jsonl`, "", io);
      await writeAtomic(`${dir}/manifest.json`, manifestText(manifest), io);
    } catch (e) {
      releaseRunLock(dir);
      throw e;
    }
    return new RunStore(dir, manifest, null, {
      events: new LogDigest(),
      metrics: new LogDigest(),
    }, { io });
  }

  /**
   * Opens an existing run folder. Its logs are verified against the checkpoint first (a
   * missing, shortened, edited or corrupted log is refused, never padded or continued); then,
   * unless read-only, the writer's lock is taken and whatever follows the checkpoint (a round
   * that never completed) is trimmed.
   *
   * @param dir The folder.
   * @param options `readOnly` to only look; `io` for the file system.
   * @returns The store with its checkpoint (null when no round completed).
   */
  static async open(dir: string, options: OpenOptions = {}): Promise<RunStore> {
    let manifest: Manifest;
    if (!isRunFolder(dir)) {
      throw new SociusError(
        "run",
        `${dir}: no run here (no manifest.json); start it without --resume, or give the run's folder with --out`,
      );
    }
    try {
      manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
      if (typeof manifest !== "object" || manifest === null || !("config" in manifest)) {
        throw new Error("expected a JSON object with the run's config");
      }
    } catch (e) {
      throw new SociusError(
        "run",
        `${dir}/manifest.json: cannot read the run (${(e as Error).message})`,
      );
    }
    if (!options.readOnly) acquireRunLock(dir);
    try {
      const { checkpoint, events, metrics } = await verifyRunFolder(dir);
      if (!options.readOnly) {
        await trimToVerified(`${dir}/events.jsonl`, events);
        await trimToVerified(`${dir}/metrics.jsonl`, metrics);
        await Deno.remove(`${dir}/checkpoint.json.tmp`).catch(() => {});
        await Deno.remove(`${dir}/manifest.json.tmp`).catch(() => {});
      }
      return new RunStore(dir, manifest, checkpoint, {
        events: events.digest,
        metrics: metrics.digest,
      }, options);
    } catch (e) {
      if (!options.readOnly) releaseRunLock(dir);
      throw e;
    }
  }

  /**
   * The events the checkpoint covers, as the text of events.jsonl up to it (bytes a writer
   * appended since are left out, so a read-only look at a live run is consistent).
   *
   * @returns JSON lines.
   */
  async eventsText(): Promise<string> {
    let text = "";
    for await (const piece of this.#eventsPieces()) text += piece;
    return text;
  }

  /**
   * The events the checkpoint covers, line by line (as {@link eventsText}), for logs larger
   * than one string can hold (a round of a million agents writes most of a gigabyte).
   *
   * @returns JSON lines without their newlines.
   */
  async *eventLines(): AsyncGenerator<string> {
    let rest = "";
    for await (const piece of this.#eventsPieces()) {
      const lines = (rest + piece).split("\n");
      rest = lines.pop()!;
      yield* lines;
    }
    if (rest) yield rest;
  }

  /** The covered bytes of events.jsonl as text, 16 MiB at a time. */
  async *#eventsPieces(): AsyncGenerator<string> {
    const bytes = this.checkpoint?.eventsBytes ?? 0;
    if (bytes === 0) return;
    const file = await Deno.open(this.eventsPath, { read: true });
    try {
      const decoder = new TextDecoder();
      const buf = new Uint8Array(Math.min(bytes, 1 << 24));
      let left = bytes;
      while (left > 0) {
        const n = await file.read(buf.subarray(0, Math.min(left, buf.length)));
        if (n === null) break;
        left -= n;
        yield decoder.decode(buf.subarray(0, n), { stream: left > 0 });
      }
      yield decoder.decode();
    } finally {
      file.close();
    }
  }

  /**
   * Records a completed round: appends its events and metric rows in full, syncs them, then
   * replaces the checkpoint. If any write fails the error names the file, the previous
   * checkpoint stays in place (and verifies), and this store refuses further rounds.
   *
   * @param round The round just completed.
   * @param eventLines The round's events as JSON lines (no newlines), read once, a chunk at a
   *   time.
   * @param metricRows Collector rows of the round.
   * @param eventCount Total events after the round.
   * @param state World state to checkpoint.
   */
  async commitRound(
    round: number,
    eventLines: Iterable<string>,
    metricRows: readonly Record<string, unknown>[],
    eventCount: number,
    state: unknown,
  ): Promise<void> {
    await this.#writable();
    const events = new LogDigest(this.#events);
    const metrics = new LogDigest(this.#metrics);
    try {
      await appendLines(this.eventsPath, eventLines, this.#io, (b) => events.update(b));
      await appendLines(
        this.metricsPath,
        metricRows.map((r) => JSON.stringify(r)),
        this.#io,
        (b) => metrics.update(b),
      );
      const e = events.cover();
      const m = metrics.cover();
      const checkpoint: Checkpoint = {
        round,
        eventsBytes: e.bytes,
        metricsBytes: m.bytes,
        events: eventCount,
        eventsSha256: e.sha256,
        metricsSha256: m.sha256,
        metricsRows: m.lines,
        state,
      };
      await writeJsonFile(`${this.dir}/checkpoint.json`, checkpoint, this.#io);
      // The state may be the live world's own objects (the engine shares them to save a
      // copy): keep what the checkpoint covers, not the state.
      this.checkpoint = { ...checkpoint, state: null };
      this.#events = events;
      this.#metrics = metrics;
    } catch (e) {
      this.#failed = (e as Error).message;
      throw e;
    }
  }

  /**
   * Updates the manifest (finished time, resume times, template hash). Marking the run
   * finished lets go of the writer's lock (a notebook that keeps the engine does not block
   * others); a later write takes it again if the folder is still as this store left it.
   *
   * @param patch Fields to change.
   */
  async updateManifest(patch: Partial<Manifest>): Promise<void> {
    await this.#writable();
    const next = { ...this.manifest, ...patch };
    await writeAtomic(`${this.dir}/manifest.json`, manifestText(next), this.#io);
    this.manifest = next;
    if (patch.finished) {
      releaseRunLock(this.dir);
      this.#locked = false;
    }
  }

  /** Lets go of the writer's lock (the store can no longer write). */
  close(): void {
    if (this.#locked) releaseRunLock(this.dir);
    this.#locked = false;
    this.#failed ??= "the store was closed";
  }

  async #writable(): Promise<void> {
    if (this.readOnly) {
      throw new SociusError(
        "run",
        `${this.dir}: opened read-only; fork it into a new folder to continue it`,
      );
    }
    if (this.#failed !== null) {
      throw new SociusError(
        "run",
        `${this.dir}: an earlier write failed (${this.#failed}); resume the run from its last checkpoint`,
      );
    }
    if (this.#locked) return;
    acquireRunLock(this.dir);
    this.#locked = true;
    if (!(await this.#unchanged())) {
      this.close();
      throw new SociusError(
        "run",
        `${this.dir}: another process changed the run after this one finished it; open it again to continue`,
      );
    }
  }

  /** Whether manifest, checkpoint and logs are still what this store last wrote. */
  async #unchanged(): Promise<boolean> {
    try {
      const manifest = await Deno.readTextFile(`${this.dir}/manifest.json`);
      const checkpoint = this.checkpoint
        ? await readCheckpoint(`${this.dir}/checkpoint.json`)
        : null;
      return manifest === manifestText(this.manifest) &&
        checkpoint?.round === this.checkpoint?.round &&
        checkpoint?.eventsSha256 === this.checkpoint?.eventsSha256 &&
        (await Deno.stat(this.eventsPath)).size === this.#events.cover().bytes &&
        (await Deno.stat(this.metricsPath)).size === this.#metrics.cover().bytes;
    } catch {
      return false;
    }
  }
}
