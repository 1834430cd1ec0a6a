/**
 * The arithmetic of one implicit-ALS half-sweep, as pure functions over typed arrays, so the
 * main thread and the training workers run the very same code and the factors come out
 * bit-identical however the rows are split.
 *
 * @module
 */

/**
 * The Gram matrix of the fixed side plus the ridge: YᵀY + λI, f × f, row-major.
 *
 * @param y The fixed factors, rows × f, row-major.
 * @param f Latent dimensions.
 * @param lambda L2 regularisation λ.
 * @returns The f × f matrix (symmetric, both halves filled).
 * @example A single row
 * ```ts
 * import { gramMatrix } from "@lib/recsys/als_solve.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([...gramMatrix(new Float32Array([1, 2]), 2, 1)], [2, 2, 2, 5]);
 * ```
 */
export function gramMatrix(y: Float32Array, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let o = 0; o < y.length; o += f) {
    for (let a = 0; a < f; a++) {
      const ya = y[o + a];
      if (ya === 0) continue;
      for (let b = a; b < f; b++) g[a * f + b] += ya * y[o + b];
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a] += lambda;
    for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a];
  }
  return g;
}

/**
 * Solves rows `rowStart..rowEnd-1` of one half-sweep in place: each row xᵤ gets a few
 * conjugate-gradient steps on (YᵀY + λI + Yᵀ(Cᵤ−I)Y) xᵤ = YᵀCᵤpᵤ, warm-started from its
 * current value. Rows are independent of each other, so any split of the rows gives the same
 * result as one call over all of them.
 *
 * @param x The factors being solved, rows × f (written for the given rows only).
 * @param y The fixed factors, (other side) × f.
 * @param ptr Row pointers of the sparse interactions (length rows + 1).
 * @param idx Column indices (rows of `y`), aligned with `w`.
 * @param w Interaction weights; confidence c = 1 + alpha·w.
 * @param gram {@link gramMatrix} of `y`.
 * @param f Latent dimensions.
 * @param alpha Confidence slope α.
 * @param cgSteps Conjugate-gradient steps per row.
 * @param rowStart First row to solve.
 * @param rowEnd One past the last row to solve.
 * @example One user, one item
 * ```ts
 * import { gramMatrix, solveRows } from "@lib/recsys/als_solve.ts";
 * import assert from "node:assert/strict";
 * const y = new Float32Array([1]), x = new Float32Array([0]);
 * solveRows(x, y, new Int32Array([0, 1]), new Int32Array([0]), new Float32Array([1]), gramMatrix(y, 1, 1), 1, 1, 3, 0, 1);
 * assert.ok(Math.abs(x[0] - 2 / 3) < 1e-6); // (1 + λ + α) x = 1 + α
 * ```
 */
export function solveRows(
  x: Float32Array,
  y: Float32Array,
  ptr: Int32Array,
  idx: Int32Array,
  w: Float32Array,
  gram: Float64Array,
  f: number,
  alpha: number,
  cgSteps: number,
  rowStart: number,
  rowEnd: number,
): void {
  const r = new Float64Array(f),
    p = new Float64Array(f),
    ap = new Float64Array(f),
    xu = new Float64Array(f);
  for (let u = rowStart; u < rowEnd; u++) {
    const start = ptr[u], end = ptr[u + 1];
    const off = u * f;
    for (let a = 0; a < f; a++) xu[a] = x[off + a];
    gramTimes(gram, xu, r, f);
    for (let a = 0; a < f; a++) r[a] = -r[a];
    for (let e = start; e < end; e++) {
      const yo = idx[e] * f, c = 1 + alpha * w[e];
      let dot = 0;
      for (let a = 0; a < f; a++) dot += y[yo + a] * xu[a];
      const s = c - (c - 1) * dot;
      for (let a = 0; a < f; a++) r[a] += s * y[yo + a];
    }
    p.set(r);
    let rs = dot64(r, r, f);
    for (let step = 0; step < cgSteps && rs > 1e-20; step++) {
      gramTimes(gram, p, ap, f);
      for (let e = start; e < end; e++) {
        const yo = idx[e] * f, c1 = alpha * w[e];
        let dot = 0;
        for (let a = 0; a < f; a++) dot += y[yo + a] * p[a];
        dot *= c1;
        for (let a = 0; a < f; a++) ap[a] += dot * y[yo + a];
      }
      const curvature = dot64(p, ap, f);
      if (!(curvature > 0)) break;
      const stepSize = rs / curvature;
      for (let a = 0; a < f; a++) {
        xu[a] += stepSize * p[a];
        r[a] -= stepSize * ap[a];
      }
      const rsNew = dot64(r, r, f);
      for (let a = 0; a < f; a++) p[a] = r[a] + (rsNew / rs) * p[a];
      rs = rsNew;
    }
    for (let a = 0; a < f; a++) x[off + a] = xu[a];
  }
}

function gramTimes(g: Float64Array, v: Float64Array, out: Float64Array, f: number): void {
  for (let a = 0; a < f; a++) {
    let s = 0;
    for (let b = 0; b < f; b++) s += g[a * f + b] * v[b];
    out[a] = s;
  }
}

function dot64(a: Float64Array, b: Float64Array, f: number): number {
  let s = 0;
  for (let i = 0; i < f; i++) s += a[i] * b[i];
  return s;
}
