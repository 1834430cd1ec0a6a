/**
 * `deno task llm-local [--model smollm2|gemma3|PATH.gguf] [--port N] [--parallel K]
 * [--threads T] [--context C]`: an OpenAI-compatible server on 127.0.0.1 over llama.cpp with
 * a small local model (chat completions with JSON-schema grammars, streaming, embeddings with
 * MiniLM). Runs until Ctrl-C. Install the models first with `deno task models`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { SociusError } from "../core/errors.ts";
import { startLocalLlama } from "../llm/local_llama_process.ts";

const USAGE =
  "usage: deno task llm-local [--model smollm2|gemma3|PATH.gguf] [--port N] [--parallel K] [--threads T] [--context C]";

function fail(message: string): never {
  console.error(`error: ${message}`);
  Deno.exit(2);
}

function positiveInt(name: string, raw: string, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    fail(`--${name}: expected an integer >= ${min}, got "${raw}"`);
  }
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    args: Deno.args,
    options: {
      model: { type: "string", default: "smollm2" },
      port: { type: "string", default: "8080" },
      parallel: { type: "string", default: "1" },
      threads: { type: "string", default: "1" },
      context: { type: "string", default: "2048" },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (e) {
  fail(`${(e as Error).message.split("\n")[0]} (${USAGE})`);
}
if (values.help) {
  console.log(
    `${USAGE}\n\n` +
      "Serves POST /v1/chat/completions (response_format json_schema/json_object enforced by\n" +
      "llama.cpp grammars, max_tokens, temperature, seed, stop, stream), POST /v1/embeddings\n" +
      "(all-MiniLM-L6-v2) and GET /v1/models on 127.0.0.1. Models: `deno task models`.\n" +
      "Use it with OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 OPENAI_API_KEY=local OPENAI_MODEL=<name>.",
  );
  Deno.exit(0);
}
const port = positiveInt("port", values.port!, 0);
if (port > 65535) fail(`--port: expected 0..65535, got "${values.port}"`);
const parallel = positiveInt("parallel", values.parallel!);
const threads = positiveInt("threads", values.threads!);
const context = positiveInt("context", values.context!, 256);

try {
  const server = await startLocalLlama({ model: values.model, port, parallel, threads, context });
  console.log(`llm-local: ${server.model} on ${server.url} (parallel ${parallel})`);
  if (server.embeddingModel) console.log(`llm-local: embeddings ${server.embeddingModel}`);
  console.log(
    `  OPENAI_BASE_URL=${server.url} OPENAI_API_KEY=local OPENAI_MODEL=${server.model}`,
  );
  const stop = async () => {
    await server.stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  // Keep this process alive while the server runs.
  setInterval(() => {}, 1 << 30);
} catch (e) {
  if (e instanceof SociusError) fail(e.message);
  throw e;
}
