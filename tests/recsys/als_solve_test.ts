// The ALS half-sweep kernels against the plain loops they replaced: the Gram matrix and the
// solved factors must be the same numbers, bit for bit, for any f, any sparsity pattern
// (empty rows included), zero factors, exact zeros beside infinities, indefinite systems and
// any number of CG steps, because every run's pages and event logs depend on them.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { gramMatrix, gramSums, gramTimes, solveRows } from "@lib/recsys/als_solve.ts";
import { simdSolveRows } from "@lib/recsys/gram_simd.ts";
import { type EigenGram, eigenGram, rotateRows } from "@lib/recsys/als_rotate.ts";
import { referenceSums, referenceTimes, sameBits, upper } from "./kernel_reference.ts";

/** The reference Gram matrix: YᵀY + λI one row of y at a time, skipping zero factors. */
function referenceGram(y: Float32Array, f: number, lambda: number): Float64Array {
  const g = referenceSums(y, f);
  for (let a = 0; a < f; a++) {
    g[a * f + a] += lambda;
    for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a];
  }
  return g;
}

/**
 * The reference row solve: CG warm-started from x, one interaction and one index at a time.
 * Every dot product sums its even-indexed terms and its odd-indexed ones apart, each from 0
 * in index order, then adds the two. Given the Gram matrix in eigen form, each row starts
 * from Qᵀx (entry k summed from 0 over b of q[b][k]·x[b]) and the Gram matrix is diagonal.
 */
function referenceSolveRows(
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
  const eigen = gram instanceof Float64Array ? null : gram;
  const times = (v: Float64Array, out: Float64Array) => {
    for (let a = 0; a < f; a++) {
      if (eigen) {
        out[a] = eigen.d[a] * v[a];
        continue;
      }
      let s = 0;
      for (let b = 0; b < f; b++) s += (gram as Float64Array)[a * f + b] * v[b];
      out[a] = s;
    }
  };
  const dot = (u: ArrayLike<number>, v: ArrayLike<number>, vAt = 0) => {
    const sums = [0, 0];
    for (let i = 0; i < f; i++) sums[i % 2] += u[i] * v[vAt + i];
    return sums[0] + sums[1];
  };
  const r = new Float64Array(f), p = new Float64Array(f), ap = new Float64Array(f);
  const xu = new Float64Array(f);
  for (let u = rowStart; u < rowEnd; u++) {
    const start = ptr[u], end = ptr[u + 1], off = u * f;
    for (let a = 0; a < f; a++) {
      if (!eigen) {
        xu[a] = x[off + a];
        continue;
      }
      let s = 0;
      for (let b = 0; b < f; b++) s += eigen.q[b * f + a] * x[off + b];
      xu[a] = s;
    }
    times(xu, r);
    for (let a = 0; a < f; a++) r[a] = -r[a];
    for (let e = start; e < end; e++) {
      const yo = idx[e] * f, c = 1 + alpha * w[e];
      const d = dot(xu, y, yo);
      const s = c - (c - 1) * d;
      for (let a = 0; a < f; a++) r[a] += s * y[yo + a];
    }
    p.set(r);
    let rs = dot(r, r);
    for (let step = 0; step < cgSteps && rs > 1e-20; step++) {
      times(p, ap);
      for (let e = start; e < end; e++) {
        const yo = idx[e] * f, c1 = alpha * w[e];
        let d = dot(p, y, yo);
        d *= c1;
        for (let a = 0; a < f; a++) ap[a] += d * y[yo + a];
      }
      const curvature = dot(p, ap);
      if (!(curvature > 0)) break;
      const stepSize = rs / curvature;
      for (let a = 0; a < f; a++) {
        xu[a] += stepSize * p[a];
        r[a] -= stepSize * ap[a];
      }
      const rsNew = dot(r, r);
      for (let a = 0; a < f; a++) p[a] = r[a] + (rsNew / rs) * p[a];
      rs = rsNew;
    }
    for (let a = 0; a < f; a++) x[off + a] = xu[a];
  }
}

/** A random sparse matrix in CSR form, with some rows empty and repeated-looking weights. */
function sparse(rng: Rng, rows: number, cols: number, maxPerRow: number) {
  const ptr = new Int32Array(rows + 1), idx: number[] = [], w: number[] = [];
  for (let u = 0; u < rows; u++) {
    const k = rng.next() < 0.2 ? 0 : rng.int(maxPerRow + 1);
    const chosen = [...new Set(Array.from({ length: k }, () => rng.int(cols)))].sort((a, b) =>
      a - b
    );
    for (const c of chosen) {
      idx.push(c);
      w.push(rng.next() < 0.5 ? 1 : 1 + rng.int(5) * 0.5);
    }
    ptr[u + 1] = idx.length;
  }
  return { ptr, idx: new Int32Array(idx), w: new Float32Array(w) };
}

/**
 * Factors with exact zeros, negative zeros and some all-zero rows; `wide` draws each value's
 * magnitude from 10⁻⁶..10⁶, so sums cancel catastrophically and any change in the order of
 * an addition shows even after the factors are rounded back to float32.
 */
function factors(rng: Rng, rows: number, f: number, scale = 0.1, wide = false): Float32Array {
  const v = new Float32Array(rows * f);
  for (let u = 0; u < rows; u++) {
    if (rng.next() < 0.15) continue; // an all-zero row
    for (let a = 0; a < f; a++) {
      const r = rng.next();
      const sd = wide ? 10 ** (rng.int(13) - 6) : scale;
      v[u * f + a] = r < 0.04 ? 0 : r < 0.06 ? -0 : rng.normal(0, sd);
    }
  }
  return v;
}

const fs = [1, 2, 3, 4, 5, 7, 8, 9, 32, 33];

Deno.test("gramMatrix equals the row-at-a-time Gram matrix bit for bit, any row count", () => {
  const rng = new Rng("gram");
  for (const f of fs) {
    for (const rows of [0, 1, 2, 3, 4, 5, 7, 8, 9, 61, 62, 63]) {
      const y = factors(rng, rows, f, 10 ** (rng.int(5) - 2), rows % 2 === 1);
      const lambda = [0, 1, 10, 0.37][rng.int(4)];
      assert.ok(
        sameBits(gramMatrix(y, f, lambda), referenceGram(y, f, lambda)),
        `f ${f} rows ${rows}`,
      );
    }
  }
});

Deno.test("gramSums, the plain path, has the reference's sums bit for bit above the diagonal", () => {
  const rng = new Rng("gram-sums");
  for (const f of fs) {
    for (const rows of [0, 1, 3, 4, 5, 8, 9, 61]) {
      const y = factors(rng, rows, f, 1, rows % 2 === 1);
      const want = referenceGram(y, f, 0);
      const got = gramSums(y, f);
      assert.ok(sameBits(upper(got, f), upper(want, f)), `f ${f} rows ${rows}`);
    }
  }
  const y = new Float32Array(5 * 3).map((_, i) => 0.5 + (i % 4));
  y[6] = 0;
  y[7] = Infinity;
  assert.ok(sameBits(upper(gramSums(y, 3), 3), upper(referenceGram(y, 3, 0), 3)));
});

Deno.test("gramMatrix skips a zero factor's products where a plain product would give NaN", () => {
  for (const f of [2, 3, 5]) {
    for (let zeroRow = 0; zeroRow < 6; zeroRow++) {
      const y = new Float32Array(6 * f).map((_, i) => 0.5 + (i % 7) * 0.25);
      y[zeroRow * f] = 0;
      y[zeroRow * f + 1] = Infinity; // 0 · ∞ must never reach the sum
      const got = gramMatrix(y, f, 1);
      assert.ok(sameBits(got, referenceGram(y, f, 1)), `f ${f} zero in row ${zeroRow}`);
      assert.ok(Number.isFinite(got[1]), "the zero factor's 0 · ∞ was skipped");
      assert.equal(got[f + 1], Infinity);
    }
  }
});

Deno.test("solveRows gives the reference's factors bit for bit over whole ALS fits", () => {
  const rng = new Rng("solve-rows");
  for (const f of fs) {
    for (
      const [cgSteps, wide] of [[0, false], [1, true], [3, false], [3, true], [5, true]] as const
    ) {
      const users = 23, items = 17;
      const m = sparse(rng, users, items, f === 1 ? 3 : 9);
      // The item side: the transpose of the user side.
      const cols: number[][] = Array.from({ length: items }, () => []);
      for (let u = 0; u < users; u++) {
        for (let e = m.ptr[u]; e < m.ptr[u + 1]; e++) cols[m.idx[e]].push(u, e);
      }
      const cptr = new Int32Array(items + 1), cidx: number[] = [], cw: number[] = [];
      cols.forEach((c, i) => {
        for (let j = 0; j < c.length; j += 2) {
          cidx.push(c[j]);
          cw.push(m.w[c[j + 1]]);
        }
        cptr[i + 1] = cidx.length;
      });
      const itemSide = { ptr: cptr, idx: new Int32Array(cidx), w: new Float32Array(cw) };
      const alpha = [1, 10, 40][rng.int(3)], lambda = [0.1, 1, 10][rng.int(3)];
      const y0 = factors(rng, items, f, 0.01, wide), x0 = factors(rng, users, f, 0.01, wide);
      const [xa, ya, xb, yb] = [x0.slice(), y0.slice(), x0.slice(), y0.slice()];
      for (let it = 0; it < 4; it++) {
        solveRows(
          xa,
          ya,
          m.ptr,
          m.idx,
          m.w,
          gramMatrix(ya, f, lambda),
          f,
          alpha,
          cgSteps,
          0,
          users,
        );
        referenceSolveRows(
          xb,
          yb,
          m.ptr,
          m.idx,
          m.w,
          referenceGram(yb, f, lambda),
          f,
          alpha,
          cgSteps,
          0,
          users,
        );
        assert.ok(sameBits(xa, xb), `f ${f} cg ${cgSteps} wide ${wide} sweep ${it} users`);
        const g = gramMatrix(xa, f, lambda);
        solveRows(ya, xa, itemSide.ptr, itemSide.idx, itemSide.w, g, f, alpha, cgSteps, 0, items);
        referenceSolveRows(
          yb,
          xb,
          itemSide.ptr,
          itemSide.idx,
          itemSide.w,
          g,
          f,
          alpha,
          cgSteps,
          0,
          items,
        );
        assert.ok(sameBits(ya, yb), `f ${f} cg ${cgSteps} wide ${wide} sweep ${it} items`);
      }
      if (cgSteps > 0) assert.ok(!sameBits(xa, x0), `f ${f}: the sweeps moved the factors`);
    }
  }
});

Deno.test("a rotated half-sweep gives the rotated reference's factors bit for bit", () => {
  const rng = new Rng("solve-rotated");
  let simd = 0;
  for (const f of fs) {
    for (const [cgSteps, wide] of [[0, false], [3, false], [3, true], [5, true]] as const) {
      const users = 29, items = 13;
      const m = sparse(rng, users, items, f === 1 ? 3 : 9);
      const y = factors(rng, items, f, 0.01, wide), x0 = factors(rng, users, f, 0.01, wide);
      const eigen = eigenGram(gramMatrix(y, f, [0.1, 1, 10][rng.int(3)]), f);
      rotateRows(y, eigen.q, f);
      const a = x0.slice(), b = x0.slice(), alpha = [1, 10, 40][rng.int(3)];
      solveRows(a, y, m.ptr, m.idx, m.w, eigen, f, alpha, cgSteps, 0, users);
      referenceSolveRows(b, y, m.ptr, m.idx, m.w, eigen, f, alpha, cgSteps, 0, users);
      assert.ok(sameBits(a, b), `f ${f} cg ${cgSteps} wide ${wide}`);
      const c = x0.slice();
      if (simdSolveRows(c, y, m.ptr, m.idx, m.w, eigen, f, alpha, cgSteps, 0, users)) {
        simd++;
        assert.ok(sameBits(c, b), `f ${f} cg ${cgSteps} wide ${wide}: WebAssembly`);
      }
    }
  }
  assert.ok(simd > 0, "the WebAssembly kernel ran");
});

Deno.test("solveRows writes only rows rowStart..rowEnd-1, the same bits as the reference", () => {
  const rng = new Rng("split");
  const f = 5, users = 12, items = 9;
  const m = sparse(rng, users, items, 6);
  const y = factors(rng, items, f, 0.1, true), gram = gramMatrix(y, f, 2);
  const x0 = factors(rng, users, f, 0.1, true);
  const a = x0.slice(), b = x0.slice();
  solveRows(a, y, m.ptr, m.idx, m.w, gram, f, 10, 3, 4, 9);
  referenceSolveRows(b, y, m.ptr, m.idx, m.w, gram, f, 10, 3, 4, 9);
  assert.ok(sameBits(a, b));
  assert.ok(sameBits(a.subarray(0, 4 * f), x0.subarray(0, 4 * f)));
  assert.ok(sameBits(a.subarray(9 * f), x0.subarray(9 * f)));
});

Deno.test("an indefinite system stops CG where the reference stops it", () => {
  const rng = new Rng("indefinite");
  for (const f of [1, 4, 5, 33]) {
    const users = 9, items = 7;
    const m = sparse(rng, users, items, 5);
    const y = factors(rng, items, f, 1, true), x0 = factors(rng, users, f, 1, true);
    // A negative ridge makes YᵀY + λI indefinite, so some rows meet non-positive curvature.
    const gram = gramMatrix(y, f, -3);
    const a = x0.slice(), b = x0.slice();
    solveRows(a, y, m.ptr, m.idx, m.w, gram, f, 0.5, 6, 0, users);
    referenceSolveRows(b, y, m.ptr, m.idx, m.w, gram, f, 0.5, 6, 0, users);
    assert.ok(sameBits(a, b), `f ${f}`);
  }
});

Deno.test("a Gram matrix that is not symmetric takes the plain product, with the same bits", () => {
  const rng = new Rng("asymmetric");
  for (const f of [1, 3, 8, 9, 32, 33]) {
    const users = 11, items = 8;
    const m = sparse(rng, users, items, 5);
    const y = factors(rng, items, f, 0.1, true), x0 = factors(rng, users, f, 0.1, true);
    const gram = gramMatrix(y, f, 2);
    if (f > 1) gram[1] = gram[1] * 1.5 + 1; // g[0][1] ≠ g[1][0]
    const a = x0.slice(), b = x0.slice();
    solveRows(a, y, m.ptr, m.idx, m.w, gram, f, 10, 3, 0, users);
    referenceSolveRows(b, y, m.ptr, m.idx, m.w, gram, f, 10, 3, 0, users);
    assert.ok(sameBits(a, b), `f ${f}`);
  }
});

Deno.test("gramTimes equals the row loop bit for bit, symmetric or not, for every f", () => {
  const rng = new Rng("gram-times");
  for (let f = 1; f <= 41; f++) {
    for (let trial = 0; trial < 3; trial++) {
      // Entries of magnitude 10⁻⁸..10⁸ and mixed signs: any reordered sum shows.
      const g = new Float64Array(f * f).map(() => rng.normal(0, 10 ** (rng.int(17) - 8)));
      const v = new Float64Array(f).map(() => rng.normal(0, 10 ** (rng.int(9) - 4)));
      const want = referenceTimes(g, v, f);
      const got = new Float64Array(f).fill(NaN);
      gramTimes(g, v, got, f);
      assert.ok(sameBits(got, want), `f ${f} trial ${trial}`);
    }
  }
});

Deno.test("the WebAssembly row solve crosses its copy chunks with the reference's bits", () => {
  // About 1.6 MB of rows (factors, pointers, interactions), so they take several chunks, and
  // one row whose 150,000 interactions alone are more than a chunk.
  const rng = new Rng("solve-chunks");
  const f = 16, users = 12_000, items = 40, long = 5_000;
  const ptr = new Int32Array(users + 1), idx: number[] = [], w: number[] = [];
  for (let u = 0; u < users; u++) {
    const k = u === long ? 150_000 : rng.int(9);
    for (let j = 0; j < k; j++) {
      idx.push(rng.int(items));
      w.push(1 + rng.int(3));
    }
    ptr[u + 1] = idx.length;
  }
  const sides = { idx: new Int32Array(idx), w: new Float32Array(w) };
  const y = factors(rng, items, f, 0.1), x0 = factors(rng, users, f, 0.1);
  const gram = gramMatrix(y, f, 1);
  // A range that fits in one chunk with rows after it must stop at its end (a worker's rows).
  for (const [from, to] of [[0, users], [long - 3, long + 900], [100, 140], [users - 1, users]]) {
    const got = x0.slice(), want = x0.slice();
    assert.ok(simdSolveRows(got, y, ptr, sides.idx, sides.w, gram, f, 10, 3, from, to));
    referenceSolveRows(want, y, ptr, sides.idx, sides.w, gram, f, 10, 3, from, to);
    assert.ok(sameBits(got, want), `rows ${from}..${to}`);
    assert.ok(!sameBits(got.subarray(from * f, to * f), x0.subarray(from * f, to * f)));
  }
});

Deno.test("the WebAssembly row solve declines an f that is not a multiple of 8, writing nothing", () => {
  const f = 12, y = new Float32Array(f).fill(0.5), x = new Float32Array(f);
  const args = [new Int32Array([0, 1]), new Int32Array([0]), new Float32Array([1])] as const;
  assert.equal(simdSolveRows(x, y, ...args, gramMatrix(y, f, 1), f, 10, 3, 0, 1), false);
  assert.deepEqual([...x], new Array(f).fill(0));
  solveRows(x, y, ...args, gramMatrix(y, f, 1), f, 10, 3, 0, 1);
  assert.ok(x[0] > 0, "solveRows solves it with its plain loops");
});
