/**
 * Writes that are complete or absent. A file is written in full (a short write is continued,
 * a write that makes no progress is an error), flushed to the disk, and only then renamed
 * into place, so a reader sees either the old file or the new one, never a torn one. Every
 * failure names the file. The file system is reached through {@link FileIo}, so a test can put
 * a failing disk (a full one, a short writer) under real code.
 *
 * @module
 */
import { SociusError } from "./errors.ts";

/** The part of an open file these writes use. */
export interface WritableFile {
  /** Writes some of the bytes and says how many. */
  write(bytes: Uint8Array): Promise<number>;
  /** Flushes the file to the disk. */
  sync(): Promise<void>;
  /** Closes the file. */
  close(): void;
}

/** The file system calls these writes make (Deno's by default). */
export interface FileIo {
  /** Opens a file for writing. */
  open(path: string, options: Deno.OpenOptions): Promise<WritableFile>;
  /** Renames a file over another. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file. */
  remove(path: string): Promise<void>;
}

/** Deno's file system. */
export const DENO_IO: FileIo = {
  open: (path, options) => Deno.open(path, options),
  rename: (from, to) => Deno.rename(from, to),
  remove: (path) => Deno.remove(path),
};

/** A write that failed: the file it was for and why. */
export class WriteError extends SociusError {
  /** The file that could not be written. */
  readonly file: string;

  /**
   * @param file The file that could not be written.
   * @param detail Why.
   * @param options The underlying error.
   */
  constructor(file: string, detail: string, options?: ErrorOptions) {
    super("io", `${file}: could not be written (${detail})`, options);
    this.file = file;
  }
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes every byte: a short write is continued where it stopped; a write that makes no
 * progress (or reports more than it was given) is an error rather than a silent gap.
 *
 * @param file An open file.
 * @param bytes The bytes.
 * @param name The file's name, for the error.
 *
 * @example A writer that takes three bytes at a time still gets everything
 * ```ts
 * import { writeFully } from "@lib/core/atomic_write.ts";
 * import assert from "node:assert/strict";
 * const got: number[] = [];
 * const file = {
 *   write: (b: Uint8Array) => { got.push(...b.subarray(0, 3)); return Promise.resolve(Math.min(3, b.length)); },
 *   sync: () => Promise.resolve(),
 *   close: () => {},
 * };
 * await writeFully(file, new TextEncoder().encode("hello world"), "x.txt");
 * assert.equal(new TextDecoder().decode(new Uint8Array(got)), "hello world");
 * ```
 */
export async function writeFully(
  file: WritableFile,
  bytes: Uint8Array,
  name: string,
): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    let n: number;
    try {
      n = await file.write(bytes.subarray(written));
    } catch (e) {
      throw new WriteError(name, `${reason(e)} after ${written} of ${bytes.length} bytes`, {
        cause: e,
      });
    }
    if (!(n > 0) || written + n > bytes.length) {
      throw new WriteError(
        name,
        `the disk accepted ${n} bytes after ${written} of ${bytes.length}`,
      );
    }
    written += n;
  }
}

/**
 * Writes a file atomically: a temporary sibling is written in full, synced and renamed over
 * the target. On failure the temporary file is removed and the target is left as it was.
 *
 * @param path Target path.
 * @param text Contents.
 * @param io The file system (a test's failing one, or Deno's).
 * @param tmp The temporary sibling (default `path`.tmp; a file that several processes may
 *   write at once needs one per write).
 *
 * @example Replace a file's contents
 * ```ts
 * import { writeAtomic } from "@lib/core/atomic_write.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await writeAtomic(`${dir}/a.json`, "{}");
 * await writeAtomic(`${dir}/a.json`, '{"b":1}');
 * assert.equal(await Deno.readTextFile(`${dir}/a.json`), '{"b":1}');
 * ```
 */
export function writeAtomic(
  path: string,
  text: string,
  io: FileIo = DENO_IO,
  tmp = `${path}.tmp`,
): Promise<void> {
  return writeAtomicChunks(path, [new TextEncoder().encode(text)], io, tmp);
}

/**
 * {@link writeAtomic} for contents made piece by piece: each chunk is written in full as it
 * comes, so a file larger than the longest string can be written; an error while the chunks
 * are made fails the write the same way, leaving the target as it was.
 *
 * @param path Target path.
 * @param chunks The contents, in order.
 * @param io The file system (a test's failing one, or Deno's).
 * @param tmp The temporary sibling (default `path`.tmp).
 *
 * @example Chunks written as one file
 * ```ts
 * import { writeAtomicChunks } from "@lib/core/atomic_write.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const bytes = (t: string) => new TextEncoder().encode(t);
 * await writeAtomicChunks(`${dir}/a.txt`, [bytes("ab"), bytes("cd")]);
 * assert.equal(await Deno.readTextFile(`${dir}/a.txt`), "abcd");
 * ```
 */
export async function writeAtomicChunks(
  path: string,
  chunks: Iterable<Uint8Array>,
  io: FileIo = DENO_IO,
  tmp = `${path}.tmp`,
): Promise<void> {
  try {
    const file = await io.open(tmp, { write: true, create: true, truncate: true });
    try {
      for (const bytes of chunks) await writeFully(file, bytes, path);
      await file.sync();
    } finally {
      file.close();
    }
    await io.rename(tmp, path);
  } catch (e) {
    await io.remove(tmp).catch(() => {});
    if (e instanceof WriteError) throw e;
    throw new WriteError(path, reason(e), { cause: e });
  }
}

/** Lines per write: a large batch goes out in chunks (a string has a maximum length). */
const CHUNK_LINES = 20_000;

/**
 * Appends lines (each followed by a newline) in full and syncs them. A failure names the file;
 * the caller must not record the append as done (a checkpoint still points before it).
 *
 * @param path The file (created when missing).
 * @param lines Lines without newlines (any iterable: read a chunk at a time).
 * @param io The file system.
 * @param onBytes Sees every chunk of bytes written, in order (e.g. to hash the file).
 *
 * @example Two appends make two lines each
 * ```ts
 * import { appendLines } from "@lib/core/atomic_write.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * await appendLines(`${dir}/log.jsonl`, ["a", "b"]);
 * await appendLines(`${dir}/log.jsonl`, ["c"]);
 * assert.equal(await Deno.readTextFile(`${dir}/log.jsonl`), "a\nb\nc\n");
 * ```
 */
export async function appendLines(
  path: string,
  lines: Iterable<string>,
  io: FileIo = DENO_IO,
  onBytes?: (bytes: Uint8Array) => void,
): Promise<void> {
  // Lines are taken a chunk at a time, so a caller can make them as they are written.
  const it = lines[Symbol.iterator]();
  let next = it.next();
  if (next.done) return;
  let file: WritableFile;
  try {
    file = await io.open(path, { append: true, create: true });
  } catch (e) {
    throw new WriteError(path, reason(e), { cause: e });
  }
  try {
    const enc = new TextEncoder();
    const chunk: string[] = [];
    while (!next.done) {
      chunk.length = 0;
      for (; !next.done && chunk.length < CHUNK_LINES; next = it.next()) chunk.push(next.value);
      const bytes = enc.encode(chunk.join("\n") + "\n");
      await writeFully(file, bytes, path);
      onBytes?.(bytes);
    }
    try {
      await file.sync();
    } catch (e) {
      throw new WriteError(path, reason(e), { cause: e });
    }
  } finally {
    file.close();
  }
}
