/**
 * The LLM client for a machine with no endpoint configured: a client over the local model
 * server, which starts on the client's first request (so choosing it stays synchronous and
 * costs nothing when no LLM call is made) and stops when the process exits or when
 * {@link stopLocalLlmOf} is called.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { LlmClient } from "./client.ts";
import type { LlmClientOptions } from "./client_types.ts";
import { configFromEnv, type EnvConfigOptions } from "./config.ts";
import { type LocalLlama, startLocalLlama } from "./local_llama_process.ts";
import { CHAT_MODELS, INSTALL_COMMAND, readManifest } from "./local_models.ts";

/** The placeholder base URL the client is built with; requests are rewritten to the server. */
const PLACEHOLDER = "http://local-llm.invalid/v1";

interface Handle {
  server: Promise<LocalLlama> | null;
  model: string;
}
const handles = new WeakMap<LlmClient, Handle>();

/**
 * True when the environment names no endpoint (none of OPENAI_BASE_URL, OPENAI_API_KEY,
 * OPENAI_MODEL set) and SOCIUS_LOCAL_LLM is not "0".
 *
 * @param get Reads a variable.
 * @returns Whether the local model should answer.
 *
 * @example
 * ```ts
 * import { wantsLocalLlm } from "@lib/llm/local_llm_client.ts";
 * import assert from "node:assert/strict";
 * assert.equal(wantsLocalLlm((n) => ({ OPENAI_MODEL: "m" } as Record<string, string>)[n]), false);
 * assert.equal(wantsLocalLlm(() => undefined), true);
 * assert.equal(wantsLocalLlm((n) => n === "SOCIUS_LOCAL_LLM" ? "0" : undefined), false);
 * ```
 */
export function wantsLocalLlm(get: (name: string) => string | undefined): boolean {
  const set = (n: string) => (get(n) ?? "").trim() !== "";
  if (["OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"].some(set)) return false;
  return (get("SOCIUS_LOCAL_LLM") ?? "1").trim() !== "0";
}

/**
 * A client over the local model. SOCIUS_LOCAL_MODEL picks the model (smollm2 default,
 * gemma3, or a .gguf path) and SOCIUS_LOCAL_PARALLEL the parallel sequences (default 2).
 *
 * @param options Config overrides (cache, repairs…), environment record, event callback.
 * @returns The client; the server starts on its first request.
 * @throws ConfigError naming `deno task models` when the model is not installed.
 */
export function createLocalLlm(options: EnvConfigOptions & LlmClientOptions = {}): LlmClient {
  const { onEvent, batch: _batch, fetch: _fetch, ...configOptions } = options;
  const get = (n: string) => configOptions.env ? configOptions.env[n] : Deno.env.get(n);
  const choice = get("SOCIUS_LOCAL_MODEL")?.trim() || "smollm2";
  const parallel = Number(get("SOCIUS_LOCAL_PARALLEL") ?? 2);
  if (!Number.isInteger(parallel) || parallel < 1) {
    throw new ConfigError("environment", "SOCIUS_LOCAL_PARALLEL", `expected a positive integer`);
  }
  const known = CHAT_MODELS[choice as keyof typeof CHAT_MODELS];
  const installed = known ? readManifest().chat[known.id] : undefined;
  if (known && !installed) {
    throw new ConfigError(
      "environment",
      "OPENAI_BASE_URL",
      `not set and no local model installed; run \`${INSTALL_COMMAND}\` or set OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL`,
    );
  }
  const model = installed?.name ?? choice.split("/").pop()!.replace(/\.gguf$/, "");
  const handle: Handle = { server: null, model };
  const localFetch: typeof fetch = async (input, init) => {
    handle.server ??= startLocalLlama({ model: choice, parallel });
    const server = await handle.server;
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    const target = url.replace(PLACEHOLDER, server.url);
    if (input instanceof Request) return fetch(new Request(target, input), init);
    return fetch(target, init);
  };
  const config = configFromEnv({
    ...configOptions,
    model,
    requestTimeoutMs: configOptions.requestTimeoutMs ?? 300_000,
    embeddingModel: configOptions.embeddingModel ?? "all-MiniLM-L6-v2-int8",
    endpoints: configOptions.endpoints ?? [{
      name: "local",
      baseUrl: PLACEHOLDER,
      keys: ["local"],
      concurrency: parallel,
    }],
  });
  const client = new LlmClient(config, { onEvent, fetch: localFetch });
  handles.set(client, handle);
  return client;
}

/**
 * The local server behind a client, if the client is a local one and its server started.
 *
 * @param client A client.
 * @returns The running server, or null.
 */
export async function localLlmOf(client: unknown): Promise<LocalLlama | null> {
  const h = client instanceof LlmClient ? handles.get(client) : undefined;
  return h?.server ? await h.server : null;
}

/**
 * Whether a client answers through the local model.
 *
 * @param client A client.
 * @returns True for clients made by {@link createLocalLlm}.
 */
export function isLocalLlm(client: unknown): boolean {
  return client instanceof LlmClient && handles.has(client);
}

/**
 * Stops the local server behind a client (no-op for other clients or before it started).
 *
 * @param client A client.
 */
export async function stopLocalLlmOf(client: unknown): Promise<void> {
  const h = client instanceof LlmClient ? handles.get(client) : undefined;
  if (!h?.server) return;
  const server = h.server;
  h.server = null;
  await (await server).stop();
}
