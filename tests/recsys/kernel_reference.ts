/**
 * The plain loops the numeric kernels are held to, and a comparison of their results bit for
 * bit: the ALS Gram sums and the matrix-vector product, each summed in the order the ALS code
 * sums them.
 *
 * @module
 */

/** YᵀY's upper triangle row by row of y, skipping zero factors (gramMatrix's order). */
export function referenceSums(y: Float32Array, f: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let o = 0; o < y.length; o += f) {
    for (let a = 0; a < f; a++) {
      const ya = y[o + a];
      if (ya === 0) continue;
      for (let b = a; b < f; b++) g[a * f + b] += ya * y[o + b];
    }
  }
  return g;
}

/** out[a] summed from 0 over b = 0..f−1 along row a of g (the ALS loop's order). */
export function referenceTimes(g: Float64Array, v: Float64Array, f: number): Float64Array {
  const out = new Float64Array(f);
  for (let a = 0; a < f; a++) {
    let s = 0;
    for (let b = 0; b < f; b++) s += g[a * f + b] * v[b];
    out[a] = s;
  }
  return out;
}

/** The upper triangle and diagonal of an f × f matrix, row by row. */
export function upper(g: Float64Array, f: number): Float64Array {
  const out: number[] = [];
  for (let a = 0; a < f; a++) for (let b = a; b < f; b++) out.push(g[a * f + b]);
  return Float64Array.from(out);
}

/** True when both arrays hold the same bytes (NaN payloads and the sign of zero included). */
export function sameBits(
  a: Float32Array | Float64Array,
  b: Float32Array | Float64Array,
): boolean {
  const ua = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const ub = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return ua.length === ub.length && ua.every((v, i) => v === ub[i]);
}
