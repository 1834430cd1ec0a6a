/**
 * The one-line way to a client: configuration from the environment.
 *
 * @module
 */
import { LlmClient } from "./client.ts";
import type { LlmClientOptions } from "./client_types.ts";
import { configFromEnv, type EnvConfigOptions } from "./config.ts";
import { createLocalLlm, wantsLocalLlm } from "./local_llm_client.ts";

/**
 * Creates a client from OPENAI_BASE_URL, OPENAI_API_KEY (comma-separated for several keys)
 * and OPENAI_MODEL, plus the optional variables of {@link configFromEnv}; the cache mode
 * comes from SOCIUS_LLM_CACHE and the folder from SOCIUS_CACHE_DIR. SOCIUS_LLM_BATCH=1 sends
 * each round's requests through the Batch API (SOCIUS_LLM_BATCH_POLL_MS sets the polling
 * interval, default 10 s). With none of OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL set,
 * the client answers through the local model installed by `deno task models`
 * ({@link createLocalLlm}; SOCIUS_LOCAL_LLM=0 turns that off).
 *
 * @param options Config overrides, an environment record (tests), event callback, fetch.
 * @returns The client.
 * @throws ConfigError naming the missing or bad variable.
 *
 * @example A missing variable is named
 * ```ts
 * import { createLlmFromEnv } from "@lib/llm/from_env.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => createLlmFromEnv({ env: { OPENAI_API_KEY: "key-abcd" } }), /OPENAI_MODEL/);
 * const client = createLlmFromEnv({ env: { OPENAI_API_KEY: "key-abcd", OPENAI_MODEL: "gpt-4o-mini" } });
 * assert.equal(client.model, "gpt-4o-mini");
 * ```
 */
export function createLlmFromEnv(options: EnvConfigOptions & LlmClientOptions = {}): LlmClient {
  const { onEvent, fetch, batch, ...configOptions } = options;
  const env = (name: string) => configOptions.env ? configOptions.env[name] : Deno.env.get(name);
  if (!configOptions.endpoints && wantsLocalLlm(env)) return createLocalLlm(options);
  const wantsBatch = ["1", "true", "yes"].includes((env("SOCIUS_LLM_BATCH") ?? "").toLowerCase());
  const pollMs = Number(env("SOCIUS_LLM_BATCH_POLL_MS") ?? 10_000);
  return new LlmClient(configFromEnv(configOptions), {
    onEvent,
    fetch,
    batch: batch ??
      (wantsBatch
        ? { pollMs: Number.isFinite(pollMs) && pollMs > 0 ? pollMs : 10_000 }
        : undefined),
  });
}
