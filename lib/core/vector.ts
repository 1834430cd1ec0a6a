/**
 * Vector arithmetic shared by embeddings, memory relevance and interest similarity.
 *
 * @module
 */

/**
 * Cosine similarity; for unit vectors this is the dot product.
 *
 * @param a A vector.
 * @param b A vector of the same length.
 * @returns The cosine similarity in [-1, 1] (0 when either is all zeros).
 *
 * @example Parallel and orthogonal vectors
 * ```ts
 * import { cosine } from "@lib/core/vector.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cosine([1, 0], [1, 0]), 1);
 * assert.equal(cosine([1, 0], [0, 1]), 0);
 * ```
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Scales a vector to unit length in place.
 *
 * @param v The vector.
 * @returns The same vector.
 */
export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  if (n > 0) {
    const s = 1 / Math.sqrt(n);
    for (let i = 0; i < v.length; i++) v[i] *= s;
  }
  return v;
}
