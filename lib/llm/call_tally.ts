/**
 * What one structured call reports about itself: attempts, retries, the key of the last
 * attempt, billed tokens and latency, written once as a usage row, a "done" event and the
 * client's counters when the call ends. A cache hit is charged nothing and waits for nothing.
 *
 * @example Two attempts, then the call ends well
 * ```ts
 * import { CallTally } from "@lib/llm/call_tally.ts";
 * import { UsageLedger } from "@lib/llm/usage_ledger.ts";
 * import assert from "node:assert/strict";
 * const usage = new UsageLedger();
 * const stats = { done: 0, ok: 0, failed: 0, cacheHits: 0 };
 * const events: unknown[] = [];
 * let now = 100;
 * const tally = new CallTally(
 *   { model: "m", usage, stats, emit: (e) => events.push(e) },
 *   { agentId: "a1", behaviour: "browse" },
 *   () => now,
 * );
 * tally.add({ ok: true, value: "x", attempts: 2, retries: 1, key: "api#0", usage: { promptTokens: 7, completionTokens: 3 } });
 * now = 130;
 * assert.equal(tally.finish(true, false), 30);
 * assert.deepEqual(stats, { done: 1, ok: 1, failed: 0, cacheHits: 0 });
 * assert.equal(usage.totals().promptTokens, 7);
 * assert.deepEqual(events, [{ type: "done", kind: "chat", ok: true, cached: false, key: "api#0", attempts: 2, latencyMs: 30 }]);
 * ```
 *
 * @module
 */
import { redact } from "./redact.ts";
import type { LlmEvent, PooledResult } from "./client_types.ts";
import type { CallMeta, StructuredResult, Usage } from "./types.ts";
import type { UsageLedger } from "./usage_ledger.ts";

/** Where a call's figures go: the client's ledger, counters and event callback. */
export interface TallySink {
  model: string;
  usage: UsageLedger;
  stats: { done: number; ok: number; failed: number; cacheHits: number };
  emit: (event: LlmEvent) => void;
}

/** One call's running figures. */
export class CallTally {
  /** HTTP attempts so far (retries and repairs included). */
  attempts = 0;
  /** Retries after transport errors so far. */
  retries = 0;
  /** Replies asked of the model: 1 plus the repairs sent. */
  calls = 0;
  /** Label of the key of the last attempt ("" before any). */
  key = "";
  /** The last raw reply, when one came. */
  raw: string | undefined;
  /** Tokens billed so far. */
  readonly usage: Usage = { promptTokens: 0, completionTokens: 0 };
  readonly #sink: TallySink;
  readonly #meta: CallMeta;
  readonly #clock: () => number;
  readonly #t0: number;

  /**
   * @param sink The client's ledger, counters and events.
   * @param meta The call's agent and behaviour (for the usage row).
   * @param clock Milliseconds for latency (wall time: latency is measured, not simulated).
   */
  constructor(sink: TallySink, meta: CallMeta, clock: () => number = () => performance.now()) {
    this.#sink = sink;
    this.#meta = meta;
    this.#clock = clock;
    this.#t0 = clock();
  }

  /** Adds one pooled request's attempts, retries, key and tokens. */
  add(sent: PooledResult<unknown>): void {
    this.attempts += sent.attempts;
    this.retries += sent.retries;
    this.key = sent.key;
    this.usage.promptTokens += sent.usage.promptTokens;
    this.usage.completionTokens += sent.usage.completionTokens;
  }

  /**
   * Ends the call: one usage row, the counters and a "done" event.
   *
   * @returns The latency in milliseconds (0 for a cache hit).
   */
  finish(ok: boolean, cached: boolean): number {
    const sink = this.#sink;
    const latencyMs = cached ? 0 : this.#clock() - this.#t0;
    sink.stats.done++;
    sink.stats[ok ? "ok" : "failed"]++;
    if (cached) sink.stats.cacheHits++;
    const key = cached ? "cache" : this.key;
    sink.usage.record({
      kind: "chat",
      model: sink.model,
      agentId: this.#meta.agentId ?? "",
      behaviour: this.#meta.behaviour ?? "",
      key,
      ok,
      cached,
      attempts: this.attempts,
      retries: this.retries,
      promptTokens: cached ? 0 : this.usage.promptTokens,
      completionTokens: cached ? 0 : this.usage.completionTokens,
      latencyMs,
    });
    sink.emit({ type: "done", kind: "chat", ok, cached, key, attempts: this.attempts, latencyMs });
    return latencyMs;
  }

  /** Ends the call as a failure; the reason is redacted. */
  failure<T>(error: string): StructuredResult<T> {
    const latencyMs = this.finish(false, false);
    return {
      ok: false,
      error: redact(error),
      raw: this.raw,
      usage: this.usage,
      cached: false,
      attempts: this.attempts,
      calls: this.calls,
      latencyMs,
    };
  }
}
