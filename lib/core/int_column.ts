/**
 * A growable column of 32-bit integers: what an array of small numbers costs in a typed array
 * (4 bytes a value, outside the garbage collector's scans) while it is still being filled.
 *
 * Values live in chunks of 65,536 that are never copied once full, so a column of millions
 * grows without leaving outgrown buffers behind for the collector (they are held outside the
 * JavaScript heap and freed only after a full collection, so they show as resident memory).
 *
 * @module
 */

const SHIFT = 16;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/**
 * A growable Int32 column.
 *
 * @example Push, read back, copy a range from another column
 * ```ts
 * import { IntColumn } from "@lib/core/int_column.ts";
 * import assert from "node:assert/strict";
 * const a = new IntColumn();
 * for (let i = 0; i < 100_000; i++) a.push(i * 3);
 * assert.equal(a.length, 100_000);
 * assert.equal(a.at(99_999), 299_997);
 * const b = new IntColumn();
 * b.pushRange(a, 65_535, 65_538);
 * assert.deepEqual(b.toArray(), [196_605, 196_608, 196_611]);
 * b.truncate(1);
 * assert.deepEqual(b.toArray(), [196_605]);
 * ```
 */
export class IntColumn {
  // The first chunk starts small and doubles up to a full chunk, so short logs stay small.
  readonly #chunks: Int32Array[] = [new Int32Array(256)];
  #length = 0;

  /** Values held. */
  get length(): number {
    return this.#length;
  }

  /**
   * Appends a value (it must fit in 32 bits; callers check, as a typed array would wrap it).
   *
   * @param value The value.
   */
  push(value: number): void {
    const i = this.#length;
    const c = i >>> SHIFT;
    let chunk = this.#chunks[c];
    if (chunk === undefined) this.#chunks.push(chunk = new Int32Array(CHUNK));
    else if ((i & MASK) === chunk.length) chunk = this.#widenFirst();
    chunk[i & MASK] = value;
    this.#length = i + 1;
  }

  /**
   * Appends values `from` to `to` (exclusive) of another column.
   *
   * @param source The column to copy from.
   * @param from First index.
   * @param to End index (exclusive).
   */
  pushRange(source: IntColumn, from: number, to: number): void {
    for (let i = from; i < to; i++) this.push(source.at(i));
  }

  /**
   * The value at an index.
   *
   * @param i The index (0 ≤ i < length).
   * @returns The value.
   */
  at(i: number): number {
    return this.#chunks[i >>> SHIFT][i & MASK];
  }

  /**
   * Drops the values from an index on.
   *
   * @param length The length to keep.
   */
  truncate(length: number): void {
    this.#length = Math.max(0, Math.min(this.#length, length));
  }

  /**
   * The values held, copied out.
   *
   * @returns The values, in order.
   */
  toArray(): number[] {
    return Array.from({ length: this.#length }, (_, i) => this.at(i));
  }

  #widenFirst(): Int32Array {
    const old = this.#chunks[0];
    const next = new Int32Array(Math.min(CHUNK, old.length * 2));
    next.set(old);
    return this.#chunks[0] = next;
  }
}

/**
 * Whether a number can be stored in an {@link IntColumn} and read back as the same number.
 *
 * @param x The number.
 * @returns True for integers from -2³¹ to 2³¹ − 1 (not -0, which would come back as 0).
 *
 * @example
 * ```ts
 * import { fitsInt32 } from "@lib/core/int_column.ts";
 * import assert from "node:assert/strict";
 * assert.ok(fitsInt32(7));
 * assert.ok(!fitsInt32(0.5));
 * assert.ok(!fitsInt32(2 ** 31));
 * assert.ok(!fitsInt32(-0));
 * assert.ok(!fitsInt32("7") && !fitsInt32(7n) && !fitsInt32(null));
 * ```
 */
export function fitsInt32(x: unknown): x is number {
  // Checked as a number first: a bigint cannot be mixed with `| 0`.
  return typeof x === "number" && (x | 0) === x && !Object.is(x, -0);
}
