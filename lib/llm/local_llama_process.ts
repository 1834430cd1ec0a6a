/**
 * Starts the local model server (local_llama_server.mjs) as a Node.js child process and
 * waits until it listens. The child exits when its standard input closes, so it stops with
 * the process that started it even when that one is killed.
 *
 * @module
 */
import { ConfigError, SociusError } from "../core/errors.ts";
import { installedMiniLm, resolveChatModel, resolveNodeDir } from "./local_models.ts";

/** Options of {@link startLocalLlama}. */
export interface LocalLlamaOptions {
  /** "smollm2" (default), "gemma3" or a .gguf path. */
  model?: string;
  /** Port (default 0: any free one). */
  port?: number;
  /** Parallel sequences (default 1). */
  parallel?: number;
  /** CPU threads for llama.cpp (default 1: on a busy 2-core machine more threads spin). */
  threads?: number;
  /** Context tokens per sequence (default 2048). */
  context?: number;
  /** Serve /v1/embeddings with MiniLM when installed (default true). */
  embeddings?: boolean;
  /** Inherit the server's stderr (default false: it is collected for error messages). */
  verbose?: boolean;
}

/** A running local server. */
export interface LocalLlama {
  /** Base URL including /v1. */
  url: string;
  /** The chat model's name. */
  model: string;
  /** The embedding model's name, when served. */
  embeddingModel?: string;
  /** Parallel sequences. */
  parallel: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the server.
 *
 * @param options Model, port, parallelism.
 * @returns The running server.
 * @throws ConfigError naming `deno task models` when the model or runtime is missing.
 */
export async function startLocalLlama(options: LocalLlamaOptions = {}): Promise<LocalLlama> {
  const chat = resolveChatModel(options.model ?? "smollm2");
  const nodeDir = resolveNodeDir();
  const minilm = options.embeddings === false ? null : installedMiniLm();
  const parallel = options.parallel ?? 1;
  const args = [
    new URL("./local_llama_server.mjs", import.meta.url).pathname,
    "--gguf",
    chat.path,
    "--name",
    chat.name,
    "--node-dir",
    nodeDir,
    "--port",
    String(options.port ?? 0),
    "--parallel",
    String(parallel),
    "--threads",
    String(options.threads ?? 1),
    "--context",
    String(options.context ?? 2048),
  ];
  if (minilm) args.push("--minilm", minilm.path, "--tokenizer", minilm.tokenizer);
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("node", {
      args,
      stdin: "piped",
      stdout: "piped",
      stderr: options.verbose ? "inherit" : "piped",
    }).spawn();
  } catch {
    throw new ConfigError("llm-local", "node", "expected Node.js (`node`) on PATH, found none");
  }
  const stderr: string[] = [];
  if (!options.verbose) {
    (async () => {
      const dec = new TextDecoder();
      for await (const c of child.stderr) stderr.push(dec.decode(c));
    })().catch(() => {});
  }
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  while (!buf.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) {
      const status = await child.status;
      const why = stderr.join("").trim().split("\n").filter(Boolean).at(-1) ?? "no output";
      throw new SociusError("llm", `local model server exited (code ${status.code}): ${why}`);
    }
    buf += value;
  }
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  const url = buf.split("\n")[0].replace(/^listening /, "").trim();
  const writer = child.stdin.getWriter();
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      // Waiting on an unref'd child would not hold the event loop open.
      child.ref();
      await writer.close().catch(() => {});
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    })();
    return stopped;
  };
  // The child must not keep a finished script alive; closing stdin ends it at exit.
  child.unref();
  globalThis.addEventListener("unload", () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
  });
  return { url, model: chat.name, embeddingModel: minilm?.name, parallel, stop };
}
