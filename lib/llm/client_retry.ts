/**
 * Retries: one request through the key pool, attempted again on retryable failures with
 * seeded, jittered backoff, within a per-call limit and a budget shared by the whole run.
 * Every failure that is not a rate limit counts towards the stop on an unusable endpoint.
 *
 * @example A server error, then success: one retry, two attempts
 * ```ts
 * import { pooledWithRetry, type RetryState } from "@lib/llm/client_retry.ts";
 * import { EndpointStop } from "@lib/llm/endpoint_stop.ts";
 * import { KeyPool } from "@lib/llm/key_pool.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const pool = new KeyPool([{ label: "k#0", endpoint: "k", limit: 1, payload: { baseUrl: "http://h/v1" } }], {
 *   afterFailures: 3, ms: 10, maxMs: 100,
 * });
 * const state: RetryState = {
 *   pool, stop: new EndpointStop(10, () => pool.close()), rng: new Rng("doc"),
 *   retry: { maxRetries: 2, baseMs: 1, maxMs: 2 }, budget: { left: 5 },
 *   stats: { retries: 0, promptTokens: 0, completionTokens: 0 }, endpointUrls: () => "http://h/v1",
 * };
 * let calls = 0;
 * const r = await pooledWithRetry(state, 10, async () =>
 *   ++calls === 1
 *     ? { ok: false, kind: "server", message: "500" }
 *     : { ok: true, value: "hi", usage: { promptTokens: 3, completionTokens: 2 } });
 * assert.deepEqual([r.ok, r.attempts, r.retries, r.key], [true, 2, 1, "k#0"]);
 * assert.deepEqual([state.budget.left, state.stats.retries, state.stats.promptTokens], [4, 1, 3]);
 * ```
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";
import { backoffDelay, sleep } from "./backoff.ts";
import type { EndpointStop } from "./endpoint_stop.ts";
import type { KeyPool, Lease } from "./key_pool.ts";
import { redact } from "./redact.ts";
import { type Attempt, isRetryable } from "./transport.ts";
import type { LlmEvent, PooledResult } from "./client_types.ts";
import type { Usage } from "./types.ts";

/** What the retry loop reads and updates; shared by every call of one client. */
export interface RetryState<P extends { baseUrl: string } = { baseUrl: string }> {
  pool: KeyPool<P>;
  stop: EndpointStop;
  /** Jitter of the backoff (seeded, so a run's waits repeat). */
  rng: Rng;
  retry: { maxRetries: number; baseMs: number; maxMs: number };
  /** Retries the whole run may still spend. */
  budget: { left: number };
  stats: { retries: number; promptTokens: number; completionTokens: number };
  /** The endpoints' public URLs, named when every key was refused. */
  endpointUrls: () => string;
  emit?: (event: LlmEvent) => void;
}

/**
 * Runs one request through the key pool with retries.
 *
 * @param state The client's pool, stop, budget and counters.
 * @param estimatedTokens Tokens the request may use (for tokens-per-minute limits).
 * @param send Sends one attempt with a leased key.
 * @returns The value or a redacted error, with attempts, retries, the last key label and usage.
 */
export async function pooledWithRetry<T, P extends { baseUrl: string }>(
  state: RetryState<P>,
  estimatedTokens: number,
  send: (lease: Lease<P>) => Promise<Attempt<T>>,
): Promise<PooledResult<T>> {
  const { pool, stop } = state;
  let attempts = 0, retries = 0, key = "", lastFailure = "";
  for (let retry = 0;; retry++) {
    if (stop.halted) {
      const error = stop.halted.message;
      return { ok: false, error, kind: "connection", attempts, retries, key, usage: zeroUsage() };
    }
    const lease = await pool.acquire(estimatedTokens);
    if (!lease) {
      const error = "no usable API key: every key was rejected by its server (401/403)";
      stop.halt(state.endpointUrls(), lastFailure ? `${error}; ${lastFailure}` : error);
      return { ok: false, error, kind: "rejected", attempts, retries, key, usage: zeroUsage() };
    }
    if (stop.halted) {
      lease.release({ kind: "neutral" });
      continue;
    }
    key = lease.label;
    attempts++;
    const r = await send(lease);
    if (r.ok) {
      stop.succeeded();
      const tokens = r.usage.promptTokens + r.usage.completionTokens;
      lease.release({ kind: "ok", tokens });
      state.stats.promptTokens += r.usage.promptTokens;
      state.stats.completionTokens += r.usage.completionTokens;
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
    if (r.kind !== "rate-limit") stop.failed(lease.payload.baseUrl, lastFailure);
    if (
      stop.halted || !isRetryable(r.kind) || retry >= state.retry.maxRetries ||
      state.budget.left <= 0
    ) {
      const why = !isRetryable(r.kind)
        ? ""
        : state.budget.left <= 0
        ? " (retry budget of the run exhausted)"
        : ` (after ${retries} retries)`;
      return {
        ok: false,
        error: `${lastFailure}${why}`,
        kind: r.kind,
        attempts,
        retries,
        key,
        usage: zeroUsage(),
      };
    }
    state.budget.left--;
    retries++;
    state.stats.retries++;
    const { baseMs, maxMs } = state.retry;
    // A server's Retry-After is honoured for errors; a rate-limited key already rests in
    // the pool for as long as its server asked.
    const delayMs = Math.max(
      backoffDelay(retry, state.rng, baseMs, maxMs),
      r.kind === "rate-limit" ? 0 : r.retryAfterMs ?? 0,
    );
    state.emit?.({ type: "retry", key, reason: r.kind, delayMs, message });
    await sleep(delayMs);
  }
}

/** No tokens: what a failed request is charged. */
export function zeroUsage(): Usage {
  return { promptTokens: 0, completionTokens: 0 };
}
