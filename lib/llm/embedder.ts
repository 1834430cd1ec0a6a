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
  /**
   * Embeds one text at once, for embedders that compute locally (the offline hashed one): the
   * vector {@link embed} gives for it. Callers that can go on without waiting use it when
   * present.
   *
   * @param text The text.
   * @returns Its unit-length vector.
   */
  embedSync?(text: string): Float32Array;
}

export { cosine, normalize } from "../core/vector.ts";
