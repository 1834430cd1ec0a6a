/**
 * Unpredictability of success across parallel worlds (Salganik, Dodds & Watts 2006): for each
 * item, the mean absolute difference of its market share over all pairs of worlds, averaged
 * over items. 0 when every world ends with the same shares.
 *
 * @module
 */

/**
 * Salganik et al.'s unpredictability U.
 *
 * @param counts counts[w][i]: choices of item i in world w (every world lists the same items).
 * @returns U (mean over items of the mean pairwise |share difference| across worlds).
 *
 * @example Identical worlds are perfectly predictable; opposite ones are not
 * ```ts
 * import { unpredictability } from "@lib/metrics/unpredictability.ts";
 * import assert from "node:assert/strict";
 * assert.equal(unpredictability([[1, 3], [2, 6]]), 0);
 * assert.equal(unpredictability([[4, 0], [0, 4]]), 1);
 * ```
 */
export function unpredictability(counts: readonly (readonly number[])[]): number {
  const w = counts.length;
  if (w < 2) throw new RangeError("unpredictability needs at least two worlds");
  const shares = counts.map((c) => {
    const total = c.reduce((a, b) => a + b, 0);
    return c.map((x) => total > 0 ? x / total : 0);
  });
  const items = shares[0].length;
  let sum = 0;
  for (let i = 0; i < items; i++) {
    let pairs = 0;
    for (let a = 0; a < w; a++) {
      for (let b = a + 1; b < w; b++) pairs += Math.abs(shares[a][i] - shares[b][i]);
    }
    sum += pairs / (w * (w - 1) / 2);
  }
  return sum / items;
}
