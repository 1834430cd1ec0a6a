/**
 * How an ALS half-sweep is handed to workers (als_pool.ts): its sparse side and factors on
 * shared memory, and its rows cut into one contiguous chunk per worker of about equal cost.
 * Rows are solved independently, so any cut gives the same factors, bit for bit; so are the
 * rows of the Gram matrix each half-sweep starts from ({@link gramJobs}).
 *
 * @module
 */
import type { AlsJob, GramJob } from "./als_pool.ts";
import type { EigenGram } from "./als_rotate.ts";

/** The sparse side a half-sweep solves: row pointers, column indices, weights. */
export interface Side {
  ptr: Int32Array;
  idx: Int32Array;
  w: Float32Array;
}

/**
 * A typed array of `length` zeros, on a SharedArrayBuffer when `shared`.
 *
 * @param kind Float32Array or Int32Array.
 * @param length Elements.
 * @param shared Whether workers will read and write it.
 * @returns The array.
 * @example
 * ```ts
 * import { sharedOrPlain } from "@lib/recsys/als_jobs.ts";
 * import assert from "node:assert/strict";
 * assert.ok(sharedOrPlain(Float32Array, 4, true).buffer instanceof SharedArrayBuffer);
 * assert.ok(sharedOrPlain(Int32Array, 4, false).buffer instanceof ArrayBuffer);
 * ```
 */
export function sharedOrPlain<T extends Float32Array | Int32Array>(
  kind: { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  length: number,
  shared: boolean,
): T {
  const bytes = length * kind.BYTES_PER_ELEMENT;
  return new kind(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * Copies one side of the interaction matrix onto shared memory for the workers.
 *
 * @param ptr Row pointers.
 * @param idx Column indices.
 * @param w Weights.
 * @returns The same side on SharedArrayBuffers.
 * @example
 * ```ts
 * import { shareSide } from "@lib/recsys/als_jobs.ts";
 * import assert from "node:assert/strict";
 * const s = shareSide(new Int32Array([0, 1]), new Int32Array([3]), new Float32Array([2]));
 * assert.ok(s.idx.buffer instanceof SharedArrayBuffer);
 * assert.deepEqual([...s.ptr, ...s.idx, ...s.w], [0, 1, 3, 2]);
 * ```
 */
export function shareSide(ptr: Int32Array, idx: Int32Array, w: Float32Array): Side {
  const copy = <T extends Float32Array | Int32Array>(
    kind: { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
    a: T,
  ): T => {
    const out = sharedOrPlain(kind, a.length, true);
    out.set(a);
    return out;
  };
  return { ptr: copy(Int32Array, ptr), idx: copy(Int32Array, idx), w: copy(Float32Array, w) };
}

/**
 * A half-sweep as contiguous chunks of about equal cost (a row costs about f for its Gram
 * products plus 2 per stored interaction), one per worker; an empty chunk is left out.
 *
 * @param x The factors being solved.
 * @param y The fixed factors.
 * @param side The sparse side of `x`'s rows.
 * @param gram YᵀY + λI, or its eigen form (a rotated half-sweep).
 * @param solve Latent dimensions, confidence slope, CG steps, and how many workers.
 * @returns The jobs, in row order.
 * @example Two workers share four equal rows
 * ```ts
 * import { halfSweepJobs } from "@lib/recsys/als_jobs.ts";
 * import assert from "node:assert/strict";
 * const side = { ptr: new Int32Array([0, 1, 2, 3, 4]), idx: new Int32Array(4), w: new Float32Array(4) };
 * const jobs = halfSweepJobs(new Float32Array(4), new Float32Array(1), side, new Float64Array(1), { f: 1, alpha: 1, cgSteps: 3, workers: 2 });
 * assert.deepEqual(jobs.map((j) => [j.rowStart, j.rowEnd]), [[0, 2], [2, 4]]);
 * ```
 */
export function halfSweepJobs(
  x: Float32Array,
  y: Float32Array,
  side: Side,
  gram: Float64Array | EigenGram,
  solve: { f: number; alpha: number; cgSteps: number; workers: number },
): AlsJob[] {
  const { f, alpha, cgSteps } = solve, ptr = side.ptr;
  return cutByCost(ptr.length - 1, solve.workers, (u) => 2 * ptr[u] + f * u)
    .map(([rowStart, rowEnd]) => ({ x, y, ...side, gram, f, alpha, cgSteps, rowStart, rowEnd }));
}

/**
 * The sums of a Gram matrix of `y` cut by rows of g, one contiguous range per worker: row a
 * holds f − a entries (from a rounded down to even), so the first rows are the longest and
 * the cuts balance the triangle, not the row count.
 *
 * @param y The factors summed (shared).
 * @param f Latent dimensions.
 * @param out The f × f sums (shared), which the jobs fill.
 * @param workers How many jobs at most.
 * @returns The jobs, in row order, covering every row once.
 * @example Two workers share a triangle of 32 rows
 * ```ts
 * import { gramJobs } from "@lib/recsys/als_jobs.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(32 * 32);
 * const jobs = gramJobs(new Float32Array(64), 32, out, 2);
 * assert.deepEqual(jobs.map((j) => [j.from, j.to]), [[0, 10], [10, 32]]); // 280 and 264 entries
 * ```
 */
export function gramJobs(
  y: Float32Array,
  f: number,
  out: Float64Array,
  workers: number,
): GramJob[] {
  // Entries of rows 0..a−1, for every a.
  const before = new Float64Array(f + 1);
  for (let a = 0; a < f; a++) before[a + 1] = before[a] + f - (a & ~1);
  return cutByCost(f, workers, (a) => before[a])
    .map(([from, to]) => ({ kind: "gram" as const, y, f, from, to, out }));
}

/**
 * Rows 0..rows−1 cut into at most `parts` contiguous ranges of about equal cost: range k
 * ends at the first row whose cost before it reaches k/parts of the whole. Empty ranges are
 * left out.
 *
 * @param rows How many rows.
 * @param parts How many ranges at most.
 * @param costBefore The cost of the rows before a row (non-decreasing, 0 at row 0).
 * @returns The ranges as [start, end), in row order, covering every row once.
 * @example
 * ```ts
 * import { cutByCost } from "@lib/recsys/als_jobs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(cutByCost(4, 2, (r) => r), [[0, 2], [2, 4]]);
 * assert.deepEqual(cutByCost(3, 5, (r) => r), [[0, 1], [1, 2], [2, 3]]);
 * ```
 */
export function cutByCost(
  rows: number,
  parts: number,
  costBefore: (row: number) => number,
): [number, number][] {
  const n = Math.min(parts, rows), total = costBefore(rows);
  const cuts: [number, number][] = [];
  let start = 0;
  for (let k = 1; k <= n; k++) {
    let lo = start, hi = rows;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (costBefore(mid) * n < total * k) lo = mid + 1;
      else hi = mid;
    }
    const end = k === n ? rows : lo;
    if (end > start) cuts.push([start, end]);
    start = end;
  }
  return cuts;
}
