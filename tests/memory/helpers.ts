import type { Embedder } from "@lib/llm/embedder.ts";
import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";

/**
 * A test embedder with hand-set directions: a text containing "axis:N" points along
 * dimension N, so cosines are exactly 0 or 1; any other text uses the hashed embedder.
 * Counts how many texts it was asked to embed.
 */
export class AxisEmbedder implements Embedder {
  readonly name = "axis-test";
  readonly dim = 64;
  calls = 0;
  readonly #fallback = new HashedEmbedder({ dim: 64 });
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls += texts.length;
    return Promise.resolve(texts.map((t) => {
      const m = t.match(/axis:(\d+)/);
      if (!m) return this.#fallback.embedSync(t);
      const v = new Float32Array(this.dim);
      v[Number(m[1])] = 1;
      return v;
    }));
  }
}
