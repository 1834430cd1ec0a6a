/**
 * The arithmetic of one implicit-ALS half-sweep, as pure functions over typed arrays, so the
 * main thread and the training workers run the very same code and the factors come out
 * bit-identical however the rows are split. Where the runtime has WebAssembly SIMD, the Gram
 * sums and, for f a multiple of 8, the whole row solve run there (gram_simd.ts,
 * als_row_wasm.ts); the plain loops here give the same bits where they do not. Every loop
 * keeps each floating-point operation's operands and order: several independent sums share a
 * pass, never one sum reassociated. The row solves' dot products sum their even- and
 * odd-indexed terms apart and add the two (dot64), the order of the SIMD lanes. Given the Gram
 * matrix in eigen form (als_rotate.ts), a half-sweep runs rotated.
 *
 * @module
 */
import { type EigenGram, isEigenGram, transposeTimes } from "./als_rotate.ts";
import { simdGram, simdGramSums, simdSolveRows } from "./gram_simd.ts";

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
  return gramFromSums(simdGramSums(y, f) ?? gramSums(y, f), f, lambda);
}

/**
 * The Gram matrix from YᵀY's sums on and above the diagonal (however they were split between
 * threads): the ridge added on the diagonal and the lower half mirrored from the upper, in
 * place.
 *
 * @param g The sums, f × f, row-major; what is below the diagonal is overwritten.
 * @param f Latent dimensions.
 * @param lambda L2 regularisation λ.
 * @returns `g`, now YᵀY + λI.
 * @example
 * ```ts
 * import { gramFromSums } from "@lib/recsys/als_solve.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([...gramFromSums(new Float64Array([1, 2, 9, 4]), 2, 1)], [2, 2, 2, 5]);
 * ```
 */
export function gramFromSums(g: Float64Array, f: number, lambda: number): Float64Array {
  for (let a = 0; a < f; a++) {
    g[a * f + a] += lambda;
    for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a];
  }
  return g;
}

/**
 * YᵀY's upper triangle (with the diagonal) in plain JavaScript, which gramMatrix uses where
 * WebAssembly SIMD is missing: each element receives its rows' products in row order,
 * skipping a row's products where its factor is exactly zero (0 · ∞ would be NaN). Entries
 * below the diagonal stay 0.
 *
 * @param y Factors, rows × f, row-major.
 * @param f Latent dimensions.
 * @returns A new f × f array.
 * @example One row
 * ```ts
 * import { gramSums } from "@lib/recsys/als_solve.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([...gramSums(new Float32Array([1, 2]), 2)], [1, 2, 0, 4]);
 * ```
 */
export function gramSums(y: Float32Array, f: number): Float64Array {
  const g = new Float64Array(f * f);
  const rows = f > 0 ? Math.floor(y.length / f) : 0;
  let o = 0;
  // Four rows per pass: each element is loaded and stored once for four rows' products, still
  // added one at a time in row order; where a factor is zero, row by row as the skip needs.
  for (const o4 = (rows - (rows % 4)) * f; o < o4; o += 4 * f) {
    const o1 = o + f, o2 = o1 + f, o3 = o2 + f;
    for (let a = 0; a < f; a++) {
      const y0 = y[o + a], y1 = y[o1 + a], y2 = y[o2 + a], y3 = y[o3 + a], ga = a * f;
      if (y0 !== 0 && y1 !== 0 && y2 !== 0 && y3 !== 0) {
        for (let b = a; b < f; b++) {
          g[ga + b] = g[ga + b] + y0 * y[o + b] + y1 * y[o1 + b] + y2 * y[o2 + b] +
            y3 * y[o3 + b];
        }
      } else {
        if (y0 !== 0) { for (let b = a; b < f; b++) g[ga + b] += y0 * y[o + b]; }
        if (y1 !== 0) { for (let b = a; b < f; b++) g[ga + b] += y1 * y[o1 + b]; }
        if (y2 !== 0) { for (let b = a; b < f; b++) g[ga + b] += y2 * y[o2 + b]; }
        if (y3 !== 0) { for (let b = a; b < f; b++) g[ga + b] += y3 * y[o3 + b]; }
      }
    }
  }
  for (; o < rows * f; o += f) {
    for (let a = 0; a < f; a++) {
      const ya = y[o + a];
      if (ya === 0) continue;
      for (let b = a; b < f; b++) g[a * f + b] += ya * y[o + b];
    }
  }
  return g;
}

/**
 * Solves rows `rowStart..rowEnd-1` of one half-sweep in place: each row xᵤ gets a few
 * conjugate-gradient steps on (YᵀY + λI + Yᵀ(Cᵤ−I)Y) xᵤ = YᵀCᵤpᵤ, warm-started from its
 * current value. Rows are independent of each other, so any split of the rows gives the same
 * result as one call over all of them. Given the Gram matrix in eigen form (als_rotate.ts),
 * `y` must already be rotated; each row is rotated as it starts and solved with the diagonal.
 *
 * @param x The factors being solved, rows × f (written for the given rows only).
 * @param y The fixed factors, (other side) × f.
 * @param ptr Row pointers of the sparse interactions (length rows + 1).
 * @param idx Column indices (rows of `y`), aligned with `w`.
 * @param w Interaction weights; confidence c = 1 + alpha·w.
 * @param gram {@link gramMatrix} of `y`, or its eigen form.
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
  gram: Float64Array | EigenGram,
  f: number,
  alpha: number,
  cgSteps: number,
  rowStart: number,
  rowEnd: number,
): void {
  // The SIMD product reads the matrix by columns, which needs it symmetric, as gramMatrix
  // makes it; any other matrix takes the plain loop. Every way gives the same numbers.
  const eigen = isEigenGram(gram) ? gram : null;
  const symmetric = eigen !== null || isSymmetric(gram as Float64Array, f);
  if (symmetric && simdSolveRows(x, y, ptr, idx, w, gram, f, alpha, cgSteps, rowStart, rowEnd)) {
    return;
  }
  const simd = symmetric && eigen === null ? simdGram(f, 4) : null;
  let r: Float64Array, p: Float64Array, ap: Float64Array, xu: Float64Array;
  let times: (v: Float64Array, out: Float64Array) => void;
  if (simd) {
    simd.gram.set(gram as Float64Array);
    [r, p, ap, xu] = simd.vectors;
    times = simd.times;
  } else {
    [r, p, ap, xu] = [0, 1, 2, 3].map(() => new Float64Array(f));
    times = eigen
      ? (v, out) => {
        for (let a = 0; a < f; a++) out[a] = eigen.d[a] * v[a];
      }
      : (v, out) => gramTimes(gram as Float64Array, v, out, f);
  }
  for (let u = rowStart; u < rowEnd; u++) {
    const start = ptr[u], end = ptr[u + 1];
    const off = u * f;
    if (eigen) {
      // A rotated half-sweep (als_rotate.ts): the row starts from its value in the new basis.
      for (let a = 0; a < f; a++) ap[a] = x[off + a];
      transposeTimes(eigen.q, ap, xu, f);
    } else {
      for (let a = 0; a < f; a++) xu[a] = x[off + a];
    }
    times(xu, r);
    for (let a = 0; a < f; a++) r[a] = -r[a];
    addResidual(r, xu, y, idx, w, start, end, f, alpha);
    p.set(r);
    let rs = dot64(r, r, f);
    for (let step = 0; step < cgSteps && rs > 1e-20; step++) {
      times(p, ap);
      addConfidenceTimes(ap, p, y, idx, w, start, end, f, alpha);
      const curvature = dot64(p, ap, f);
      if (!(curvature > 0)) break;
      const stepSize = rs / curvature;
      for (let a = 0; a < f; a++) {
        xu[a] += stepSize * p[a];
        r[a] -= stepSize * ap[a];
      }
      const rsNew = dot64(r, r, f);
      const beta = rsNew / rs;
      for (let a = 0; a < f; a++) p[a] = r[a] + beta * p[a];
      rs = rsNew;
    }
    for (let a = 0; a < f; a++) x[off + a] = xu[a];
  }
}

/**
 * r += Σₑ (cₑ − (cₑ−1)·yₑ·xu)·yₑ over the row's interactions, in interaction order, the dot
 * products summed by dot64. Two interactions share the pass that adds to r: their dot
 * products only read xu, and r still receives the first one's term before the second's,
 * element by element.
 */
function addResidual(
  r: Float64Array,
  xu: Float64Array,
  y: Float32Array,
  idx: Int32Array,
  w: Float32Array,
  start: number,
  end: number,
  f: number,
  alpha: number,
): void {
  let e = start;
  for (; e + 1 < end; e += 2) {
    const y0 = idx[e] * f, y1 = idx[e + 1] * f;
    const c0 = 1 + alpha * w[e], c1 = 1 + alpha * w[e + 1];
    const d0 = dot64(xu, y, f, y0), d1 = dot64(xu, y, f, y1);
    const s0 = c0 - (c0 - 1) * d0, s1 = c1 - (c1 - 1) * d1;
    for (let a = 0; a < f; a++) r[a] = r[a] + s0 * y[y0 + a] + s1 * y[y1 + a];
  }
  if (e < end) {
    const yo = idx[e] * f, c = 1 + alpha * w[e];
    const s = c - (c - 1) * dot64(xu, y, f, yo);
    for (let a = 0; a < f; a++) r[a] += s * y[yo + a];
  }
}

/**
 * ap += Σₑ α·wₑ·(yₑ·p)·yₑ over the row's interactions, in interaction order, two per pass as in
 * {@link addResidual}.
 */
function addConfidenceTimes(
  ap: Float64Array,
  p: Float64Array,
  y: Float32Array,
  idx: Int32Array,
  w: Float32Array,
  start: number,
  end: number,
  f: number,
  alpha: number,
): void {
  let e = start;
  for (; e + 1 < end; e += 2) {
    const y0 = idx[e] * f, y1 = idx[e + 1] * f;
    const d0 = dot64(p, y, f, y0) * (alpha * w[e]);
    const d1 = dot64(p, y, f, y1) * (alpha * w[e + 1]);
    for (let a = 0; a < f; a++) ap[a] = ap[a] + d0 * y[y0 + a] + d1 * y[y1 + a];
  }
  if (e < end) {
    const yo = idx[e] * f;
    const dot = dot64(p, y, f, yo) * (alpha * w[e]);
    for (let a = 0; a < f; a++) ap[a] += dot * y[yo + a];
  }
}

/**
 * out = g·v for any f × f matrix g, in plain JavaScript (solveRows uses it where g is not
 * symmetric, or where WebAssembly SIMD is missing). Eight rows of g (then the rest one by one)
 * share a pass over v: independent sums the processor overlaps, each still accumulated from
 * 0 over b = 0..f−1, as one row at a time would.
 *
 * @param g The matrix, row-major.
 * @param v The vector, length f.
 * @param out Where the product goes (not `v`).
 * @param f Dimension.
 * @example A 2 × 2 product
 * ```ts
 * import { gramTimes } from "@lib/recsys/als_solve.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(2);
 * gramTimes(new Float64Array([2, 1, 0, 3]), new Float64Array([1, 10]), out, 2);
 * assert.deepEqual([...out], [12, 30]);
 * ```
 */
export function gramTimes(g: Float64Array, v: Float64Array, out: Float64Array, f: number): void {
  let a = 0;
  for (let g0 = 0; a + 8 <= f; a += 8, g0 += 8 * f) {
    const g1 = g0 + f, g2 = g1 + f, g3 = g2 + f, g4 = g3 + f, g5 = g4 + f, g6 = g5 + f;
    const g7 = g6 + f;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let b = 0; b < f; b++) {
      const vb = v[b];
      s0 += g[g0 + b] * vb;
      s1 += g[g1 + b] * vb;
      s2 += g[g2 + b] * vb;
      s3 += g[g3 + b] * vb;
      s4 += g[g4 + b] * vb;
      s5 += g[g5 + b] * vb;
      s6 += g[g6 + b] * vb;
      s7 += g[g7 + b] * vb;
    }
    out[a] = s0;
    out[a + 1] = s1;
    out[a + 2] = s2;
    out[a + 3] = s3;
    out[a + 4] = s4;
    out[a + 5] = s5;
    out[a + 6] = s6;
    out[a + 7] = s7;
  }
  for (let ga = a * f; a < f; a++, ga += f) {
    let s = 0;
    for (let b = 0; b < f; b++) s += g[ga + b] * v[b];
    out[a] = s;
  }
}

/** True when g[a][b] and g[b][a] are the same value (Object.is) for every pair. */
function isSymmetric(g: Float64Array, f: number): boolean {
  for (let a = 1; a < f; a++) {
    for (let b = 0; b < a; b++) if (!Object.is(g[a * f + b], g[b * f + a])) return false;
  }
  return true;
}

/**
 * Σ a[i]·b[i] as every dot product of the row solves is summed: the even-indexed terms and
 * the odd-indexed ones each from 0 in index order, then the two sums added (the two lanes of
 * the WebAssembly kernel's running sum, als_row_wasm.ts).
 */
function dot64(a: ArrayLike<number>, b: ArrayLike<number>, f: number, bAt = 0): number {
  let s0 = 0, s1 = 0, i = 0;
  for (; i + 1 < f; i += 2) {
    s0 += a[i] * b[bAt + i];
    s1 += a[i + 1] * b[bAt + i + 1];
  }
  if (i < f) s0 += a[i] * b[bAt + i];
  return s0 + s1;
}
