/**
 * Client configuration: one or more OpenAI-compatible endpoints, each with its own keys,
 * model name, concurrency and rate limits, plus retry, repair, cache and price settings.
 * The zod schemas are the source of truth; {@link configFromEnv} fills them from
 * OPENAI_BASE_URL, OPENAI_API_KEY (comma-separated for several keys) and OPENAI_MODEL.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatIssues } from "../core/errors.ts";
import { CacheMode } from "./record_cache.ts";
import { redact, registerSecret } from "./redact.ts";
import { OutputMode } from "./request_body.ts";
import { Price } from "./prices.ts";

/** One server and the keys that may call it. */
export const EndpointConfig = z.object({
  /** A label for tables and events (default: the URL's host). Never the key. */
  name: z.string().min(1).optional(),
  /** Base URL including /v1, e.g. "http://127.0.0.1:8000/v1". */
  baseUrl: z.url(),
  /** API keys; each key is a separate concurrency slot. */
  keys: z.array(z.string().min(1)).min(1),
  /** Model name on this endpoint (default: the config's model). */
  model: z.string().min(1).optional(),
  /** Embedding model name on this endpoint (default: the config's embeddingModel). */
  embeddingModel: z.string().min(1).optional(),
  /** Requests in flight per key. */
  concurrency: z.number().int().positive().default(4),
  /** Requests per minute per key. */
  rpm: z.number().positive().optional(),
  /** Tokens per minute per key (prompt estimate plus completion limit). */
  tpm: z.number().positive().optional(),
  /** How JSON is asked for on this endpoint. */
  outputMode: OutputMode.default("json_schema"),
});
/** Input shape of {@link EndpointConfig}. */
export type EndpointConfigInput = z.input<typeof EndpointConfig>;

/** The whole client configuration. */
export const LlmConfig = z.object({
  /** The logical model name (manifests, cache keys, prices). */
  model: z.string().min(1),
  /** Embedding model for {@link OpenAIEmbedder}. */
  embeddingModel: z.string().min(1).default("text-embedding-3-small"),
  endpoints: z.array(EndpointConfig).min(1),
  /** Per-HTTP-request timeout; a hung request is abandoned and retried. */
  requestTimeoutMs: z.number().positive().default(60_000),
  /** Sampling temperature of calls that do not set their own (default: the server's). */
  temperature: z.number().min(0).max(2).optional(),
  /** Completion token limit of calls that do not set their own (default: the server's). */
  maxTokens: z.number().int().positive().optional(),
  /**
   * Failed requests in a row (rate limits aside) after which the endpoint is taken as
   * unusable and structured calls throw an LlmUnreachableError, so a run with a wrong
   * key or URL stops instead of logging a failed decision for every agent.
   */
  maxConsecutiveFailures: z.number().int().positive().default(5),
  retry: z.object({
    /** Retries per request. */
    maxRetries: z.number().int().min(0).default(6),
    /** Retries for the client's whole life (a run), so a dead server does not loop forever. */
    budget: z.number().int().min(0).default(1_000),
    /** First backoff delay before jitter. */
    baseMs: z.number().min(0).default(500),
    /** Largest backoff delay before jitter. */
    maxMs: z.number().min(0).default(20_000),
  }).prefault({}),
  cooldown: z.object({
    /** Consecutive failures after which a key rests. */
    afterFailures: z.number().int().positive().default(3),
    /** First rest; doubles with every further failure. */
    ms: z.number().min(0).default(5_000),
    /** Longest rest. */
    maxMs: z.number().min(0).default(60_000),
  }).prefault({}),
  /** How many times an invalid reply is sent back with the validation error. */
  repairs: z.number().int().min(0).default(1),
  cache: z.object({
    /** Default: SOCIUS_LLM_CACHE, else "off". */
    mode: CacheMode.optional(),
    /** Default: SOCIUS_CACHE_DIR, else .socius/llm-cache/ at the project root. */
    dir: z.string().min(1).optional(),
  }).prefault({}),
  /** Seed of the retry jitter. */
  seed: z.union([z.number(), z.string()]).default(0),
  /** Prices in USD per million tokens, by model; merged over the built-in table. */
  prices: z.record(z.string(), Price).default({}),
});
/** Input shape of {@link LlmConfig} (defaults optional). */
export type LlmConfigInput = z.input<typeof LlmConfig>;
/** Parsed configuration. */
export type LlmConfig = z.infer<typeof LlmConfig>;

/**
 * Validates a configuration; keys are registered for redaction before anything else.
 *
 * @param input The configuration object.
 * @param source Where it came from, for the error message.
 * @returns The parsed configuration with defaults.
 * @throws ConfigError naming the field and what was expected (keys redacted).
 *
 * @example Defaults filled in, an empty endpoint list refused
 * ```ts
 * import { parseLlmConfig } from "@lib/llm/config.ts";
 * import assert from "node:assert/strict";
 * const c = parseLlmConfig({ model: "m", endpoints: [{ baseUrl: "http://127.0.0.1:1/v1", keys: ["key-a1"] }] });
 * assert.equal(c.endpoints[0].concurrency, 4);
 * assert.throws(() => parseLlmConfig({ model: "m", endpoints: [] }), /endpoints/);
 * ```
 */
export function parseLlmConfig(input: unknown, source = "llm config"): LlmConfig {
  registerKeysIn(input);
  const parsed = LlmConfig.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first ? first.path.map(String).join(".") || "(root)" : "(root)";
    throw new ConfigError(source, field, redact(formatIssues(parsed.error.issues)));
  }
  return parsed.data;
}

function registerKeysIn(input: unknown): void {
  const endpoints = (input as { endpoints?: unknown })?.endpoints;
  if (!Array.isArray(endpoints)) return;
  for (const e of endpoints) {
    const keys = (e as { keys?: unknown })?.keys;
    if (Array.isArray(keys)) { for (const k of keys) if (typeof k === "string") registerSecret(k); }
  }
}

/** Options of {@link configFromEnv}: any config field overrides the environment. */
export type EnvConfigOptions = Partial<LlmConfigInput> & {
  /** Variables to read instead of the process environment (tests). */
  env?: Record<string, string | undefined>;
};

/**
 * Builds a configuration from the environment: OPENAI_BASE_URL (default the OpenAI API),
 * OPENAI_API_KEY (required; comma-separated for several keys), OPENAI_MODEL (required unless
 * given), and optionally OPENAI_EMBEDDING_MODEL, SOCIUS_LLM_CONCURRENCY (per key),
 * SOCIUS_LLM_RPM, SOCIUS_LLM_TPM, SOCIUS_LLM_OUTPUT_MODE, SOCIUS_LLM_TIMEOUT_MS (per request),
 * SOCIUS_LLM_MAX_TOKENS and SOCIUS_LLM_TEMPERATURE. Fields given in `options` (a scenario's
 * `llm` section) win over the environment.
 *
 * @param options Overrides and an optional environment record.
 * @returns The parsed configuration.
 * @throws ConfigError naming the missing or bad variable.
 *
 * @example Several keys in one variable
 * ```ts
 * import { configFromEnv } from "@lib/llm/config.ts";
 * import assert from "node:assert/strict";
 * const c = configFromEnv({ env: { OPENAI_API_KEY: "key-one1, key-two2", OPENAI_MODEL: "llama3" } });
 * assert.equal(c.endpoints[0].keys.length, 2);
 * assert.throws(() => configFromEnv({ env: { OPENAI_MODEL: "x" } }), /OPENAI_API_KEY/);
 * ```
 *
 * @example Timeout, token limit and temperature from the environment
 * ```ts
 * import { configFromEnv } from "@lib/llm/config.ts";
 * import assert from "node:assert/strict";
 * const env = { OPENAI_API_KEY: "key-one1", OPENAI_MODEL: "m", SOCIUS_LLM_TIMEOUT_MS: "1500",
 *   SOCIUS_LLM_MAX_TOKENS: "200", SOCIUS_LLM_TEMPERATURE: "0" };
 * const c = configFromEnv({ env });
 * assert.deepEqual([c.requestTimeoutMs, c.maxTokens, c.temperature], [1500, 200, 0]);
 * assert.equal(configFromEnv({ env, temperature: 0.7 }).temperature, 0.7);
 * assert.throws(() => configFromEnv({ env: { ...env, SOCIUS_LLM_TEMPERATURE: "hot" } }), /SOCIUS_LLM_TEMPERATURE/);
 * ```
 */
export function configFromEnv(options: EnvConfigOptions = {}): LlmConfig {
  const { env: given, ...overrides } = options;
  const get = (name: string): string | undefined => {
    const v = given ? given[name] : Deno.env.get(name);
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const num = (name: string): number | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      throw new ConfigError("environment", name, `expected a positive number, got "${raw}"`);
    }
    return n;
  };
  const base: Record<string, unknown> = {};
  const timeout = num("SOCIUS_LLM_TIMEOUT_MS");
  if (timeout !== undefined) base.requestTimeoutMs = timeout;
  const maxTokens = num("SOCIUS_LLM_MAX_TOKENS");
  if (maxTokens !== undefined) {
    if (!Number.isInteger(maxTokens)) {
      throw new ConfigError(
        "environment",
        "SOCIUS_LLM_MAX_TOKENS",
        `expected a positive integer, got "${get("SOCIUS_LLM_MAX_TOKENS")}"`,
      );
    }
    base.maxTokens = maxTokens;
  }
  const temperature = get("SOCIUS_LLM_TEMPERATURE");
  if (temperature !== undefined) {
    const t = Number(temperature);
    if (!Number.isFinite(t) || t < 0 || t > 2) {
      throw new ConfigError(
        "environment",
        "SOCIUS_LLM_TEMPERATURE",
        `expected a number from 0 to 2, got "${temperature}"`,
      );
    }
    base.temperature = t;
  }
  if (!overrides.endpoints) {
    const keys = (get("OPENAI_API_KEY") ?? "").split(",").map((k) => k.trim()).filter(Boolean);
    keys.forEach(registerSecret);
    if (keys.length === 0) {
      throw new ConfigError(
        "environment",
        "OPENAI_API_KEY",
        "not set; expected one API key or several separated by commas",
      );
    }
    const mode = get("SOCIUS_LLM_OUTPUT_MODE");
    if (mode !== undefined && !OutputMode.safeParse(mode).success) {
      throw new ConfigError(
        "environment",
        "SOCIUS_LLM_OUTPUT_MODE",
        `expected one of ${OutputMode.options.join(", ")}, got "${mode}"`,
      );
    }
    base.endpoints = [{
      baseUrl: get("OPENAI_BASE_URL") ?? "https://api.openai.com/v1",
      keys,
      concurrency: num("SOCIUS_LLM_CONCURRENCY"),
      rpm: num("SOCIUS_LLM_RPM"),
      tpm: num("SOCIUS_LLM_TPM"),
      outputMode: mode,
    }];
  }
  const model = overrides.model ?? get("OPENAI_MODEL");
  if (!model) {
    throw new ConfigError("environment", "OPENAI_MODEL", "not set; expected a model name");
  }
  base.model = model;
  const embeddingModel = get("OPENAI_EMBEDDING_MODEL");
  if (embeddingModel) base.embeddingModel = embeddingModel;
  return parseLlmConfig({ ...base, ...overrides, model }, "environment");
}
