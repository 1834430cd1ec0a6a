/**
 * Small dense linear systems, solved by Gauss–Jordan elimination with partial pivoting: the
 * Newton steps of the fitted choice model and the ridge regressions of the rating model are a
 * few dozen unknowns, where a library would cost more than it saves.
 *
 * @module
 */

/**
 * Solves `a · x = b`. A column whose pivot is zero (a singular direction) gets 0 rather than
 * a division by zero, so a ridge or Newton step leaves that direction unchanged.
 *
 * @param a The square matrix, row by row (arrays or typed arrays; not modified).
 * @param b The right-hand side.
 * @returns x.
 *
 * @example A 2 × 2 system and a singular one
 * ```ts
 * import assert from "node:assert/strict";
 * import { solveLinear } from "@lib/core/linear_solve.ts";
 * const [x, y] = solveLinear([[2, 1], [1, 3]], [3, 5]);
 * assert.ok(Math.abs(x - 0.8) < 1e-12 && Math.abs(y - 1.4) < 1e-12);
 * assert.deepEqual(solveLinear([[1, 0], [0, 0]], [2, 5]), [2, 0]);
 * ```
 */
export function solveLinear(
  a: readonly ArrayLike<number>[],
  b: ArrayLike<number>,
): number[] {
  const n = b.length, m = a.map((r, i) => [...Array.from(r), b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((r, i) => (r[i] === 0 ? 0 : r[n] / r[i]));
}
