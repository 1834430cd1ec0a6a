/**
 * What a checkpoint says about a log file it covers: its byte length, its line count and the
 * SHA-256 of those bytes. Kept incrementally while a run appends (hashing the whole file at
 * every round would cost quadratic time over a long run) and recomputed from the file when a
 * run is reopened, so an edited, shortened or corrupted log is found before anything is
 * appended to it.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";

/** A log's extent and fingerprint. */
export interface LogCover {
  /** Byte length. */
  bytes: number;
  /** Number of newline-terminated lines. */
  lines: number;
  /** SHA-256 of those bytes, hex. */
  sha256: string;
}

const NEWLINE = 10;

/**
 * A running digest of a log that is only ever appended to.
 *
 * @example The digest of two appends equals the digest of the whole
 * ```ts
 * import { LogDigest } from "@lib/sim/log_digest.ts";
 * import assert from "node:assert/strict";
 * const enc = new TextEncoder();
 * const d = new LogDigest();
 * d.update(enc.encode("a\n"));
 * d.update(enc.encode("b\n"));
 * const whole = new LogDigest();
 * whole.update(enc.encode("a\nb\n"));
 * assert.deepEqual(d.cover(), whole.cover());
 * assert.equal(d.cover().lines, 2);
 * ```
 */
export class LogDigest {
  #hash: Hash;
  #bytes: number;
  #lines: number;

  /**
   * @param from Continue from another digest (a copy; the original is left alone).
   */
  constructor(from?: LogDigest) {
    this.#hash = from ? from.#hash.copy() : createHash("sha256");
    this.#bytes = from ? from.#bytes : 0;
    this.#lines = from ? from.#lines : 0;
  }

  /**
   * Adds appended bytes.
   *
   * @param bytes The bytes, in file order.
   */
  update(bytes: Uint8Array): void {
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
    for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) {
      this.#lines++;
    }
  }

  /** @returns Length, lines and hash so far (the digest can keep growing). */
  cover(): LogCover {
    return { bytes: this.#bytes, lines: this.#lines, sha256: this.#hash.copy().digest("hex") };
  }

  /**
   * Digests the first `limit` bytes of a file (all of it without a limit).
   *
   * @param path The file.
   * @param limit Bytes to read at most.
   * @returns The digest, ready to continue, and the file's full size.
   */
  static async ofFile(
    path: string,
    limit = Infinity,
  ): Promise<{ digest: LogDigest; size: number }> {
    const digest = new LogDigest();
    const file = await Deno.open(path, { read: true });
    try {
      const size = (await file.stat()).size;
      const buf = new Uint8Array(1 << 20);
      while (digest.#bytes < limit) {
        const n = await file.read(buf);
        if (n === null) break;
        digest.update(buf.subarray(0, Math.min(n, limit - digest.#bytes)));
      }
      return { digest, size };
    } finally {
      file.close();
    }
  }
}
