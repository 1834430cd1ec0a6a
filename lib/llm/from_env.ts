/**
 * The one-line way to a client: configuration from the environment.
 *
 * @module
 */
import { LlmClient } from "./client.ts";
import type { LlmClientOptions } from "./client_types.ts";
import { configFromEnv, type EnvConfigOptions } from "./config.ts";

/**
 * Creates a client from OPENAI_BASE_URL, OPENAI_API_KEY (comma-separated for several keys)
 * and OPENAI_MODEL, plus the optional variables of {@link configFromEnv}; the cache mode
 * comes from SOCIUS_LLM_CACHE and the folder from SOCIUS_CACHE_DIR.
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
  const { onEvent, fetch, ...configOptions } = options;
  return new LlmClient(configFromEnv(configOptions), { onEvent, fetch });
}
