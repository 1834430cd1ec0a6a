/**
 * The LLM layer: a pooled, retrying, caching client for OpenAI-compatible servers with
 * structured (zod-validated) output, usage and cost accounting, a remote embedder, and a
 * local OpenAI-compatible server for tests and dry runs.
 *
 * @module
 */
export { backoffDelay, parseRetryAfter } from "./backoff.ts";
export { LlmClient } from "./client.ts";
export type {
  LlmClientOptions,
  LlmEvent,
  LlmStats,
  PooledResult,
  SlotPayload,
} from "./client_types.ts";
export { estimateTokens, repairMessages, validate } from "./structured_reply.ts";
export {
  configFromEnv,
  EndpointConfig,
  type EndpointConfigInput,
  type EnvConfigOptions,
  LlmConfig,
  type LlmConfigInput,
  parseLlmConfig,
} from "./config.ts";
export { cosine, type Embedder, normalize } from "./embedder.ts";
export { createLlmFromEnv } from "./from_env.ts";
export { HashedEmbedder, type HashedEmbedderOptions } from "./hashed_embedder.ts";
export { extractJson } from "./json_extract.ts";
export { KeyPool, type KeyStatus } from "./key_pool.ts";
export { LlmError, LlmUnreachableError } from "./llm_error.ts";
export {
  type KeyCounters,
  type LocalServer,
  type LocalServerOptions,
  type ServerStats,
  startLocalServer,
} from "./local_server.ts";
export { OpenAIEmbedder, type OpenAIEmbedderOptions } from "./openai_embedder.ts";
export { DEFAULT_PRICES, estimateCost, Price } from "./prices.ts";
export {
  type CacheEntry,
  cacheKey,
  CacheMode,
  defaultCacheDir,
  RecordCache,
} from "./record_cache.ts";
export { describeError, redact, registerSecret } from "./redact.ts";
export {
  buildChatBody,
  type ChatRequestBody,
  jsonSchemaOf,
  OutputMode,
  strictResponseFormat,
} from "./request_body.ts";
export {
  fillSchema,
  type ParsedChatRequest,
  type Responder,
  schemaResponder,
} from "./schema_responder.ts";
export { type FaultKind, type FaultRates, type LatencySpec } from "./server_faults.ts";
export type {
  CallMeta,
  ChatMessage,
  StructuredLlm,
  StructuredRequest,
  StructuredResult,
  Usage,
} from "./types.ts";
export { type CallRecord, UsageLedger, type UsageTotals } from "./usage_ledger.ts";
