/**
 * The client's public shapes: events, progress snapshot, options, and what a pooled call
 * returns.
 *
 * @module
 */
import type OpenAI from "openai";
import type { FailureKind } from "./transport.ts";
import type { OutputMode } from "./request_body.ts";
import type { Usage } from "./types.ts";

/** What the client reports as it works (key labels only, never keys). */
export type LlmEvent =
  | { type: "start"; kind: "chat" | "embedding"; agentId?: string; behaviour?: string }
  | { type: "retry"; key: string; reason: FailureKind; delayMs: number; message: string }
  | {
    type: "done";
    kind: "chat" | "embedding";
    ok: boolean;
    cached: boolean;
    key: string;
    attempts: number;
    latencyMs: number;
  };

/** A progress snapshot. */
export interface LlmStats {
  started: number;
  done: number;
  ok: number;
  failed: number;
  cacheHits: number;
  /** HTTP requests holding a key now. */
  inFlight: number;
  /** Requests waiting for a key. */
  queued: number;
  retries: number;
  retryBudgetLeft: number;
  promptTokens: number;
  completionTokens: number;
}

import type { BatchOptions } from "./batcher.ts";

/** Options that are not configuration data. */
export interface LlmClientOptions {
  /** Called for every event; exceptions it throws are ignored. */
  onEvent?: (event: LlmEvent) => void;
  /** A fetch to hand to the SDK (proxies, tests). */
  fetch?: typeof fetch;
  /**
   * Send first attempts through the Batch API (files + batches endpoints of the first
   * endpoint, with its first key) instead of one request each; repairs and anything the batch
   * could not answer go online.
   */
  batch?: BatchOptions;
}

/** What a key slot carries. */
export interface SlotPayload {
  sdk: OpenAI;
  /** The endpoint's base URL without credentials (named when the endpoint looks unusable). */
  baseUrl: string;
  model: string;
  embeddingModel: string;
  outputMode: OutputMode;
}

/** A pooled call's outcome after retries. */
export type PooledResult<T> =
  & { attempts: number; retries: number; key: string; usage: Usage }
  & ({ ok: true; value: T } | { ok: false; error: string; kind?: FailureKind });
