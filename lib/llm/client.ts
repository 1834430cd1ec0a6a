/**
 * The pooled client for OpenAI-compatible servers: structured calls with schema validation
 * and bounded repair, retries with seeded jitter, key pool, record/replay cache and usage
 * accounting. {@link LlmClient.complete} turns every failure of a call into a result; it throws
 * only when the endpoint as a whole looks unusable (a wrong key or URL), so a run stops.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import { type LlmConfig, type LlmConfigInput, parseLlmConfig } from "./config.ts";
import { KeyPool, type KeyStatus, type Lease } from "./key_pool.ts";
import {
  type CacheEntry,
  cacheKey,
  type CacheMode,
  defaultCacheDir,
  envCacheMode,
  RecordCache,
} from "./record_cache.ts";
import { describeError, redact } from "./redact.ts";
import { LlmUnreachableError } from "./llm_error.ts";
import { buildChatBody, jsonSchemaOf } from "./request_body.ts";
import { type Attempt, makeSdkClient, sendChat } from "./transport.ts";
import type { StructuredLlm, StructuredRequest, StructuredResult } from "./types.ts";
import { UsageLedger } from "./usage_ledger.ts";
import type {
  LlmClientOptions,
  LlmEvent,
  LlmStats,
  PooledResult,
  SlotPayload,
} from "./client_types.ts";
import { estimateTokens, validate } from "./structured_reply.ts";
import { BatchFirst } from "./client_batch.ts";
import { CallTally } from "./call_tally.ts";
import { askWithRepair } from "./client_repair.ts";
import { pooledWithRetry, type RetryState } from "./client_retry.ts";
import { EndpointStop } from "./endpoint_stop.ts";

/**
 * Structured LLM client over one or more OpenAI-compatible endpoints.
 *
 * @example Against the local server
 * ```ts
 * import { LlmClient, startLocalServer } from "@lib/llm/mod.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 * const server = await startLocalServer({ keys: ["doc-key-1"] });
 * const client = new LlmClient({ model: "local", endpoints: [{ baseUrl: server.url, keys: ["doc-key-1"] }], cache: { mode: "off" } });
 * const r = await client.complete({
 *   messages: [{ role: "user", content: "Pick a film" }],
 *   schema: z.object({ title: z.string(), rating: z.number().int().min(1).max(5) }),
 *   schemaName: "pick",
 *   meta: { agentId: "a1", behaviour: "browse", seed: 1 },
 * });
 * assert.ok(r.ok && r.value.rating >= 1);
 * assert.match(client.usage.summary(), /1 calls/);
 * await server.stop();
 * ```
 */
export class LlmClient implements StructuredLlm {
  /** The logical model name. */
  readonly model: string;
  /** The parsed configuration (keys inside; never log it). */
  readonly #config: LlmConfig;
  /** Usage of every call. */
  readonly usage: UsageLedger;
  /** The cache mode in effect. */
  readonly cacheMode: CacheMode;
  readonly #pool: KeyPool<SlotPayload>;
  readonly #onEvent?: (event: LlmEvent) => void;
  readonly #caches = new Map<string, RecordCache>();
  readonly #batch: BatchFirst;
  readonly #stop: EndpointStop;
  readonly #retry: RetryState<SlotPayload>;
  readonly #stats = {
    started: 0,
    done: 0,
    ok: 0,
    failed: 0,
    cacheHits: 0,
    retries: 0,
    promptTokens: 0,
    completionTokens: 0,
  };

  /**
   * @param config The configuration (validated; see {@link LlmConfig}).
   * @param options Event callback and fetch.
   * @throws ConfigError when the configuration is invalid (keys redacted).
   */
  constructor(config: LlmConfigInput | LlmConfig, options: LlmClientOptions = {}) {
    const c = parseLlmConfig(config);
    this.#config = c;
    this.model = c.model;
    this.usage = new UsageLedger(c.prices);
    this.cacheMode = c.cache.mode ?? envCacheMode() ?? "off";
    this.#onEvent = options.onEvent;
    const names = new Set<string>();
    const slots = c.endpoints.flatMap((e, j) => {
      let name = e.name ?? new URL(e.baseUrl).host;
      if (names.has(name)) name = `${name}-${j}`;
      names.add(name);
      return e.keys.map((key, i) => ({
        label: `${name}#${i}`,
        endpoint: name,
        limit: e.concurrency,
        rpm: e.rpm,
        tpm: e.tpm,
        payload: {
          sdk: makeSdkClient(e.baseUrl, key, c.requestTimeoutMs, options.fetch),
          baseUrl: publicUrl(e.baseUrl),
          model: e.model ?? c.model,
          embeddingModel: e.embeddingModel ?? c.embeddingModel,
          outputMode: e.outputMode,
        },
      }));
    });
    const pool = new KeyPool(slots, c.cooldown);
    this.#pool = pool;
    this.#stop = new EndpointStop(c.maxConsecutiveFailures, () => pool.close());
    this.#retry = {
      pool,
      stop: this.#stop,
      rng: new Rng(`llm-retry/${c.seed}`),
      retry: c.retry,
      budget: { left: c.retry.budget },
      stats: this.#stats,
      endpointUrls: () => c.endpoints.map((e) => publicUrl(e.baseUrl)).join(", "),
      emit: (e) => this.#emit(e),
    };
    this.#batch = new BatchFirst(
      options.batch ? slots[0].payload : undefined,
      options.batch,
      (e) => this.#emit(e),
    );
  }

  /** Batches sent through the Batch API so far (0 when batching is off). */
  get batchesSent(): number {
    return this.#batch.sent;
  }

  /** The embedding model name from the configuration. */
  get embeddingModel(): string {
    return this.#config.embeddingModel;
  }

  /** @returns A progress snapshot. */
  stats(): LlmStats {
    return {
      ...this.#stats,
      inFlight: this.#pool.inFlight,
      queued: this.#pool.queued,
      retryBudgetLeft: this.#retry.budget.left,
    };
  }

  /** @returns The state of every key (labels, load, rest, disabled). */
  keys(): KeyStatus[] {
    return this.#pool.status();
  }

  /**
   * The record/replay cache of a model (one JSONL file each).
   *
   * @param model Model name (default: the client's).
   * @returns The cache, or null when the mode is "off".
   */
  cache(model: string = this.model): RecordCache | null {
    if (this.cacheMode === "off") return null;
    let cache = this.#caches.get(model);
    if (!cache) {
      cache = new RecordCache(this.#config.cache.dir ?? defaultCacheDir(), model, this.cacheMode);
      this.#caches.set(model, cache);
    }
    return cache;
  }

  /**
   * Asks for a reply matching the schema. Never throws.
   *
   * @param input Messages, schema, schema name, call metadata, sampling (temperature and
   *   token limit default to the configuration's).
   * @returns The validated value or a failure with a redacted reason.
   * @throws LlmUnreachableError once `maxConsecutiveFailures` requests in a row have failed
   *   (the endpoint looks unusable), so a run stops instead of failing every decision.
   */
  async complete<T>(input: StructuredRequest<T>): Promise<StructuredResult<T>> {
    if (this.#stop.halted) throw this.#stop.halted;
    const request: StructuredRequest<T> = {
      ...input,
      temperature: input.temperature ?? this.#config.temperature,
      maxTokens: input.maxTokens ?? this.#config.maxTokens,
    };
    const meta = request.meta ?? {};
    const tally = new CallTally(
      { model: this.model, usage: this.usage, stats: this.#stats, emit: (e) => this.#emit(e) },
      meta,
    );
    this.#stats.started++;
    this.#emit({ type: "start", kind: "chat", agentId: meta.agentId, behaviour: meta.behaviour });
    try {
      const cache = this.cache();
      const cacheKeyText = cache ? await this.#chatKey(request) : "";
      const hit = cache ? await cache.get(cacheKeyText) : undefined;
      const recorded = hit ? recordedResult(hit, request.schema) : null;
      if (recorded) {
        tally.finish(recorded.ok, true);
        return recorded;
      }
      if (cache?.mode === "replay") {
        return tally.failure(
          `replay cache miss for "${request.schemaName}" (agent ${
            meta.agentId ?? "-"
          }, behaviour ` +
            `${meta.behaviour ?? "-"}, seed ${meta.seed ?? "-"}, key ${
              cacheKeyText.slice(0, 12)
            }) in ${cache.file}`,
        );
      }
      // Every outcome is recorded, failures included, so a replay repeats it exactly.
      const record = async (error?: string) => {
        if (!cache) return;
        await cache.put({
          key: cacheKeyText,
          kind: "chat",
          model: this.model,
          schemaName: request.schemaName,
          agentId: meta.agentId,
          behaviour: meta.behaviour,
          raw: tally.raw,
          ...(error === undefined ? {} : { error: redact(error) }),
          calls: tally.calls,
          usage: tally.usage,
        });
      };
      const outcome = await askWithRepair(
        request,
        this.#config.repairs,
        tally,
        async (round, messages) => {
          const estimate = estimateTokens(messages) + (request.maxTokens ?? 512);
          const batched = round === 0 ? await this.#batch.first(request) : null;
          return batched ?? await this.pooled(estimate, (lease) => {
            const { body } = buildChatBody({ ...request, messages }, {
              model: lease.payload.model,
              mode: lease.payload.outputMode,
            });
            return sendChat(lease.payload.sdk, body);
          });
        },
      );
      if (outcome.ok) {
        await record();
        const latencyMs = tally.finish(true, false);
        return {
          ok: true,
          value: outcome.value,
          raw: tally.raw!,
          usage: tally.usage,
          cached: false,
          attempts: tally.attempts,
          calls: tally.calls,
          latencyMs,
        };
      }
      if (!outcome.invalid) {
        if (this.#stop.halted) throw this.#stop.halted;
        // A refused key or an unreachable host says nothing about this call: not recorded,
        // so the call is made again once the endpoint works.
        if (outcome.kind === "rejected" || outcome.kind === "connection") {
          return tally.failure(outcome.error);
        }
      }
      await record(outcome.error);
      return tally.failure(outcome.error);
    } catch (e) {
      if (e instanceof LlmUnreachableError) {
        tally.finish(false, false);
        throw e;
      }
      return tally.failure(`unexpected error: ${describeError(e)}`);
    }
  }

  /**
   * Runs one request through the key pool with retries (the building block of chat and
   * embedding calls; a batch runner can use it too).
   *
   * @param estimatedTokens Tokens the request may use (for tokens-per-minute limits).
   * @param send Sends one attempt with a leased key.
   * @returns The value or a redacted error, with attempts, retries, the last key label and usage.
   */
  pooled<T>(
    estimatedTokens: number,
    send: (lease: Lease<SlotPayload>) => Promise<Attempt<T>>,
  ): Promise<PooledResult<T>> {
    return pooledWithRetry(this.#retry, estimatedTokens, send);
  }

  #chatKey<T>(request: StructuredRequest<T>): Promise<string> {
    return cacheKey({
      model: this.model,
      messages: request.messages,
      schema: { name: request.schemaName, json: jsonSchemaOf(request.schema) },
      params: { temperature: request.temperature ?? null, maxTokens: request.maxTokens ?? null },
      seed: request.meta?.seed,
    });
  }

  #emit(event: LlmEvent): void {
    try {
      this.#onEvent?.(event);
    } catch {
      // An observer's bug must not break a simulation round.
    }
  }
}

/** A base URL without user name, password, query or fragment (they may hold credentials). */
function publicUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * A recorded call as the result it was: its failure, or its reply while the reply still
 * matches the schema (null: the entry cannot answer, and the call is made again).
 */
function recordedResult<T>(
  hit: CacheEntry,
  schema: StructuredRequest<T>["schema"],
): StructuredResult<T> | null {
  const as = { raw: hit.raw, usage: hit.usage, cached: true, attempts: 0, latencyMs: 0 };
  const calls = hit.calls ?? 1;
  if (hit.error !== undefined) return { ok: false, error: hit.error, ...as, calls };
  if (hit.raw === undefined) return null;
  const parsed = validate(hit.raw, schema);
  return parsed.ok ? { ok: true, value: parsed.value, ...as, raw: hit.raw, calls } : null;
}
