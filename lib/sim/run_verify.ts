/**
 * Checks a run folder's logs against its checkpoint before anything reads or continues them.
 * The checkpoint records how many bytes and lines of events.jsonl and metrics.jsonl it covers
 * and their SHA-256; a log that is missing, shorter, or different within that prefix cannot be
 * continued without losing or inventing history, so it is refused with what is wrong and how
 * to recover. Bytes after the prefix are a round that never completed and may be trimmed.
 *
 * @module
 */
import { z } from "zod";
import { formatIssues, SociusError } from "../core/errors.ts";
import { type LogCover, LogDigest } from "./log_digest.ts";
import { readJsonFile } from "./checkpoint_file.ts";
import type { Checkpoint } from "./run_manifest.ts";

const count = z.number().int().min(0);

/** checkpoint.json as read back (older checkpoints lack the hashes and line counts). */
export const checkpointSchema = z.object({
  round: z.number().int().min(-1),
  eventsBytes: count,
  metricsBytes: count,
  events: count,
  eventsSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  metricsSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  metricsRows: count.optional(),
  state: z.unknown().refine((s) => s !== undefined && s !== null, "expected the world state"),
});

/**
 * Parses checkpoint.json.
 *
 * @param text The file's text.
 * @param path The file, for errors.
 * @returns The checkpoint.
 * @throws SociusError naming the field that is wrong.
 *
 * @example An empty object is not a checkpoint
 * ```ts
 * import { parseCheckpoint } from "@lib/sim/run_verify.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => parseCheckpoint("{}", "run/checkpoint.json"), /run\/checkpoint.json: round/);
 * ```
 */
export function parseCheckpoint(text: string, path: string): z.infer<typeof checkpointSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw notJson(path, e);
  }
  return checkCheckpoint(raw, path);
}

/**
 * Reads checkpoint.json, line by line when it is too large for one string (a million agents).
 *
 * @param path The file.
 * @returns The validated checkpoint.
 * @throws SociusError naming the file when it is not valid JSON or not a checkpoint; Deno's
 *   errors when it cannot be read.
 */
export async function readCheckpoint(path: string): Promise<z.infer<typeof checkpointSchema>> {
  let raw: unknown;
  try {
    raw = await readJsonFile(path);
  } catch (e) {
    if (e instanceof SyntaxError) throw notJson(path, e);
    throw e;
  }
  return checkCheckpoint(raw, path);
}

function notJson(path: string, e: unknown): SociusError {
  return new SociusError("run", `${path}: not valid JSON (${(e as Error).message}); ${RECOVER}`);
}

function checkCheckpoint(raw: unknown, path: string): z.infer<typeof checkpointSchema> {
  const parsed = checkpointSchema.safeParse(raw);
  if (!parsed.success) {
    const first = formatIssues(parsed.error.issues).split("\n")[0];
    throw new SociusError("run", `${path}: ${first}; ${RECOVER}`);
  }
  return parsed.data;
}

const RECOVER =
  "restore the run folder from a copy, or start the run again in a new folder (--out): the same seed and LLM cache give the same events";

/**
 * Verifies the prefix of a log that a checkpoint covers.
 *
 * @param path The log file.
 * @param cover What the checkpoint recorded (hash and lines may be missing in old runs).
 * @param round The checkpoint's round, for the message.
 * @param unit What a line is ("events", "metric rows"), for the message.
 * @returns The digest of the verified prefix (to continue appending) and the file's size.
 * @throws SociusError saying what is wrong and how to recover.
 *
 * @example A shortened log is refused
 * ```ts
 * import { verifyLog } from "@lib/sim/run_verify.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/events.jsonl`, "{}\n");
 * await assert.rejects(
 *   () => verifyLog(`${dir}/events.jsonl`, { bytes: 6, lines: 2 }, 0, "events"),
 *   /shortened/,
 * );
 * ```
 */
export async function verifyLog(
  path: string,
  cover: { bytes: number; lines?: number; sha256?: string },
  round: number,
  unit: string,
): Promise<{ digest: LogDigest; size: number }> {
  const covered = `checkpoint.json (round ${round}) covers ${cover.bytes} bytes${
    cover.lines === undefined ? "" : ` (${cover.lines} ${unit})`
  }`;
  let result: { digest: LogDigest; size: number };
  try {
    result = await LogDigest.ofFile(path, cover.bytes);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      if (cover.bytes === 0) return { digest: new LogDigest(), size: 0 };
      throw new SociusError("run", `${path}: missing, but ${covered} of it; ${RECOVER}`);
    }
    throw new SociusError("run", `${path}: unreadable (${(e as Error).message}); ${RECOVER}`);
  }
  const got: LogCover = result.digest.cover();
  if (result.size < cover.bytes) {
    throw new SociusError(
      "run",
      `${path}: shortened to ${result.size} bytes (${got.lines} ${unit}), but ${covered}: history is missing, so the run cannot continue; ${RECOVER}`,
    );
  }
  if (cover.sha256 !== undefined && got.sha256 !== cover.sha256) {
    throw new SociusError(
      "run",
      `${path}: edited or corrupted: its first ${cover.bytes} bytes no longer match the SHA-256 that checkpoint.json (round ${round}) recorded; ${RECOVER}`,
    );
  }
  if (cover.lines !== undefined && got.lines !== cover.lines) {
    throw new SociusError(
      "run",
      `${path}: edited or corrupted: its first ${cover.bytes} bytes hold ${got.lines} ${unit}, ${covered}; ${RECOVER}`,
    );
  }
  return result;
}

/** A log verified against its checkpoint: the digest of the covered prefix and the file's size. */
export interface VerifiedLog {
  digest: LogDigest;
  size: number;
}

/**
 * Verifies a run folder's logs against its checkpoint before the run is continued or read:
 * with no checkpoint the logs may hold at most one unfinished round.
 *
 * @param dir The run folder.
 * @returns The checkpoint (null when no round completed) and both logs' verified prefixes.
 * @throws SociusError naming the file and how to recover, when a log or the checkpoint is damaged.
 *
 * @example A folder whose first round never completed
 * ```ts
 * import assert from "node:assert/strict";
 * import { verifyRunFolder } from "@lib/sim/run_verify.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/events.jsonl`, '{"type":"decision"}\n');
 * const { checkpoint, events } = await verifyRunFolder(dir);
 * assert.equal(checkpoint, null);
 * assert.equal(events.size, 20);
 * assert.equal(events.digest.cover().bytes, 0);
 * ```
 */
export async function verifyRunFolder(
  dir: string,
): Promise<{ checkpoint: Checkpoint | null; events: VerifiedLog; metrics: VerifiedLog }> {
  const path = `${dir}/checkpoint.json`;
  let checkpoint: Checkpoint | null = null;
  try {
    checkpoint = await readCheckpoint(path) as Checkpoint;
  } catch (e) {
    if (e instanceof SociusError) throw e;
    if (!(e instanceof Deno.errors.NotFound)) {
      throw new SociusError("run", `${path}: unreadable (${(e as Error).message})`);
    }
  }
  if (checkpoint === null) {
    await refuseLostCheckpoint(dir);
    const empty = async (p: string): Promise<VerifiedLog> => ({
      digest: new LogDigest(),
      size: await Deno.stat(p).then((s) => s.size, () => 0),
    });
    return {
      checkpoint: null,
      events: await empty(`${dir}/events.jsonl`),
      metrics: await empty(`${dir}/metrics.jsonl`),
    };
  }
  const events = await verifyLog(
    `${dir}/events.jsonl`,
    {
      bytes: checkpoint.eventsBytes,
      lines: checkpoint.events,
      sha256: checkpoint.eventsSha256,
    },
    checkpoint.round,
    "events",
  );
  const metrics = await verifyLog(
    `${dir}/metrics.jsonl`,
    {
      bytes: checkpoint.metricsBytes,
      lines: checkpoint.metricsRows,
      sha256: checkpoint.metricsSha256,
    },
    checkpoint.round,
    "metric rows",
  );
  return { checkpoint, events, metrics };
}

/**
 * Without a checkpoint a run has completed no round, so its events may hold at most the one
 * round whose checkpoint was never written; more means the checkpoint was lost, and trimming
 * would destroy history.
 */
async function refuseLostCheckpoint(dir: string): Promise<void> {
  const mark = '"type":"round_end"';
  let rounds = 0;
  let file: Deno.FsFile;
  try {
    file = await Deno.open(`${dir}/events.jsonl`);
  } catch {
    return;
  }
  // Counted piece by piece: the log of a million agents is longer than one string can be.
  try {
    const decoder = new TextDecoder();
    let tail = "";
    for await (const chunk of file.readable) {
      const text = tail + decoder.decode(chunk, { stream: true });
      rounds += text.split(mark).length - 1;
      // Keep what could start a mark cut by the chunk's end (too short to hold a whole one).
      tail = text.slice(-(mark.length - 1));
    }
  } catch {
    return;
  }
  if (rounds > 1) {
    throw new SociusError(
      "run",
      `${dir}/checkpoint.json: missing, but events.jsonl holds ${rounds} completed rounds; restore checkpoint.json from a copy of the run, or start the run again in a new folder (--out): the same seed and LLM cache give the same events`,
    );
  }
}

/**
 * Cuts a log back to its verified prefix (dropping a round that never completed); never
 * lengthens it, which would pad it with NULs, and creates an empty log that is missing.
 *
 * @param path The log file.
 * @param verified What {@link verifyRunFolder} found of it.
 *
 * @example An unfinished round's lines are cut
 * ```ts
 * import assert from "node:assert/strict";
 * import { trimToVerified, verifyRunFolder } from "@lib/sim/run_verify.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/events.jsonl`, '{"type":"decision"}\n');
 * const { events } = await verifyRunFolder(dir);
 * await trimToVerified(`${dir}/events.jsonl`, events);
 * assert.equal(await Deno.readTextFile(`${dir}/events.jsonl`), "");
 * ```
 */
export async function trimToVerified(path: string, verified: VerifiedLog): Promise<void> {
  const keep = verified.digest.cover().bytes;
  if (verified.size > keep) await Deno.truncate(path, keep);
  else if (verified.size === 0 && keep === 0) {
    await Deno.writeTextFile(path, "", { append: true });
  }
}
