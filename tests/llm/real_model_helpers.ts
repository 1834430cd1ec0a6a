// Shared by the real-model tests: install the local models when missing (quick when present)
// and start the llama.cpp server on SmolLM2-135M. Runs on a 135M model are dry runs of the
// machinery: the tests check formats, counts and bytes, never what the model chose.
import { installModels } from "@lib/llm/models_install.ts";
import { warmCatalogEmbeddings } from "@lib/llm/warm_embeddings.ts";
import { type LocalLlama, startLocalLlama } from "@lib/llm/local_llama_process.ts";
import { LlmClient, type LlmClientOptions } from "@lib/llm/mod.ts";

let installed: Promise<unknown> | null = null;

/** Installs the models once per test process. */
export function ensureModels(): Promise<unknown> {
  installed ??= installModels({ log: () => {} }).then(() => warmCatalogEmbeddings());
  return installed;
}

/** Starts the server with K parallel sequences. */
export async function realServer(parallel = 2): Promise<LocalLlama> {
  await ensureModels();
  return await startLocalLlama({ parallel });
}

/** A client to a running local server. */
export function realClient(
  server: LocalLlama,
  cache: { mode: "off" | "record" | "replay"; dir?: string } = { mode: "off" },
  options: LlmClientOptions = {},
  outputMode: "json_schema" | "json_object" | "instructions" = "json_schema",
): LlmClient {
  return new LlmClient({
    model: server.model,
    endpoints: [{
      name: "local",
      baseUrl: server.url,
      keys: ["local"],
      concurrency: server.parallel,
      outputMode,
    }],
    requestTimeoutMs: 300_000,
    retry: { maxRetries: 1, baseMs: 10, maxMs: 50 },
    cache,
  }, options);
}
