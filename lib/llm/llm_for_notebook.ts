/**
 * One call for a study's LLM: the configured server when the environment names one,
 * otherwise a model that needs nothing outside this machine.
 *
 * @module
 */
import { LlmClient } from "./client.ts";
import { createLlmFromEnv } from "./from_env.ts";
import { createLocalLlm, stopLocalLlmOf } from "./local_llm_client.ts";
import { startLocalServer } from "./local_server.ts";

/** What {@link llmFromEnvironment} falls back to when no server is configured. */
export type LlmFallback = "scripted" | "local";

/** Options of {@link llmFromEnvironment}. */
export interface LlmFromEnvironmentOptions {
  /**
   * "scripted" (default): the bundled fault server's canned replies, a fast dry run that checks
   * the plumbing, not the model; "local": the model installed by `deno task models`.
   */
  fallback?: LlmFallback;
  /** The key the scripted server accepts; one per study keeps their caches apart. */
  key?: string;
  /** Parallel requests to the scripted server (the client's default when left out). */
  concurrency?: number;
  /** An environment record instead of the process environment (tests). */
  env?: Record<string, string | undefined>;
}

/** The client and how to release what it started. */
export interface EnvironmentLlm {
  llm: LlmClient;
  /** True when OPENAI_API_KEY and OPENAI_MODEL name a server. */
  configured: boolean;
  /** Which model answers: the configured one, the scripted server or the local model. */
  source: "configured" | LlmFallback;
  /** Stops the scripted server or the local model; nothing to stop for a configured one. */
  stop(): Promise<void>;
}

/**
 * Picks the LLM a study runs with. OPENAI_API_KEY and OPENAI_MODEL both set: the configured
 * server through {@link createLlmFromEnv}. Otherwise the fallback, so that a study runs
 * without an account: the scripted local server (model "socius-local (dry run)") or the
 * bundled local model.
 *
 * @param options Fallback, scripted server key and concurrency, environment record.
 * @returns The client, where it came from, and a `stop()` to call when done.
 * @throws ConfigError from {@link createLlmFromEnv} or, for the local model, when it is not installed.
 *
 * @example A dry run without a configured server
 * ```ts
 * import { llmFromEnvironment } from "@lib/llm/llm_for_notebook.ts";
 * import assert from "node:assert/strict";
 * const { llm, configured, stop } = await llmFromEnvironment({ key: "sk-local-doc", env: {} });
 * assert.equal(configured, false);
 * assert.equal(llm.model, "socius-local (dry run)");
 * await stop();
 * ```
 */
export async function llmFromEnvironment(
  options: LlmFromEnvironmentOptions = {},
): Promise<EnvironmentLlm> {
  const get = (n: string) => options.env ? options.env[n] : Deno.env.get(n);
  const envOption = options.env ? { env: options.env } : {};
  if (get("OPENAI_API_KEY") && get("OPENAI_MODEL")) {
    const llm = createLlmFromEnv(envOption);
    return { llm, configured: true, source: "configured", stop: () => Promise.resolve() };
  }
  if (options.fallback === "local") {
    const llm = createLocalLlm(envOption);
    return { llm, configured: false, source: "local", stop: () => stopLocalLlmOf(llm) };
  }
  const key = options.key ?? "sk-local-dry-run";
  const server = await startLocalServer({ keys: [key] });
  const endpoint = { baseUrl: server.url, keys: [key] };
  const llm = new LlmClient({
    model: "socius-local (dry run)",
    endpoints: [options.concurrency ? { ...endpoint, concurrency: options.concurrency } : endpoint],
  });
  return { llm, configured: false, source: "scripted", stop: () => server.stop() };
}
