/**
 * The pooled client for OpenAI-compatible servers: structured calls with schema validation
 * and bounded repair, retries with seeded jitter, key pool, record/replay cache and usage
 * accounting. {@link LlmClient.complete} turns every failure of a call into a result; it throws
 * only when the endpoint as a whole looks unusable (a wrong key or URL), so a run stops.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import { backoffDelay, sleep } from "./backoff.ts";
import { type LlmConfig, type LlmConfigInput, parseLlmConfig } from "./config.ts";
import { KeyPool, type KeyStatus, type Lease } from "./key_pool.ts";
import {
  cacheKey,
  type CacheMode,
  defaultCacheDir,
  envCacheMode,
  RecordCache,
} from "./record_cache.ts";
import { describeError, redact } from "./redact.ts";
import { LlmUnreachableError } from "./llm_error.ts";
import { buildChatBody, jsonSchemaOf } from "./request_body.ts";
import { type Attempt, isRetryable, makeSdkClient, sendChat } from "./transport.ts";
import type {
  ChatMessage,
  StructuredLlm,
  StructuredRequest,
  StructuredResult,
  Usage,
} from "./types.ts";
import { UsageLedger } from "./usage_ledger.ts";
import type {
  LlmClientOptions,
  LlmEvent,
  LlmStats,
  PooledResult,
  SlotPayload,
} from "./client_types.ts";
import { estimateTokens, repairMessages, validate } from "./structured_reply.ts";
import { Batcher } from "./batcher.ts";

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
  readonly #rng: Rng;
  readonly #onEvent?: (event: LlmEvent) => void;
  readonly #caches = new Map<string, RecordCache>();
  readonly #batcher?: Batcher;
  readonly #batchSlot?: SlotPayload;
  #retryBudget: number;
  #consecutiveFailures = 0;
  #halted: LlmUnreachableError | null = null;
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
    this.#rng = new Rng(`llm-retry/${c.seed}`);
    this.#retryBudget = c.retry.budget;
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
    this.#pool = new KeyPool(slots, c.cooldown);
    if (options.batch) {
      this.#batchSlot = slots[0].payload;
      this.#batcher = new Batcher(this.#batchSlot.sdk, options.batch);
    }
  }

  /** Batches sent through the Batch API so far (0 when batching is off). */
  get batchesSent(): number {
    return this.#batcher?.batches ?? 0;
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
      retryBudgetLeft: this.#retryBudget,
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
    if (this.#halted) throw this.#halted;
    const request: StructuredRequest<T> = {
      ...input,
      temperature: input.temperature ?? this.#config.temperature,
      maxTokens: input.maxTokens ?? this.#config.maxTokens,
    };
    const meta = request.meta ?? {};
    const t0 = performance.now();
    let attempts = 0, retries = 0, calls = 0, key = "", raw: string | undefined;
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const finish = (ok: boolean, cached: boolean): number => {
      const latencyMs = cached ? 0 : performance.now() - t0;
      this.#stats.done++;
      this.#stats[ok ? "ok" : "failed"]++;
      if (cached) this.#stats.cacheHits++;
      this.usage.record({
        kind: "chat",
        model: this.model,
        agentId: meta.agentId ?? "",
        behaviour: meta.behaviour ?? "",
        key: cached ? "cache" : key,
        ok,
        cached,
        attempts,
        retries,
        promptTokens: cached ? 0 : usage.promptTokens,
        completionTokens: cached ? 0 : usage.completionTokens,
        latencyMs,
      });
      this.#emit({
        type: "done",
        kind: "chat",
        ok,
        cached,
        key: cached ? "cache" : key,
        attempts,
        latencyMs,
      });
      return latencyMs;
    };
    const fail = (error: string): StructuredResult<T> => {
      const latencyMs = finish(false, false);
      return {
        ok: false,
        error: redact(error),
        raw,
        usage,
        cached: false,
        attempts,
        calls,
        latencyMs,
      };
    };
    this.#stats.started++;
    this.#emit({ type: "start", kind: "chat", agentId: meta.agentId, behaviour: meta.behaviour });
    try {
      const cache = this.cache();
      const cacheKeyText = cache ? await this.#chatKey(request) : "";
      const hit = cache ? await cache.get(cacheKeyText) : undefined;
      if (hit?.error !== undefined) {
        finish(false, true);
        return {
          ok: false,
          error: hit.error,
          raw: hit.raw,
          usage: hit.usage,
          cached: true,
          attempts: 0,
          calls: hit.calls ?? 1,
          latencyMs: 0,
        };
      }
      if (hit?.raw !== undefined) {
        const parsed = validate(hit.raw, request.schema);
        if (parsed.ok) {
          finish(true, true);
          return {
            ok: true,
            value: parsed.value,
            raw: hit.raw,
            usage: hit.usage,
            cached: true,
            attempts: 0,
            calls: hit.calls ?? 1,
            latencyMs: 0,
          };
        }
      }
      if (cache?.mode === "replay") {
        return fail(
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
          raw,
          ...(error === undefined ? {} : { error: redact(error) }),
          calls,
          usage,
        });
      };
      let messages: ChatMessage[] = request.messages;
      let lastError = "";
      for (let round = 0; round <= this.#config.repairs; round++) {
        calls = round + 1;
        const estimate = estimateTokens(messages) + (request.maxTokens ?? 512);
        const batched = round === 0 ? await this.#viaBatch(request) : null;
        const sent = batched ?? await this.pooled(estimate, (lease) => {
          const { body } = buildChatBody({ ...request, messages }, {
            model: lease.payload.model,
            mode: lease.payload.outputMode,
          });
          return sendChat(lease.payload.sdk, body);
        });
        attempts += sent.attempts;
        retries += sent.retries;
        key = sent.key;
        usage.promptTokens += sent.usage.promptTokens;
        usage.completionTokens += sent.usage.completionTokens;
        if (!sent.ok) {
          if (this.#halted) throw this.#halted;
          // A refused key or an unreachable host says nothing about this call: not recorded,
          // so the call is made again once the endpoint works.
          if (sent.kind !== "rejected" && sent.kind !== "connection") await record(sent.error);
          return fail(sent.error);
        }
        raw = sent.value;
        const parsed = validate(raw, request.schema);
        if (parsed.ok) {
          await record();
          const latencyMs = finish(true, false);
          return {
            ok: true,
            value: parsed.value,
            raw,
            usage,
            cached: false,
            attempts,
            calls,
            latencyMs,
          };
        }
        lastError = parsed.error;
        messages = repairMessages(request.messages, raw, parsed.error);
      }
      const error = `invalid reply after ${this.#config.repairs} repair(s): ${lastError}`;
      await record(error);
      return fail(error);
    } catch (e) {
      if (e instanceof LlmUnreachableError) {
        finish(false, false);
        throw e;
      }
      return fail(`unexpected error: ${describeError(e)}`);
    }
  }

  /** A first attempt through the Batch API, or null when batching is off or it failed. */
  async #viaBatch<T>(request: StructuredRequest<T>): Promise<PooledResult<string> | null> {
    if (!this.#batcher || !this.#batchSlot) return null;
    const { body } = buildChatBody(request, {
      model: this.#batchSlot.model,
      mode: this.#batchSlot.outputMode,
    });
    const r = await this.#batcher.submit(body);
    if (!r.ok) {
      this.#emit({ type: "retry", key: "batch", reason: r.kind, delayMs: 0, message: r.message });
      return null;
    }
    return { ok: true, value: r.value, usage: r.usage, attempts: 1, retries: 0, key: "batch" };
  }

  /**
   * Runs one request through the key pool with retries (the building block of chat and
   * embedding calls; a batch runner can use it too).
   *
   * @param estimatedTokens Tokens the request may use (for tokens-per-minute limits).
   * @param send Sends one attempt with a leased key.
   * @returns The value or a redacted error, with attempts, retries, the last key label and usage.
   */
  async pooled<T>(
    estimatedTokens: number,
    send: (lease: Lease<SlotPayload>) => Promise<Attempt<T>>,
  ): Promise<PooledResult<T>> {
    let attempts = 0, retries = 0, key = "", lastFailure = "";
    for (let retry = 0;; retry++) {
      if (this.#halted) {
        const error = this.#halted.message;
        return { ok: false, error, kind: "connection", attempts, retries, key, usage: zeroUsage() };
      }
      const lease = await this.#pool.acquire(estimatedTokens);
      if (!lease) {
        const error = "no usable API key: every key was rejected by its server (401/403)";
        this.#halt(this.#endpointUrls(), lastFailure ? `${error}; ${lastFailure}` : error);
        return { ok: false, error, kind: "rejected", attempts, retries, key, usage: zeroUsage() };
      }
      if (this.#halted) {
        lease.release({ kind: "neutral" });
        continue;
      }
      key = lease.label;
      attempts++;
      const r = await send(lease);
      if (r.ok) {
        this.#consecutiveFailures = 0;
        const tokens = r.usage.promptTokens + r.usage.completionTokens;
        lease.release({ kind: "ok", tokens });
        this.#stats.promptTokens += r.usage.promptTokens;
        this.#stats.completionTokens += r.usage.completionTokens;
        return { ok: true, value: r.value, attempts, retries, key, usage: r.usage };
      }
      lease.release(
        r.kind === "rate-limit"
          ? { kind: "rate-limited", retryAfterMs: r.retryAfterMs }
          : r.kind === "rejected"
          ? { kind: "rejected" }
          : r.kind === "client"
          ? { kind: "neutral" }
          : { kind: "failure" },
      );
      const message = redact(r.message);
      lastFailure = `${r.kind}: ${message}`;
      // Rate limits mean the server is there and the key works; anything else in a long
      // unbroken row means it is not worth asking again.
      if (
        r.kind !== "rate-limit" &&
        ++this.#consecutiveFailures >= this.#config.maxConsecutiveFailures
      ) {
        this.#halt(lease.payload.baseUrl, `${r.kind}: ${message}`);
      }
      if (
        this.#halted || !isRetryable(r.kind) || retry >= this.#config.retry.maxRetries ||
        this.#retryBudget <= 0
      ) {
        const why = !isRetryable(r.kind)
          ? ""
          : this.#retryBudget <= 0
          ? " (retry budget of the run exhausted)"
          : ` (after ${retries} retries)`;
        return {
          ok: false,
          error: `${r.kind}: ${message}${why}`,
          kind: r.kind,
          attempts,
          retries,
          key,
          usage: zeroUsage(),
        };
      }
      this.#retryBudget--;
      retries++;
      this.#stats.retries++;
      const { baseMs, maxMs } = this.#config.retry;
      const delayMs = Math.max(
        backoffDelay(retry, this.#rng, baseMs, maxMs),
        r.kind === "rate-limit" ? 0 : r.retryAfterMs ?? 0,
      );
      this.#emit({ type: "retry", key, reason: r.kind, delayMs, message });
      await sleep(delayMs);
    }
  }

  /** Takes the endpoint as unusable: later calls throw, waiting requests stop waiting. */
  #halt(endpoint: string, last: string): void {
    this.#halted ??= new LlmUnreachableError(endpoint, this.#consecutiveFailures, last);
    this.#pool.close();
  }

  /** The endpoints' URLs, for a message about all of them. */
  #endpointUrls(): string {
    return this.#config.endpoints.map((e) => publicUrl(e.baseUrl)).join(", ");
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

function zeroUsage(): Usage {
  return { promptTokens: 0, completionTokens: 0 };
}
