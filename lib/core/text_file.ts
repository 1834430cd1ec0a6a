/**
 * Reading a text data file the way a person hands it over: a missing file or a folder is a
 * one-line {@link DataError} naming the path, and a file that is not valid UTF-8 (a profiles
 * sheet saved as Latin-1 by a spreadsheet) is decoded as Windows-1252, a superset of Latin-1,
 * instead of being turned into replacement characters.
 *
 * @module
 */
import { DataError } from "./errors.ts";

/** A decoded file and the encoding it was read in. */
export interface DecodedText {
  text: string;
  /** "utf-8", or "windows-1252" when the bytes were not valid UTF-8. */
  encoding: "utf-8" | "windows-1252";
}

/**
 * Decodes bytes as UTF-8, falling back to Windows-1252 when they are not valid UTF-8.
 * UTF-8 is tried strictly first because any byte string decodes as Windows-1252, while text
 * in a legacy single-byte encoding almost never happens to be valid UTF-8.
 *
 * @param bytes The file's bytes.
 * @returns The text and the encoding used.
 *
 * @example Latin-1 "é" is read as "é", not as a replacement character
 * ```ts
 * import { decodeText } from "@lib/core/text_file.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(decodeText(new Uint8Array([0x52, 0xe9, 0x6d, 0x69])), { text: "Rémi", encoding: "windows-1252" });
 * assert.equal(decodeText(new TextEncoder().encode("Rémi")).encoding, "utf-8");
 * ```
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/**
 * Reads a text data file. A non-UTF-8 file is decoded as Windows-1252 and a one-line note
 * says so on stderr, so the person knows the file was converted.
 *
 * @param path The file.
 * @returns The text.
 * @throws DataError when the file is missing, is a folder or cannot be read.
 *
 * @example A missing file names itself
 * ```ts
 * import { readTextData } from "@lib/core/text_file.ts";
 * import assert from "node:assert/strict";
 * await assert.rejects(readTextData("/surely/missing.csv"), /\/surely\/missing\.csv: expected a readable file, found none/);
 * ```
 */
export async function readTextData(path: string | URL): Promise<string> {
  const name = path instanceof URL ? path.pathname : path;
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new DataError(name, 0, "expected a readable file, found none");
    }
    if (e instanceof Deno.errors.IsADirectory || (e as { code?: string }).code === "EISDIR") {
      throw new DataError(name, 0, "expected a file, found a folder");
    }
    throw new DataError(name, 0, `cannot read: ${(e as Error).message}`);
  }
  const { text, encoding } = decodeText(bytes);
  if (encoding !== "utf-8") {
    console.error(`note: ${name} is not valid UTF-8; read as Windows-1252 (Latin-1)`);
  }
  return text;
}
