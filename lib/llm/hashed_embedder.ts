/**
 * An offline, deterministic text embedder: word unigrams and bigrams plus character
 * trigrams, hashed into a fixed number of buckets with signs, log-scaled and
 * unit-normalised. It needs no model, is fast, and is good enough for memory relevance and
 * title search; similar wording gives similar vectors.
 *
 * @module
 */
import { hash32 } from "../core/hash.ts";
import { type Embedder, normalize } from "./embedder.ts";

/** Options of {@link HashedEmbedder}. */
export interface HashedEmbedderOptions {
  /** Vector length (default 256). */
  dim?: number;
  /** Weight of character trigrams relative to words (default 0.5). */
  charWeight?: number;
}

const STOP = new Set(
  "a an the and or of to in on at for with is are was were be been it its this that as by from i you he she we they my your his her our their me him them not no so do did does have has had"
    .split(" "),
);

/**
 * Hashed n-gram embedder (offline default).
 *
 * @example Related texts are closer than unrelated ones
 * ```ts
 * import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
 * import { cosine } from "@lib/llm/embedder.ts";
 * import assert from "node:assert/strict";
 * const e = new HashedEmbedder();
 * const [a, b, c] = await e.embed(["a sci-fi movie about space", "space sci-fi film", "romantic comedy in Paris"]);
 * assert.ok(cosine(a, b) > cosine(a, c));
 * ```
 */
export class HashedEmbedder implements Embedder {
  readonly name: string;
  readonly dim: number;
  readonly #charWeight: number;

  /** @param options Dimension and character-trigram weight. */
  constructor(options: HashedEmbedderOptions = {}) {
    this.dim = options.dim ?? 256;
    this.#charWeight = options.charWeight ?? 0.5;
    this.name = `hashed-ngram-${this.dim}`;
  }

  /** Embeds texts synchronously (the async {@link embed} delegates here). */
  embedSync(text: string): Float32Array {
    const v = new Float32Array(this.dim);
    const words = text.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}\s]+/gu, " ")
      .split(/\s+/).filter((w) => w.length > 0 && !STOP.has(w));
    const add = (token: string, weight: number) => {
      const h = hash32(token);
      v[h % this.dim] += (h & 0x80000000) ? -weight : weight;
    };
    for (let i = 0; i < words.length; i++) {
      add(`w:${words[i]}`, 1);
      if (i + 1 < words.length) add(`b:${words[i]} ${words[i + 1]}`, 0.5);
      const padded = ` ${words[i]} `;
      for (let j = 0; j + 3 <= padded.length; j++) {
        add(`c:${padded.slice(j, j + 3)}`, this.#charWeight);
      }
    }
    for (let i = 0; i < v.length; i++) v[i] = Math.sign(v[i]) * Math.log1p(Math.abs(v[i]));
    return normalize(v);
  }

  /** @inheritdoc */
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((t) => this.embedSync(t)));
  }
}
