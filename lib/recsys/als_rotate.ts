/**
 * Rotated half-sweeps. ALS does not change when the latent space is rotated: with Q
 * orthogonal, the factors X·Q and Y·Q give the same scores, and one half-sweep of
 * conjugate-gradient solves on them takes the same steps, each rotated by Q. If Q holds the
 * eigenvectors of the fixed side's Gram matrix YᵀY + λI, the rotated Gram matrix is diagonal.
 *
 * A row's solve costs four f × f products with the Gram matrix: the starting residual and
 * three CG steps. With a diagonal matrix it costs one f × f product instead, the rotation of
 * the row's starting value, and the rest is a multiply per element. The fixed side's rows are
 * rotated once per half-sweep, so this pays when the solved side has more than a third as many
 * rows as the fixed side. At scale the users' half-sweep qualifies: 100,000 users against a
 * catalogue of thousands.
 *
 * In exact arithmetic the model is the same. In floating point it differs from the unrotated
 * fit at the level of rounding: the factors are stored as float32 either way.
 *
 * @module
 */
import { simdRotateRows } from "./gram_simd.ts";
import { symmetricEigen } from "./sym_eigen.ts";

/** A Gram matrix in its eigenbasis: YᵀY + λI = Q · diag(d) · Qᵀ. */
export interface EigenGram {
  /** Q, f × f, row-major; column k is the k-th basis vector of the rotated space. */
  q: Float64Array;
  /** The diagonal Gram matrix of the rotated fixed side. */
  d: Float64Array;
}

/**
 * Whether a half-sweep is cheaper rotated: rotating costs one f × f product per row of both
 * sides and saves four per solved row.
 *
 * @param solvedRows Rows solved in the half-sweep.
 * @param fixedRows Rows of the fixed side.
 * @returns True when rotating saves work.
 * @example 100,000 users against 1,700 items, and back
 * ```ts
 * import { rotationPays } from "@lib/recsys/als_rotate.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rotationPays(100_000, 1_700), true);
 * assert.equal(rotationPays(1_700, 100_000), false);
 * ```
 */
export function rotationPays(solvedRows: number, fixedRows: number): boolean {
  return 3 * solvedRows > fixedRows;
}

/**
 * The eigen form of a Gram matrix.
 *
 * @param gram YᵀY + λI, f × f, row-major (als_solve.ts's gramMatrix).
 * @param f Latent dimensions.
 * @returns The rotation and the diagonal.
 * @example A diagonal matrix needs no rotation
 * ```ts
 * import { eigenGram } from "@lib/recsys/als_rotate.ts";
 * import assert from "node:assert/strict";
 * const { q, d } = eigenGram(new Float64Array([2, 0, 0, 5]), 2);
 * assert.deepEqual([...q], [1, 0, 0, 1]);
 * assert.deepEqual([...d], [2, 5]);
 * ```
 */
export function eigenGram(gram: Float64Array, f: number): EigenGram {
  const { values, vectors } = symmetricEigen(gram, f);
  return { q: vectors, d: values };
}

/**
 * Rotates rows in place: each row v becomes Qᵀ·v, entry k summed from 0 over b = 0..f−1 of
 * q[b][k]·v[b] in float64 and stored as float32: with WebAssembly SIMD where f is a multiple
 * of 8 (gram_simd.ts's simdRotateRows), else the plain loop, the same bits either way.
 *
 * @param rows Factors, rows × f, row-major.
 * @param q The rotation, f × f, row-major.
 * @param f Latent dimensions.
 * @example A quarter turn
 * ```ts
 * import { rotateRows } from "@lib/recsys/als_rotate.ts";
 * import assert from "node:assert/strict";
 * const rows = new Float32Array([1, 2]);
 * rotateRows(rows, new Float64Array([0, -1, 1, 0]), 2);
 * assert.deepEqual([...rows], [2, -1]);
 * ```
 */
export function rotateRows(rows: Float32Array, q: Float64Array, f: number): void {
  if (simdRotateRows(rows, q, f)) return;
  const v = new Float64Array(f), out = new Float64Array(f);
  for (let o = 0; o + f <= rows.length; o += f) {
    for (let b = 0; b < f; b++) v[b] = rows[o + b];
    transposeTimes(q, v, out, f);
    for (let k = 0; k < f; k++) rows[o + k] = out[k];
  }
}

/**
 * out = Qᵀ·v: entry k summed from 0 over b = 0..f−1 of q[b][k]·v[b].
 *
 * @param q The matrix, f × f, row-major.
 * @param v The vector.
 * @param out Where the product goes (not `v`).
 * @param f Dimension.
 * @example
 * ```ts
 * import { transposeTimes } from "@lib/recsys/als_rotate.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(2);
 * transposeTimes(new Float64Array([1, 2, 3, 4]), new Float64Array([1, 10]), out, 2);
 * assert.deepEqual([...out], [31, 42]);
 * ```
 */
export function transposeTimes(q: Float64Array, v: Float64Array, out: Float64Array, f: number) {
  for (let k = 0; k < f; k++) {
    let s = 0;
    for (let b = 0; b < f; b++) s += q[b * f + k] * v[b];
    out[k] = s;
  }
}

/**
 * Whether a Gram matrix is in eigen form.
 *
 * @param gram A dense Gram matrix or its eigen form.
 * @returns True for the eigen form.
 * @example
 * ```ts
 * import { eigenGram, isEigenGram } from "@lib/recsys/als_rotate.ts";
 * import assert from "node:assert/strict";
 * const dense = new Float64Array([2, 1, 1, 2]);
 * assert.equal(isEigenGram(dense), false);
 * assert.equal(isEigenGram(eigenGram(dense, 2)), true);
 * ```
 */
export function isEigenGram(gram: Float64Array | EigenGram): gram is EigenGram {
  return !(gram instanceof Float64Array);
}
