/**
 * An Embedder over OpenAI-compatible /v1/embeddings, sharing the client's key pool,
 * retries, cache and usage ledger. Vectors are unit-normalised; empty texts give zeros.
 *
 * @module
 */
import type { LlmClient } from "./client.ts";
import { type Embedder, normalize } from "./embedder.ts";
import { LlmError } from "./llm_error.ts";
import { cacheKey, decodeVector, encodeVector } from "./record_cache.ts";
import { sendEmbeddings } from "./transport.ts";

/** Options of {@link OpenAIEmbedder}. */
export interface OpenAIEmbedderOptions {
  /** Model on every endpoint (default: each endpoint's embeddingModel). */
  model?: string;
  /** Requested dimension (models that can shorten vectors), also the declared `dim`. */
  dimensions?: number;
  /** Texts per request (default 64). */
  batchSize?: number;
}

const KNOWN_DIMS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

/**
 * Remote embedder.
 *
 * @example Against the local server
 * ```ts
 * import { LlmClient, OpenAIEmbedder, startLocalServer, cosine } from "@lib/llm/mod.ts";
 * import assert from "node:assert/strict";
 * const server = await startLocalServer({ keys: ["doc-emb-key"], embeddingDim: 32 });
 * const client = new LlmClient({ model: "local", embeddingModel: "local-embed",
 *   endpoints: [{ baseUrl: server.url, keys: ["doc-emb-key"] }], cache: { mode: "off" } });
 * const embedder = new OpenAIEmbedder(client);
 * const [a, b] = await embedder.embed(["space opera", "space opera"]);
 * assert.equal(embedder.dim, 32);
 * assert.ok(Math.abs(cosine(a, b) - 1) < 1e-6);
 * await server.stop();
 * ```
 */
export class OpenAIEmbedder implements Embedder {
  readonly #client: LlmClient;
  readonly #model: string;
  readonly #override?: string;
  readonly #dimensions?: number;
  readonly #batchSize: number;
  #dim: number;

  /**
   * @param client The pooled client whose keys and cache are used.
   * @param options Model, dimension and batch size.
   */
  constructor(client: LlmClient, options: OpenAIEmbedderOptions = {}) {
    this.#client = client;
    this.#model = options.model ?? client.embeddingModel;
    this.#override = options.model;
    this.#dimensions = options.dimensions;
    this.#batchSize = options.batchSize ?? 64;
    this.#dim = options.dimensions ?? KNOWN_DIMS[this.#model] ?? 0;
  }

  /** "openai:<model>". */
  get name(): string {
    return `openai:${this.#model}`;
  }

  /** Vector length (0 until the first reply when the model is not known in advance). */
  get dim(): number {
    return this.#dim;
  }

  /**
   * Embeds texts, in order.
   *
   * @param texts The texts.
   * @returns One unit vector per text (zeros for an empty text).
   * @throws LlmError when a request fails after retries, or a replay misses.
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: (Float32Array | undefined)[] = new Array(texts.length);
    const cache = this.#client.cache(this.#model);
    const keys = await Promise.all(texts.map((t) =>
      cacheKey({
        model: this.#model,
        messages: [{ role: "user", content: t }],
        schema: "embedding",
        params: { dimensions: this.#dimensions ?? null },
      })
    ));
    const todo: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      if (texts[i].trim() === "") continue;
      const hit = cache ? await cache.get(keys[i]) : undefined;
      if (hit?.vector) {
        out[i] = decodeVector(hit.vector);
        this.#record(true, true, 0, 0, 0, "cache");
      } else todo.push(i);
    }
    if (todo.length > 0 && cache?.mode === "replay") {
      throw new LlmError(
        `replay cache miss for ${todo.length} embedding(s) of ${this.#model} in ${cache.file}`,
      );
    }
    for (let start = 0; start < todo.length; start += this.#batchSize) {
      const batch = todo.slice(start, start + this.#batchSize);
      const input = batch.map((i) => texts[i]);
      const t0 = performance.now();
      const estimate = input.reduce((s, t) => s + Math.ceil(t.length / 4), 0);
      const r = await this.#client.pooled(
        estimate,
        (lease) =>
          sendEmbeddings(
            lease.payload.sdk,
            this.#override ?? lease.payload.embeddingModel,
            input,
            this.#dimensions,
          ),
      );
      this.#record(
        r.ok,
        false,
        r.usage.promptTokens,
        r.attempts,
        performance.now() - t0,
        r.key,
        r.retries,
      );
      if (!r.ok) throw new LlmError(`embedding request failed: ${r.error}`);
      for (let j = 0; j < batch.length; j++) {
        const v = normalize(r.value[j]);
        out[batch[j]] = v;
        if (cache) {
          await cache.put({
            key: keys[batch[j]],
            kind: "embedding",
            model: this.#model,
            vector: encodeVector(v),
            usage: { promptTokens: Math.ceil(input[j].length / 4), completionTokens: 0 },
          });
        }
      }
    }
    const found = out.find((v) => v !== undefined);
    if (found && this.#dim === 0) this.#dim = found.length;
    return Array.from(out, (v) => v ?? new Float32Array(this.#dim));
  }

  #record(
    ok: boolean,
    cached: boolean,
    promptTokens: number,
    attempts: number,
    latencyMs: number,
    key: string,
    retries = 0,
  ): void {
    this.#client.usage.record({
      kind: "embedding",
      model: this.#model,
      agentId: "",
      behaviour: "embedding",
      key,
      ok,
      cached,
      attempts,
      retries,
      promptTokens,
      completionTokens: 0,
      latencyMs,
    });
  }
}
