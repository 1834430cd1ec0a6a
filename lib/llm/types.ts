/**
 * The contract between the LLM layer and everything that asks it for decisions: one
 * structured call in, a validated value or a typed failure out. Nothing on this path throws
 * into a simulation round.
 *
 * @module
 */
import type { z } from "zod";

/** One chat message. */
export interface ChatMessage {
  /** Who speaks. */
  role: "system" | "user" | "assistant";
  /** What is said. */
  content: string;
}

/** Token usage of one call. */
export interface Usage {
  /** Prompt tokens. */
  promptTokens: number;
  /** Completion tokens. */
  completionTokens: number;
}

/** Who asked, for accounting and for the cache key's call-site seed. */
export interface CallMeta {
  /** The agent the call is for, if any. */
  agentId?: string;
  /** The behaviour ("browse", "chat", "feel", "profile-generation", …). */
  behaviour?: string;
  /** A call-site seed (e.g. `${round}:${agentId}`) so equal prompts at different sites differ. */
  seed?: string | number;
}

/** A request for a structured reply validated by a zod schema. */
export interface StructuredRequest<T> {
  /** The conversation. */
  messages: ChatMessage[];
  /** The schema the reply must satisfy. */
  schema: z.ZodType<T>;
  /** A short identifier for the schema (json_schema name). */
  schemaName: string;
  /** Accounting and cache-key information. */
  meta?: CallMeta;
  /** Sampling temperature. */
  temperature?: number;
  /** Completion token limit. */
  maxTokens?: number;
}

/** The outcome of a structured call: a value or a recorded failure, never an exception. */
export type StructuredResult<T> =
  | {
    ok: true;
    value: T;
    /** The raw reply text. */
    raw: string;
    usage: Usage;
    /** Served from the record/replay cache. */
    cached: boolean;
    /** HTTP attempts made (retries and repairs included). */
    attempts: number;
    /** Replies asked of the model: 1 plus the repairs sent (replayed as recorded). */
    calls?: number;
    /** Simulated-time-free latency in milliseconds (0 for cache hits). */
    latencyMs: number;
  }
  | {
    ok: false;
    /** Why it failed (validation error, budget exhausted, …), with secrets redacted. */
    error: string;
    /** The last raw reply, when one came. */
    raw?: string;
    usage: Usage;
    cached: boolean;
    attempts: number;
    /** Replies asked of the model: 1 plus the repairs sent (replayed as recorded). */
    calls?: number;
    latencyMs: number;
  };

/** Anything that can answer structured requests (the pooled client, a batch runner, …). */
export interface StructuredLlm {
  /** The model name recorded in manifests. */
  readonly model: string;
  /**
   * Asks for a reply matching the schema.
   *
   * @param request Messages, schema and call metadata.
   * @returns The validated value, or a typed failure.
   */
  complete<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
}
