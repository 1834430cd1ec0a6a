/**
 * The Embedder interface: text in, unit-normalised vectors out. Memory relevance, title
 * search and the embedding baseline all go through it, so an offline hashed embedder and a
 * remote /v1/embeddings model are interchangeable.
 *
 * @module
 */

/** Turns texts into vectors of a fixed dimension. */
export interface Embedder {
  /** A name recorded in run manifests ("hashed-ngram-256", "openai:text-embedding-3-small"). */
  readonly name: string;
  /** Vector length. */
  readonly dim: number;
  /**
   * Embeds texts, in order.
   *
   * @param texts The texts.
   * @returns One unit-length vector per text (all zeros for an empty text).
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * Cosine similarity; for unit vectors this is the dot product.
 *
 * @param a A vector.
 * @param b A vector of the same length.
 * @returns The cosine similarity in [-1, 1] (0 when either is all zeros).
 *
 * @example
 * ```ts
 * import { cosine } from "@lib/llm/embedder.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cosine(new Float32Array([1, 0]), new Float32Array([1, 0])), 1);
 * assert.equal(cosine(new Float32Array([1, 0]), new Float32Array([0, 1])), 0);
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
