/**
 * MF's scoring of the whole catalogue for one user, as a pure function over typed arrays, so
 * the recommender and the page workers run the very same arithmetic and every score, and so
 * every page, comes out bit-identical wherever it was computed.
 *
 * @module
 */

/**
 * Scores every item for one user: out[i] = x_u · y_i, summed as a float64 in factor order.
 *
 * @param x User factors, users × f, row-major.
 * @param off The user's row offset in `x` (row × f).
 * @param y Item factors, items × f, row-major.
 * @param f Latent dimensions.
 * @param out Scores by item index (its length is the number of items scored).
 *
 * @example Two items, two factors
 * ```ts
 * import { scoreItems } from "@lib/recsys/mf_score.ts";
 * import assert from "node:assert/strict";
 * const out = new Float64Array(2);
 * scoreItems(new Float32Array([1, 2]), 0, new Float32Array([1, 0, 0.5, 1]), 2, out);
 * assert.deepEqual([...out], [1, 2.5]);
 * ```
 */
export function scoreItems(
  x: Float32Array,
  off: number,
  y: Float32Array,
  f: number,
  out: Float64Array,
): void {
  const f4 = f - (f % 4);
  // Unrolled by four, adding in the same order as the plain loop.
  for (let i = 0, row = 0; i < out.length; i++, row += f) {
    let s = 0, a = 0;
    for (; a < f4; a += 4) {
      s += x[off + a] * y[row + a];
      s += x[off + a + 1] * y[row + a + 1];
      s += x[off + a + 2] * y[row + a + 2];
      s += x[off + a + 3] * y[row + a + 3];
    }
    for (; a < f; a++) s += x[off + a] * y[row + a];
    out[i] = s;
  }
}
