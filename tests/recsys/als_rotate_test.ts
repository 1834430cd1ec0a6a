// Rotated ALS half-sweeps: the Jacobi eigen decomposition they rest on, and the claim that a
// rotated fit is the same model as the unrotated one, up to rounding, while the factors come
// out bit-identical however the rows are split over threads.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { symmetricEigen } from "@lib/recsys/sym_eigen.ts";
import { eigenGram, rotateRows, rotationPays, transposeTimes } from "@lib/recsys/als_rotate.ts";
import { simdRotateRows } from "@lib/recsys/gram_simd.ts";
import { gramMatrix, solveRows } from "@lib/recsys/als_solve.ts";
import { MfRecommender } from "@lib/recsys/mf_als.ts";
import type { Interaction } from "@lib/recsys/item.ts";
import { twoBlockCatalog } from "./helpers.ts";
import { sameBits } from "./kernel_reference.ts";

/** ‖a − b‖∞ over the largest |entry| of b. */
function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let gap = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    gap = Math.max(gap, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return gap / (scale || 1);
}

/** A random symmetric matrix, with repeated eigenvalues when `repeated`. */
function symmetric(rng: Rng, f: number, kind: "spd" | "indefinite" | "repeated") {
  const y = new Float32Array(3 * f * f).map(() => rng.normal(0, 1));
  if (kind === "spd") return gramMatrix(y, f, 0.5);
  if (kind === "indefinite") return gramMatrix(y, f, -2 * f);
  // Q·diag(1, 1, 2, 2, …)·Qᵀ from a random orthogonal Q (eigenvectors of a random matrix).
  const q = symmetricEigen(gramMatrix(y, f, 1), f).vectors, g = new Float64Array(f * f);
  for (let a = 0; a < f; a++) {
    for (let b = 0; b < f; b++) {
      let s = 0;
      for (let k = 0; k < f; k++) s += q[a * f + k] * (1 + (k >> 1)) * q[b * f + k];
      g[a * f + b] = s;
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a];
  return g;
}

Deno.test("Jacobi gives orthonormal eigenvectors that rebuild the matrix", () => {
  const rng = new Rng("jacobi");
  for (const f of [1, 2, 3, 7, 8, 16, 32, 33, 64]) {
    for (const kind of ["spd", "indefinite", "repeated"] as const) {
      const g = symmetric(rng, f, kind);
      const { values, vectors: q } = symmetricEigen(g, f);
      let scale = 0;
      for (const v of g) scale = Math.max(scale, Math.abs(v));
      for (let a = 0; a < f; a++) {
        for (let b = 0; b < f; b++) {
          let qtq = 0, rebuilt = 0;
          for (let k = 0; k < f; k++) {
            qtq += q[k * f + a] * q[k * f + b];
            rebuilt += q[a * f + k] * values[k] * q[b * f + k];
          }
          assert.ok(Math.abs(qtq - (a === b ? 1 : 0)) < 1e-12, `f ${f} ${kind}: QᵀQ (${a}, ${b})`);
          assert.ok(Math.abs(rebuilt - g[a * f + b]) < 1e-12 * scale, `f ${f} ${kind}: QΛQᵀ`);
        }
      }
      if (kind === "spd") assert.ok(values.every((v) => v > 0), `f ${f}: positive`);
      if (kind === "indefinite" && f > 1) assert.ok(values.some((v) => v < 0), `f ${f}`);
    }
  }
});

Deno.test("Jacobi is a pure function of the matrix: the same bits every time, g left alone", () => {
  const rng = new Rng("jacobi-bits");
  const g = symmetric(rng, 32, "spd"), copy = g.slice();
  const a = symmetricEigen(g, 32), b = symmetricEigen(g, 32);
  assert.ok(sameBits(a.values, b.values) && sameBits(a.vectors, b.vectors));
  assert.ok(sameBits(g, copy));
  // A diagonal matrix is already diagonal: no rotation at all.
  const d = symmetricEigen(new Float64Array([3, 0, 0, 0, -1, 0, 0, 0, 0]), 3);
  assert.deepEqual([...d.values], [3, -1, 0]);
  assert.deepEqual([...d.vectors], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  // Only the upper triangle is read: whatever lies below it, the same bits.
  const upperOnly = symmetricEigen(new Float64Array([2, 1, 99, 2]), 2);
  assert.deepEqual([...upperOnly.values].map((v) => Math.round(v * 1e9) / 1e9).sort(), [1, 3]);
  for (const f of [3, 5, 8]) {
    const sym = symmetric(rng, f, "spd"), garbage = sym.slice();
    for (let a = 1; a < f; a++) for (let b = 0; b < a; b++) garbage[a * f + b] = rng.normal(0, 50);
    const want = symmetricEigen(sym, f), got = symmetricEigen(garbage, f);
    assert.ok(sameBits(got.values, want.values) && sameBits(got.vectors, want.vectors), `f ${f}`);
  }
});

Deno.test("Jacobi diagonalises a matrix whose first row is already diagonal", () => {
  // Every rotation is among the later rows: [[1, 0, 0], [0, 2, 1], [0, 1, 3]].
  const { values } = symmetricEigen(new Float64Array([1, 0, 0, 0, 2, 1, 0, 1, 3]), 3);
  const want = [1, 2.5 - Math.sqrt(1.25), 2.5 + Math.sqrt(1.25)];
  assert.deepEqual(
    [...values].sort((a, b) => a - b).map((v) => v.toFixed(12)),
    want.map((v) => v.toFixed(12)),
  );
});

Deno.test("Jacobi rotates an entry far smaller than a gap between its diagonal entries", () => {
  // θ = (a_qq − a_pp) / 2a_pq is beyond 10¹⁵⁰, where θ² overflows: t = 1 / 2θ.
  for (const f of [2, 3]) {
    const g = new Float64Array(f * f);
    g[f + 1] = 1e160;
    g[1] = g[f] = 1;
    if (f === 3) g[8] = 5;
    const { values, vectors: q } = symmetricEigen(g, f);
    for (let a = 0; a < f; a++) {
      for (let b = 0; b < f; b++) {
        let rebuilt = 0;
        for (let k = 0; k < f; k++) rebuilt += q[a * f + k] * values[k] * q[b * f + k];
        assert.ok(Math.abs(rebuilt - g[a * f + b]) <= 1e-12 * 1e160, `f ${f} (${a}, ${b})`);
      }
    }
    // The small eigenvalue is −1/10¹⁶⁰ to rounding, not lost in the large one.
    assert.ok(values.some((v) => Math.abs(v) < 1), `f ${f}: ${values}`);
  }
});

Deno.test("a half-sweep rotated into the Gram matrix's eigenbasis is the unrotated one, rotated", () => {
  const rng = new Rng("rotated-sweep");
  for (const f of [3, 8, 32]) {
    const users = 40, items = 12;
    const ptr = new Int32Array(users + 1), idx: number[] = [], w: number[] = [];
    for (let u = 0; u < users; u++) {
      for (let i = 0; i < items; i++) {
        if (rng.next() < 0.3) {
          idx.push(i);
          w.push(1 + rng.int(4));
        }
      }
      ptr[u + 1] = idx.length;
    }
    const m = { ptr, idx: new Int32Array(idx), w: new Float32Array(w) };
    const y = new Float32Array(items * f).map(() => rng.normal(0, 0.3));
    const x0 = new Float32Array(users * f).map(() => rng.normal(0, 0.3));
    const gram = gramMatrix(y, f, 1);
    const plain = x0.slice();
    solveRows(plain, y, m.ptr, m.idx, m.w, gram, f, 10, 3, 0, users);
    const eigen = eigenGram(gram, f), yr = y.slice(), rotated = x0.slice();
    rotateRows(yr, eigen.q, f);
    solveRows(rotated, yr, m.ptr, m.idx, m.w, eigen, f, 10, 3, 0, users);
    // Back to the original basis: x = Q·x̃.
    const back = new Float64Array(users * f);
    for (let u = 0; u < users; u++) {
      for (let a = 0; a < f; a++) {
        let s = 0;
        for (let k = 0; k < f; k++) s += eigen.q[a * f + k] * rotated[u * f + k];
        back[u * f + a] = s;
      }
    }
    const gap = relativeGap(back, plain);
    assert.ok(gap < 1e-5, `f ${f}: rotated and plain solves differ by ${gap}`);
    assert.ok(relativeGap(plain, x0) > 1e-2, `f ${f}: the solve moved the factors`);
  }
});

Deno.test("rotation pays only where the solved side is not far the smaller", () => {
  assert.equal(rotationPays(100_000, 3_000), true);
  assert.equal(rotationPays(1_000, 2_999), true);
  assert.equal(rotationPays(1_000, 3_000), false);
  assert.equal(rotationPays(3_000, 100_000), false);
});

/** Implicit interactions of users who each like one of a few item groups. */
function groupedInteractions(rng: Rng, users: number, items: number): Interaction[] {
  const rows: Interaction[] = [];
  for (let u = 0; u < users; u++) {
    const group = u % 4;
    for (let k = 0; k < 6; k++) {
      const i = rng.next() < 0.8 ? group + 4 * rng.int(items / 4) : rng.int(items);
      rows.push({ userId: `u${u}`, itemId: `m${i}`, weight: 1 + rng.int(5), round: 0 });
    }
  }
  return rows;
}

Deno.test("a rotated fit is the unrotated model to rounding, and the same bits on any thread", async () => {
  const rng = new Rng("rotated-fit");
  const items = 40, f = 8;
  const catalog = twoBlockCatalog(items);
  const rows = groupedInteractions(rng, 300, items);
  const scores = (mf: MfRecommender) => {
    const { x, y } = (mf as unknown as {
      pageFactors(): { x: Float32Array; y: Float32Array };
    }).pageFactors();
    const out = new Float64Array((x.length / f) * items);
    for (let u = 0; u < x.length / f; u++) {
      for (let i = 0; i < items; i++) {
        let s = 0;
        for (let a = 0; a < f; a++) s += x[u * f + a] * y[i * f + a];
        out[u * items + i] = s;
      }
    }
    return out;
  };
  const plain = new MfRecommender(catalog, { factors: f, rotate: false, workers: 1 });
  plain.fit(rows);
  const rotated = new MfRecommender(catalog, { factors: f, workers: 1 });
  rotated.fit(rows);
  const gap = relativeGap(scores(rotated), scores(plain));
  assert.ok(gap < 1e-4, `scores differ by ${gap} of the largest`);
  assert.ok(gap > 0, "the rotated fit did run rotated");
  // The same recommendations for every user.
  for (let u = 0; u < 300; u++) {
    assert.deepEqual(
      rotated.recommend(`u${u}`, 5).map((s) => s.itemId),
      plain.recommend(`u${u}`, 5).map((s) => s.itemId),
      `u${u}`,
    );
  }
  const parallel = new MfRecommender(catalog, { factors: f, workers: 2, minParallelNnz: 0 });
  await parallel.fitAsync(rows);
  assert.ok(sameBits(scores(parallel), scores(rotated)));
});

Deno.test("rows rotated with WebAssembly SIMD are the plain loop's bits", () => {
  const rng = new Rng("rotate-simd");
  for (const f of [8, 16, 32, 64]) {
    const q = symmetricEigen(symmetric(rng, f, "spd"), f).vectors;
    // Magnitudes 10⁻⁶..10⁶, zeros and negative zeros: any reordered sum shows.
    const rows = new Float32Array(37 * f).map(() => {
      const r = rng.next();
      return r < 0.05 ? 0 : r < 0.08 ? -0 : rng.normal(0, 10 ** (rng.int(13) - 6));
    });
    const simd = rows.slice(), plain = rows.slice();
    assert.ok(simdRotateRows(simd, q, f), `f ${f}: SIMD ran`);
    const v = new Float64Array(f), out = new Float64Array(f);
    for (let o = 0; o < plain.length; o += f) {
      for (let b = 0; b < f; b++) v[b] = plain[o + b];
      transposeTimes(q, v, out, f);
      for (let k = 0; k < f; k++) plain[o + k] = out[k];
    }
    assert.ok(sameBits(simd, plain), `f ${f}`);
    assert.ok(!sameBits(simd, rows), `f ${f}: the rows moved`);
  }
  assert.equal(simdRotateRows(new Float32Array(6), new Float64Array(9), 3), false);
});
