// scoreItems against the per-item loop MF scored with before it had its own kernel: every
// score must be the same float64, bit for bit, for any f, catalogue size and user row.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { scoreItems } from "@lib/recsys/mf_score.ts";

/** The reference: one item at a time, its sum from 0 over a = 0..f−1 (MF's former loop). */
function referenceScores(
  x: Float32Array,
  off: number,
  y: Float32Array,
  f: number,
  out: Float64Array,
): void {
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let a = 0; a < f; a++) s += x[off + a] * y[i * f + a];
    out[i] = s;
  }
}

/** Index of the first element that differs as a float64 bit pattern (Object.is), or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Factors of mixed magnitudes and signs, with exact zeros and negative zeros among them. */
function factors(rng: Rng, length: number): Float32Array {
  const v = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const r = rng.next();
    v[i] = r < 0.05 ? 0 : r < 0.1 ? -0 : rng.normal(0, 10 ** (rng.int(7) - 3));
  }
  return v;
}

Deno.test("scoreItems gives the reference's scores bit for bit for every f and catalogue size", () => {
  const rng = new Rng("mf-score");
  for (const f of [1, 2, 3, 4, 5, 7, 8, 9, 32, 33]) {
    for (const n of [0, 1, 3, 7, 8, 9, 15, 16, 17, 100, 2935]) {
      const users = 3;
      const x = factors(rng, users * f), y = factors(rng, n * f);
      for (let u = 0; u < users; u++) {
        const want = new Float64Array(n), got = new Float64Array(n).fill(NaN);
        referenceScores(x, u * f, y, f, want);
        scoreItems(x, u * f, y, f, got);
        assert.equal(firstDifference(want, got), -1, `f ${f}, ${n} items, user ${u}`);
      }
    }
  }
});

Deno.test("a user whose factors are all zero scores every item +0, as before", () => {
  const f = 5, n = 19, rng = new Rng(3);
  const x = new Float32Array([1, 2, 3, 4, 5, 0, -0, 0, -0, 0]), y = factors(rng, n * f);
  const want = new Float64Array(n), got = new Float64Array(n);
  referenceScores(x, f, y, f, want);
  scoreItems(x, f, y, f, got);
  assert.equal(firstDifference(want, got), -1);
  assert.ok(got.every((s) => Object.is(s, 0)));
});

Deno.test("scoreItems fills only out.length items and reads only the user's row", () => {
  const f = 3;
  const x = new Float32Array([100, 100, 100, 1, 2, 3, 100, 100, 100]);
  const y = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 9, 9, 9]);
  const out = new Float64Array(3);
  scoreItems(x, 3, y, f, out);
  assert.deepEqual([...out], [1, 2, 3]);
});

Deno.test("a larger f than the kernel's scratch row still gives the reference's scores", () => {
  const rng = new Rng("wide");
  for (const f of [65, 130, 33]) {
    const n = 21, x = factors(rng, 2 * f), y = factors(rng, n * f);
    const want = new Float64Array(n), got = new Float64Array(n);
    referenceScores(x, f, y, f, want);
    scoreItems(x, f, y, f, got);
    assert.equal(firstDifference(want, got), -1, `f ${f}`);
  }
});
