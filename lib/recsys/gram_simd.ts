/**
 * The Gram-matrix arithmetic of ALS with WebAssembly SIMD (gram_wasm.ts): the product g·v of
 * the row solves (f × f, four times per row and sweep) and the sums YᵀY of gramMatrix, two
 * float64 lanes at a time with no bounds checks. Each result is the same number, bit for bit,
 * as the plain loop: the same operands meet in the same order, by unfused IEEE-754 multiplies
 * and adds.
 *
 * The product reads g by columns, which are its rows since g is symmetric: column a's
 * entries g[b][a], g[b][a+1], … lie next to each other in row b, so output a and its seven
 * neighbours accumulate from one contiguous load per pair.
 *
 * @module
 */
import { type EigenGram, isEigenGram } from "./als_rotate.ts";
import { gramKernels } from "./gram_wasm.ts";

/** A workspace in WebAssembly memory: the Gram matrix, vectors, and g·v over them. */
export interface SimdGram {
  /** The f × f matrix, row-major, to fill; it must be symmetric (g[a][b] = g[b][a]). */
  gram: Float64Array;
  /** Vectors of length f, zeroed, for the caller's iterates. */
  vectors: Float64Array[];
  /**
   * out = gram · v, both of them views from {@link vectors}.
   *
   * @param v The vector multiplied.
   * @param out Where the product goes (not `v`).
   */
  times(v: Float64Array, out: Float64Array): void;
}

/**
 * A workspace for dimension f with `vectors` vectors, or null where this runtime has no
 * WebAssembly SIMD (callers then use their plain loop). Each call reuses the thread's one
 * memory, as {@link simdGramSums} does: the views of an earlier workspace must no longer be
 * used.
 *
 * @param f Latent dimensions.
 * @param vectors How many vectors of length f.
 * @returns The workspace, or null.
 * @example g·v for a symmetric 2 × 2 matrix
 * ```ts
 * import { simdGram } from "@lib/recsys/gram_simd.ts";
 * import assert from "node:assert/strict";
 * const ws = simdGram(2, 2);
 * assert.ok(ws !== null); // Deno has WebAssembly SIMD
 * ws.gram.set([2, 1, 1, 3]);
 * const [v, out] = ws.vectors;
 * v.set([1, 10]);
 * ws.times(v, out);
 * assert.deepEqual([...out], [12, 31]);
 * ```
 */
export function simdGram(f: number, vectors: number): SimdGram | null {
  const kernel = gramKernels();
  if (kernel === null) return null;
  const buffer = reserve(kernel.memory, (f * f + vectors * f) * 8);
  const gram = new Float64Array(buffer, 0, f * f);
  const vecs = Array.from(
    { length: vectors },
    (_, k) => new Float64Array(buffer, (f * f + k * f) * 8, f).fill(0),
  );
  const blocks = f >> 3, rest = blocks * 8, run = kernel.times;
  return {
    gram,
    vectors: vecs,
    times(v: Float64Array, out: Float64Array): void {
      if (blocks > 0) run(0, v.byteOffset, out.byteOffset, f, blocks);
      // The last f mod 8 outputs, by rows as the plain loop does.
      for (let a = rest, ga = rest * f; a < f; a++, ga += f) {
        let s = 0;
        for (let b = 0; b < f; b++) s += gram[ga + b] * v[b];
        out[a] = s;
      }
    },
  };
}

/** Rows of y copied into WebAssembly memory at a time, so the memory stays small. */
const CHUNK_BYTES = 1 << 20;

/**
 * YᵀY's sums as gramMatrix accumulates them: for each row of y in order and each a whose
 * factor is not zero, g[a][b] += y[a]·y[b] for b ≥ a. Entries above and on the diagonal are
 * the plain loop's bits; those below it are left unspecified (gramMatrix overwrites them with
 * their mirror). Null where this runtime has no WebAssembly SIMD. Only g's rows `from` to
 * `to` are summed when asked (the rest stay 0), each the same bits as in the whole: threads
 * can share the work by rows.
 *
 * @param y Factors, rows × f, row-major.
 * @param f Latent dimensions.
 * @param from First row of g to sum (default 0).
 * @param to One past the last (default f).
 * @returns A new f × f array, or null.
 * @example One row
 * ```ts
 * import { simdGramSums } from "@lib/recsys/gram_simd.ts";
 * import assert from "node:assert/strict";
 * const g = simdGramSums(new Float32Array([1, 2]), 2);
 * assert.ok(g !== null); // Deno has WebAssembly SIMD
 * assert.deepEqual([g[0], g[1], g[3]], [1, 2, 4]);
 * ```
 */
export function simdGramSums(
  y: Float32Array,
  f: number,
  from = 0,
  to = f,
): Float64Array | null {
  const kernel = gramKernels();
  if (kernel === null) return null;
  const rows = f > 0 ? Math.floor(y.length / f) : 0;
  const chunk = Math.max(1, Math.floor(CHUNK_BYTES / (4 * Math.max(1, f))));
  const yOffset = f * f * 8;
  const buffer = reserve(kernel.memory, yOffset + Math.min(chunk, rows) * f * 4);
  const sums = new Float64Array(buffer, 0, f * f).fill(0);
  for (let o = 0; o < rows; o += chunk) {
    const n = Math.min(chunk, rows - o);
    // Chunks go in row order, so every entry still receives its rows' products in order.
    new Float32Array(buffer, yOffset, n * f).set(y.subarray(o * f, (o + n) * f));
    kernel.accumulate(0, yOffset, n, f, from, to);
  }
  return sums.slice();
}

/**
 * The fixed factors larger than this are not copied into WebAssembly memory, whose pages a
 * thread keeps until it ends: simdSolveRows then declines, and solveRows takes its plain loops.
 */
const MAX_FIXED_BYTES = 64 << 20;

/**
 * Rows `rowStart..rowEnd-1` of one ALS half-sweep solved in WebAssembly, as als_solve.ts's
 * solveRows solves them (the same numbers, bit for bit), or false (nothing written) where
 * this runtime has no WebAssembly SIMD, f is not a multiple of 8, or y is too large to copy.
 * The rows go through WebAssembly memory in chunks of about a megabyte: their factors, row
 * pointers and interactions in, their solved factors back out.
 *
 * @param x The factors being solved, rows × f.
 * @param y The fixed factors.
 * @param ptr Row pointers of the sparse interactions.
 * @param idx Column indices (rows of y).
 * @param w Interaction weights.
 * @param gram The symmetric Gram matrix of y plus the ridge, or its eigen form (y rotated).
 * @param f Latent dimensions.
 * @param alpha Confidence slope.
 * @param cgSteps Conjugate-gradient steps per row.
 * @param rowStart First row.
 * @param rowEnd One past the last row.
 * @returns Whether the rows were solved here.
 * @example One user, one item, f = 8
 * ```ts
 * import { gramMatrix } from "@lib/recsys/als_solve.ts";
 * import { simdSolveRows } from "@lib/recsys/gram_simd.ts";
 * import assert from "node:assert/strict";
 * const y = new Float32Array(8).fill(0.5), x = new Float32Array(8);
 * const done = simdSolveRows(x, y, new Int32Array([0, 1]), new Int32Array([0]), new Float32Array([1]), gramMatrix(y, 8, 1), 8, 1, 3, 0, 1);
 * assert.ok(done && x[0] > 0);
 * ```
 */
export function simdSolveRows(
  x: Float32Array,
  y: Float32Array,
  ptr: Int32Array,
  idx: Int32Array,
  w: Float32Array,
  gram: Float64Array | EigenGram,
  f: number,
  alpha: number,
  cgSteps: number,
  rowStart: number,
  rowEnd: number,
): boolean {
  const kernel = gramKernels();
  if (kernel === null || f === 0 || f % 8 !== 0 || y.length * 4 > MAX_FIXED_BYTES) return false;
  if (rowEnd <= rowStart) return true;
  const eigen = isEigenGram(gram) ? gram : null;
  // r, p, ap and xu, and the diagonal after them when rotated.
  const vectors = f * f * 8, yAt = vectors + 5 * f * 8, chunkAt = yAt + y.length * 4;
  let buffer = reserve(kernel.memory, chunkAt + CHUNK_BYTES);
  new Float64Array(buffer, 0, f * f).set(eigen ? eigen.q : gram as Float64Array);
  if (eigen) new Float64Array(buffer, vectors + 4 * f * 8, f).set(eigen.d);
  const solve = eigen ? kernel.solveRotated : kernel.solve;
  new Float32Array(buffer, yAt, y.length).set(y);
  for (let u0 = rowStart; u0 < rowEnd;) {
    // As many rows as fit in a chunk (at least one): factors, pointer, index and weight.
    let u1 = u0 + 1;
    while (
      u1 < rowEnd && (u1 + 1 - u0) * (4 * f + 4) + (ptr[u1 + 1] - ptr[u0]) * 8 <= CHUNK_BYTES
    ) u1++;
    const n = u1 - u0, e0 = ptr[u0], e1 = ptr[u1];
    const xAt = chunkAt, ptrAt = xAt + n * f * 4, idxAt = ptrAt + (n + 1) * 4;
    const wAt = idxAt + (e1 - e0) * 4;
    buffer = reserve(kernel.memory, wAt + (e1 - e0) * 4);
    new Float32Array(buffer, xAt, n * f).set(x.subarray(u0 * f, u1 * f));
    new Int32Array(buffer, ptrAt, n + 1).set(ptr.subarray(u0, u1 + 1));
    new Int32Array(buffer, idxAt, e1 - e0).set(idx.subarray(e0, e1));
    new Float32Array(buffer, wAt, e1 - e0).set(w.subarray(e0, e1));
    // The pointers are absolute, so the index and weight bases step back by e0 entries (the
    // addresses wrap as 32-bit offsets, as WebAssembly's do).
    solve(
      0,
      vectors,
      yAt,
      xAt,
      ptrAt,
      (idxAt - e0 * 4) | 0,
      (wAt - e0 * 4) | 0,
      f,
      f >> 3,
      n,
      cgSteps,
      alpha,
    );
    x.set(new Float32Array(buffer, xAt, n * f), u0 * f);
    u0 = u1;
  }
  return true;
}

/**
 * Rotates float32 rows in place with WebAssembly SIMD, each row v becoming Qᵀ·v as
 * als_rotate.ts's rotateRows computes it (entry k summed from 0 over b of q[b][k]·v[b]), bit
 * for bit; or false (nothing written) where this runtime has no WebAssembly SIMD or f is not
 * a multiple of 8.
 *
 * @param rows Factors, rows × f, row-major.
 * @param q The rotation, f × f, row-major.
 * @param f Latent dimensions.
 * @returns Whether the rows were rotated here.
 * @example A swap of two axes, f = 8
 * ```ts
 * import { simdRotateRows } from "@lib/recsys/gram_simd.ts";
 * import assert from "node:assert/strict";
 * const q = new Float64Array(64);
 * for (let a = 0; a < 8; a++) q[a * 8 + (a < 2 ? 1 - a : a)] = 1;
 * const rows = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
 * assert.ok(simdRotateRows(rows, q, 8));
 * assert.deepEqual([...rows], [2, 1, 3, 4, 5, 6, 7, 8]);
 * ```
 */
export function simdRotateRows(rows: Float32Array, q: Float64Array, f: number): boolean {
  // For f a multiple of 8 the workspace's product is the kernel's alone, which reads the
  // matrix by columns: with Q in place of the Gram matrix it gives Qᵀ·v.
  const ws = f > 0 && f % 8 === 0 ? simdGram(f, 2) : null;
  if (ws === null) return false;
  ws.gram.set(q);
  const [v, out] = ws.vectors;
  for (let o = 0; o + f <= rows.length; o += f) {
    for (let b = 0; b < f; b++) v[b] = rows[o + b];
    ws.times(v, out);
    for (let k = 0; k < f; k++) rows[o + k] = out[k];
  }
  return true;
}

/** The memory's buffer, grown to at least `bytes`. */
function reserve(memory: WebAssembly.Memory, bytes: number): ArrayBuffer {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
  return memory.buffer;
}
