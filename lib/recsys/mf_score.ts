/**
 * MF's whole-catalogue scoring kernel: one user's factors against every item's, the loop a
 * browsing agent's page spends most of its time in.
 *
 * @module
 */

/** Scratch for the user's factors as float64, reused while f fits. */
let userRow = new Float64Array(64);

/**
 * Scores items `0..out.length-1` for one user: `out[i]` = Σₐ x[off+a]·y[i·f+a]. Each sum is
 * accumulated as a float64 from 0 in the order a = 0..f−1, so every score is the same number,
 * bit for bit, as the plain per-item loop. Eight items share a pass over the user's factors
 * (read once as float64): eight independent addition chains instead of one, and one load of
 * the user's factor for eight products.
 *
 * @param x User factors (any number of users × f, row-major).
 * @param off Offset of the user's row in `x` (user index × f).
 * @param y Item factors, at least out.length × f, row-major.
 * @param f Latent dimensions.
 * @param out Scores by item index, to fill (its length is the number of items scored).
 * @example Two items, two dimensions
 * ```ts
 * import { scoreItems } from "@lib/recsys/mf_score.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(2);
 * scoreItems(new Float32Array([9, 9, 1, 2]), 2, new Float32Array([3, 4, 0.5, -1]), 2, out);
 * assert.deepEqual([...out], [11, -1.5]);
 * ```
 */
export function scoreItems(
  x: Float32Array,
  off: number,
  y: Float32Array,
  f: number,
  out: Float64Array,
): void {
  if (userRow.length < f) userRow = new Float64Array(f);
  const xu = userRow, n = out.length;
  // float32 → float64 is exact, so products from the copy equal products from x itself.
  for (let a = 0; a < f; a++) xu[a] = x[off + a];
  let i = 0;
  for (let r0 = 0; i + 8 <= n; i += 8, r0 += 8 * f) {
    const r1 = r0 + f, r2 = r1 + f, r3 = r2 + f, r4 = r3 + f, r5 = r4 + f, r6 = r5 + f, r7 = r6 + f;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let a = 0; a < f; a++) {
      const xa = xu[a];
      s0 += xa * y[r0 + a];
      s1 += xa * y[r1 + a];
      s2 += xa * y[r2 + a];
      s3 += xa * y[r3 + a];
      s4 += xa * y[r4 + a];
      s5 += xa * y[r5 + a];
      s6 += xa * y[r6 + a];
      s7 += xa * y[r7 + a];
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
    out[i + 4] = s4;
    out[i + 5] = s5;
    out[i + 6] = s6;
    out[i + 7] = s7;
  }
  for (let row = i * f; i < n; i++, row += f) {
    let s = 0;
    for (let a = 0; a < f; a++) s += xu[a] * y[row + a];
    out[i] = s;
  }
}
