// The WebAssembly SIMD Gram product against the plain row loop: the same float64 bits for
// every f (whole blocks of eight, the rows left over, f below eight), for matrices whose
// entries span many magnitudes (any change in the order of an addition would show), zero
// vectors and signed zeros, and after its memory has grown for a larger f.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { simdGram, simdGramSums } from "@lib/recsys/gram_simd.ts";
import { referenceSums, referenceTimes, sameBits, upper } from "./kernel_reference.ts";

/** A symmetric matrix with entries of magnitude 10⁻⁸..10⁸, some exact zeros and -0. */
function symmetric(rng: Rng, f: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let a = 0; a < f; a++) {
    for (let b = a; b < f; b++) {
      const r = rng.next();
      const value = r < 0.05 ? 0 : r < 0.08 ? -0 : rng.normal(0, 10 ** (rng.int(17) - 8));
      g[a * f + b] = value;
      g[b * f + a] = value;
    }
  }
  return g;
}

Deno.test("the SIMD product equals the row loop bit for bit for every f from 1 to 41 and beyond", () => {
  const rng = new Rng("gram-simd");
  for (const f of [...Array.from({ length: 41 }, (_, i) => i + 1), 64, 100]) {
    for (let trial = 0; trial < 4; trial++) {
      const ws = simdGram(f, 2);
      assert.ok(ws !== null, "Deno has WebAssembly SIMD");
      const g = symmetric(rng, f);
      ws.gram.set(g);
      const [v, out] = ws.vectors;
      for (let b = 0; b < f; b++) v[b] = rng.normal(0, 10 ** (rng.int(9) - 4));
      if (trial === 3) v.fill(0);
      out.fill(NaN);
      ws.times(v, out);
      assert.ok(sameBits(out, referenceTimes(g, v, f)), `f ${f} trial ${trial}`);
    }
  }
});

Deno.test("a workspace's vectors start at zero and its product writes only `out`", () => {
  const ws = simdGram(16, 3);
  assert.ok(ws !== null);
  assert.ok(ws.vectors.every((v) => v.length === 16 && v.every((x) => Object.is(x, 0))));
  const [v, out, other] = ws.vectors;
  ws.gram.set(symmetric(new Rng(5), 16));
  v.fill(1);
  other.fill(7);
  ws.times(v, out);
  assert.ok(other.every((x) => x === 7));
  assert.ok(v.every((x) => x === 1));
  assert.ok(sameBits(out, referenceTimes(ws.gram, v, 16)));
});

Deno.test("after growing its memory for a large f the kernel still gives the row loop's bits", () => {
  const rng = new Rng("grow");
  for (const f of [300, 8, 129]) {
    const ws = simdGram(f, 4);
    assert.ok(ws !== null);
    assert.ok(ws.gram.buffer.byteLength >= (f * f + 4 * f) * 8);
    const g = symmetric(rng, f);
    ws.gram.set(g);
    const [, v, , out] = ws.vectors;
    for (let b = 0; b < f; b++) v[b] = rng.normal(0, 1);
    ws.times(v, out);
    assert.ok(sameBits(out, referenceTimes(g, v, f)), `f ${f}`);
  }
});

/** Float32 factors of magnitude 10⁻⁴..10⁴ with exact zeros, -0 and all-zero rows. */
function float32Factors(rng: Rng, rows: number, f: number): Float32Array {
  const y = new Float32Array(rows * f);
  for (let i = 0; i < y.length; i++) {
    const r = rng.next();
    y[i] = r < 0.05 ? 0 : r < 0.07 ? -0 : rng.normal(0, 10 ** (rng.int(9) - 4));
  }
  for (let o = 0; o < rows; o += 7) y.fill(0, o * f, (o + 1) * f);
  return y;
}

Deno.test("the SIMD sums equal the row loop's bit for bit on and above the diagonal", () => {
  const rng = new Rng("gram-sums-simd");
  for (const f of [...Array.from({ length: 41 }, (_, i) => i + 1), 64]) {
    for (const rows of [0, 1, 2, 5, 33]) {
      const y = float32Factors(rng, rows, f);
      const got = simdGramSums(y, f);
      assert.ok(got !== null);
      assert.ok(sameBits(upper(got, f), upper(referenceSums(y, f), f)), `f ${f} rows ${rows}`);
    }
  }
});

Deno.test("the SIMD sums skip a zero factor's products, so 0 · ∞ never reaches them", () => {
  for (const f of [2, 3, 4, 5]) {
    const y = new Float32Array(6 * f).map((_, i) => 0.5 + (i % 7) * 0.25);
    y[2 * f] = 0;
    y[2 * f + 1] = Infinity;
    y[4 * f + f - 1] = -0;
    const got = simdGramSums(y, f);
    assert.ok(got !== null);
    assert.ok(sameBits(upper(got, f), upper(referenceSums(y, f), f)), `f ${f}`);
    assert.ok(Number.isFinite(got[1]), "row 2's zero factor skipped its 0 · ∞");
    assert.equal(got[f + 1], Infinity);
  }
});

Deno.test("the SIMD sums cross their copy chunks in row order, with the row loop's bits", () => {
  const rng = new Rng("gram-chunks");
  // 1 MiB chunks: 8,192 rows at f = 32, 262,144 at f = 1, 7,943 at f = 33.
  for (const [f, rows] of [[32, 20_000], [1, 300_000], [33, 8_000]]) {
    const y = float32Factors(rng, rows, f);
    const got = simdGramSums(y, f);
    assert.ok(got !== null);
    assert.ok(sameBits(upper(got, f), upper(referenceSums(y, f), f)), `f ${f} rows ${rows}`);
  }
});

Deno.test("the SIMD sums of a range of g's rows are those rows of the whole, bit for bit, and nothing else", () => {
  const rng = new Rng("gram-rows");
  for (const f of [1, 2, 3, 7, 8, 9, 16, 32, 33]) {
    const y = float32Factors(rng, 37, f);
    const whole = referenceSums(y, f);
    for (let k = 0; k < 6; k++) {
      const from = rng.int(f + 1), to = from + rng.int(f - from + 1);
      const got = simdGramSums(y, f, from, to)!;
      for (let a = 0; a < f; a++) {
        for (let b = a; b < f; b++) {
          const want = a >= from && a < to ? whole[a * f + b] : 0;
          assert.ok(Object.is(got[a * f + b], want), `f ${f} rows ${from}..${to}: g[${a}][${b}]`);
        }
      }
    }
  }
});
