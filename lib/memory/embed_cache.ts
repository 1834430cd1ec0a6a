/**
 * An embedding cache in front of any Embedder: each distinct text is embedded once, which
 * matters when the embedder is a remote model and memories repeat.
 *
 * @module
 */
import type { Embedder } from "../llm/embedder.ts";

/**
 * Caches embeddings per text (first in, first out beyond `maxEntries`).
 *
 * @example A repeated text is embedded once
 * ```ts
 * import { CachedEmbedder } from "@lib/memory/embed_cache.ts";
 * import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
 * import assert from "node:assert/strict";
 * const e = new CachedEmbedder(new HashedEmbedder());
 * await e.embed(["a", "b", "a"]);
 * assert.equal(e.misses, 2);
 * ```
 */
export class CachedEmbedder implements Embedder {
  readonly name: string;
  readonly dim: number;
  /** Texts that had to be embedded. */
  misses = 0;
  readonly #inner: Embedder;
  readonly #cache = new Map<string, Float32Array>();
  readonly #maxEntries: number;

  /**
   * @param inner The embedder to cache.
   * @param maxEntries Most texts kept.
   */
  constructor(inner: Embedder, maxEntries = 20_000) {
    this.#inner = inner;
    this.name = inner.name;
    this.dim = inner.dim;
    this.#maxEntries = maxEntries;
    // Only an embedder that answers at once makes its cache answer at once.
    const now = inner.embedSync?.bind(inner);
    if (now) {
      this.embedSync = (text) => {
        let v = this.#cache.get(text);
        if (v === undefined) {
          this.misses++;
          this.#put(text, v = now(text));
        }
        return v;
      };
    }
  }

  /** The vector {@link embed} gives for a text, at once, when the inner embedder has it. */
  readonly embedSync?: (text: string) => Float32Array;

  /**
   * Seeds the cache (e.g. from a checkpoint) so restored memories need no new calls.
   *
   * @param text The text.
   * @param vector Its embedding.
   */
  remember(text: string, vector: Float32Array): void {
    if (!this.#cache.has(text)) this.#put(text, vector);
  }

  #put(text: string, vector: Float32Array): void {
    this.#cache.set(text, vector);
    if (this.#cache.size > this.#maxEntries) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
  }

  /** @inheritdoc */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.#cache.has(t)))];
    if (missing.length > 0) {
      const vecs = await this.#inner.embed(missing);
      this.misses += missing.length;
      missing.forEach((t, i) => this.#put(t, vecs[i]));
    }
    return texts.map((t) => this.#cache.get(t)!);
  }

  /**
   * @param text One text.
   * @returns Its embedding.
   */
  async embedOne(text: string): Promise<Float32Array> {
    return (await this.embed([text]))[0];
  }
}
