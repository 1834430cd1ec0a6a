/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations. ALS
 * uses it to turn a half-sweep's Gram matrix into a diagonal one (als_rotate.ts). Jacobi only
 * multiplies, adds, divides and takes square roots, all correctly rounded in IEEE-754. So the
 * same matrix gives the same bits on every machine and thread, which a library routine built
 * on `Math.hypot` or `Math.atan2` would not promise.
 *
 * @module
 */

/** A symmetric matrix's eigen decomposition: g = Q · diag(values) · Qᵀ. */
export interface SymmetricEigen {
  /** The eigenvalues, in no particular order. */
  values: Float64Array;
  /** Q, f × f, row-major: column k (entries k, f + k, 2f + k, …) is eigenvector k. */
  vectors: Float64Array;
}

/** Sweeps after which Jacobi gives up converging further (it needs about ten at f = 64). */
const MAX_SWEEPS = 60;

/**
 * Diagonalises a symmetric f × f matrix. Each sweep rotates every off-diagonal pair (p, q) in
 * row order to zero; an entry too small to change either diagonal entry it sits between is
 * set to zero instead, and the sweeps stop when no entry is left.
 *
 * @param g The matrix, row-major; only its upper triangle is read. Not changed.
 * @param f Its dimension.
 * @returns The eigenvalues and eigenvectors.
 * @example A 2 × 2 matrix with eigenvalues 1 and 3
 * ```ts
 * import { symmetricEigen } from "@lib/recsys/sym_eigen.ts";
 * import assert from "node:assert/strict";
 * const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
 * assert.deepEqual([...values].map((v) => Math.round(v * 1e12) / 1e12).sort(), [1, 3]);
 * // Each column is a unit vector.
 * assert.ok(Math.abs(vectors[0] ** 2 + vectors[2] ** 2 - 1) < 1e-15);
 * ```
 */
export function symmetricEigen(g: Float64Array, f: number): SymmetricEigen {
  const a = new Float64Array(f * f);
  for (let p = 0; p < f; p++) {
    for (let q = p; q < f; q++) a[p * f + q] = a[q * f + p] = g[p * f + q];
  }
  const v = new Float64Array(f * f);
  for (let p = 0; p < f; p++) v[p * f + p] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < f - 1; p++) {
      for (let q = p + 1; q < f; q++) {
        const apq = a[p * f + q];
        if (apq === 0) continue;
        const app = a[p * f + p], aqq = a[q * f + q];
        const small = 100 * Math.abs(apq);
        if (Math.abs(app) + small === Math.abs(app) && Math.abs(aqq) + small === Math.abs(aqq)) {
          a[p * f + q] = a[q * f + p] = 0;
          continue;
        }
        rotate(a, v, f, p, q, app, aqq, apq);
        rotated = true;
      }
    }
    if (!rotated) break;
  }
  const values = new Float64Array(f);
  for (let p = 0; p < f; p++) values[p] = a[p * f + p];
  return { values, vectors: v };
}

/** One Jacobi rotation that zeroes a[p][q], applied to a (both halves) and to v's columns. */
function rotate(
  a: Float64Array,
  v: Float64Array,
  f: number,
  p: number,
  q: number,
  app: number,
  aqq: number,
  apq: number,
): void {
  // t = tan of the angle, the smaller root of t² + 2θt − 1 = 0 (Numerical Recipes §11.1).
  const theta = (aqq - app) / (2 * apq);
  const t = Math.abs(theta) > 1e150
    ? 1 / (2 * theta)
    : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1), s = t * c;
  for (let k = 0; k < f; k++) {
    if (k === p || k === q) continue;
    const akp = a[k * f + p], akq = a[k * f + q];
    const np = c * akp - s * akq, nq = s * akp + c * akq;
    a[k * f + p] = a[p * f + k] = np;
    a[k * f + q] = a[q * f + k] = nq;
  }
  a[p * f + p] = app - t * apq;
  a[q * f + q] = aqq + t * apq;
  a[p * f + q] = a[q * f + p] = 0;
  for (let k = 0; k < f; k++) {
    const vkp = v[k * f + p], vkq = v[k * f + q];
    v[k * f + p] = c * vkp - s * vkq;
    v[k * f + q] = s * vkp + c * vkq;
  }
}
