/**
 * checkpoint.json written and read in pieces. The world of a million agents is over a
 * gigabyte of JSON, more than one JavaScript string can hold, so neither `JSON.stringify` nor
 * `JSON.parse` can take it whole. The file stays one JSON document (any JSON reader opens it):
 * every long array near the top (agents, shown pages, interactions, graph nodes and edges)
 * holds one element per line, and nothing else has a line break, so a reader can rebuild the
 * value line by line.
 *
 * @module
 */
import { DENO_IO, type FileIo, writeAtomicChunks } from "../core/atomic_write.ts";

/** Arrays at least this long get one element per line. */
const LINE_ARRAY = 1024;
/** How deep objects are walked; deeper values are written by `JSON.stringify`. */
const MAX_DEPTH = 3;
/** Characters gathered before each write. */
const FLUSH_CHARS = 1 << 23;
/** Files up to this size are parsed in one go. */
const WHOLE_BYTES = 1 << 27;
/** Stands for a line-per-element array in the skeleton; NUL never appears in saved text. */
const SLOT = "\u0000socius-lines:";

/**
 * The JSON text of a value as pieces, equal to `JSON.stringify(value)` up to the line breaks
 * inside long arrays.
 *
 * @param value A JSON value (objects may have `toJSON`).
 * @param depth How deep this value sits.
 * @returns Pieces of text, in order.
 */
function* pieces(value: unknown, depth = 0): Generator<string> {
  if (value !== null && typeof value === "object" && "toJSON" in value) {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    if (value.length < LINE_ARRAY) {
      yield JSON.stringify(value);
      return;
    }
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield (JSON.stringify(value[i]) ?? "null") + (i + 1 < value.length ? ",\n" : "\n");
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    yield `${first ? "" : ","}${JSON.stringify(k)}:`;
    first = false;
    yield* pieces(v, depth + 1);
  }
  yield "}";
}

/**
 * Writes a value as JSON to `path` atomically (a temporary file, synced, then renamed), in
 * pieces, so its size is bounded by the disk rather than by the longest string.
 *
 * @param path The file.
 * @param value The value.
 * @param io The file system (a test's failing disk; Deno's by default).
 * @throws WriteError naming the file when a write fails (the old file is left in place).
 *
 * @example A value written in pieces reads back equal
 * ```ts
 * import { readJsonFile, writeJsonFile } from "@lib/sim/checkpoint_file.ts";
 * import assert from "node:assert/strict";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * const value = { round: 3, state: { agents: Array.from({ length: 2000 }, (_, i) => ({ id: `a${i}` })) } };
 * await writeJsonFile(path, value);
 * assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), value);
 * assert.deepEqual(await readJsonFile(path, { wholeBytes: 0 }), value);
 * ```
 */
export function writeJsonFile(
  path: string,
  value: unknown,
  io: FileIo = DENO_IO,
): Promise<void> {
  return writeAtomicChunks(path, chunks(value), io);
}

/** The file's bytes in chunks of about {@link FLUSH_CHARS} characters, ending with a newline. */
function* chunks(value: unknown): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let buffer: string[] = [];
  let size = 0;
  for (const piece of pieces(value)) {
    buffer.push(piece);
    size += piece.length;
    if (size >= FLUSH_CHARS) {
      yield encoder.encode(buffer.join(""));
      buffer = [];
      size = 0;
    }
  }
  buffer.push("\n");
  yield encoder.encode(buffer.join(""));
}

/**
 * Reads a JSON file, line by line when it is large: each line of a long array is parsed on
 * its own, so a file larger than the longest string still reads.
 *
 * @param path The file.
 * @param options `wholeBytes`: files up to this size are parsed in one go (default 128 MiB).
 * @returns The value.
 * @throws SyntaxError when the file is not valid JSON; Deno's errors when it cannot be read.
 */
export async function readJsonFile(
  path: string,
  options: { wholeBytes?: number } = {},
): Promise<unknown> {
  const size = (await Deno.stat(path)).size;
  if (size <= (options.wholeBytes ?? WHOLE_BYTES)) return JSON.parse(await Deno.readTextFile(path));
  const skeleton: string[] = [];
  const arrays: unknown[][] = [];
  let open: unknown[] | null = null;
  const line = (text: string) => {
    if (open !== null) {
      if (!text.startsWith("]")) {
        open.push(JSON.parse(text.endsWith(",") ? text.slice(0, -1) : text));
        return;
      }
      open = null;
      text = text.slice(1);
    }
    if (text.endsWith("[")) {
      skeleton.push(text.slice(0, -1), JSON.stringify(`${SLOT}${arrays.length}`));
      arrays.push(open = []);
    } else skeleton.push(text);
  };
  const decoder = new TextDecoder();
  let rest = "";
  using file = await Deno.open(path);
  for await (const chunk of file.readable) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    rest = lines.pop()!;
    for (const l of lines) line(l);
  }
  line(rest + decoder.decode());
  if (open !== null) throw new SyntaxError(`${path}: a list is not closed`);
  return fill(JSON.parse(skeleton.join("")), arrays, 0);
}

/** Puts the line-per-element arrays back where the skeleton holds their slots. */
function fill(value: unknown, arrays: unknown[][], depth: number): unknown {
  if (typeof value === "string" && value.startsWith(SLOT)) {
    return arrays[Number(value.slice(SLOT.length))];
  }
  if (depth > MAX_DEPTH + 1 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fill(value[i], arrays, depth + 1);
  } else {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = fill(o[k], arrays, depth + 1);
  }
  return value;
}
