// @ts-check
/**
 * The local model server, run by Node.js (node-llama-cpp's native addon is installed by npm
 * into .socius/node, outside Deno's module graph): an OpenAI-compatible API on 127.0.0.1 over
 * llama.cpp with a GGUF model, and MiniLM embeddings on onnxruntime.
 *
 *   node lib/llm/local_llama_server.mjs --gguf FILE --name NAME --node-dir DIR
 *     [--port N] [--parallel K] [--threads T] [--context C] [--minilm FILE --tokenizer FILE]
 *
 * Prints `listening <url>` as its first line and serves until SIGTERM or until its standard
 * input closes (so it never outlives the process that started it). Started and checked by
 * local_llama_process.ts; users start it with `deno task llm-local`.
 *
 * @module
 */
import http from "node:http";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { grammarSchema } from "./grammar_schema.mjs";
import { openMiniLm } from "./minilm_core.mjs";
import { SamplerFieldError, samplerSettings } from "./sampler_settings.mjs";

const { values: a } = parseArgs({
  options: {
    gguf: { type: "string" },
    name: { type: "string" },
    "node-dir": { type: "string" },
    port: { type: "string", default: "0" },
    parallel: { type: "string", default: "1" },
    threads: { type: "string", default: "1" },
    context: { type: "string", default: "2048" },
    minilm: { type: "string" },
    tokenizer: { type: "string" },
    "embed-name": { type: "string", default: "all-MiniLM-L6-v2-int8" },
    "max-string": { type: "string", default: "160" },
  },
});
const parallel = Math.max(1, Number(a.parallel));
const nodeDir = /** @type {string} */ (a["node-dir"]);
const modelName = a.name ?? "local";

const { getLlama, LlamaChat } = await import(
  pathToFileURL(join(nodeDir, "node_modules", "node-llama-cpp", "dist", "index.js")).href
);
// Never download or compile a binary: only the prebuilt CPU addon shipped in the npm package.
const llama = await getLlama({
  gpu: false,
  build: "never",
  logLevel: "error",
  maxThreads: Number(a.threads),
});
const model = await llama.loadModel({ modelPath: a.gguf });
const context = await model.createContext({
  contextSize: Number(a.context) * parallel,
  sequences: parallel,
  threads: Number(a.threads),
});
/** @type {any[]} */
const free = Array.from({ length: parallel }, () => context.getSequence());
/** @type {((seq: any) => void)[]} */
const waiting = [];
// The model's own chat template (from the GGUF's metadata), as LlamaChat resolves it.
const probe = new LlamaChat({ contextSequence: free[0] });
const chatWrapper = probe.chatWrapper;
probe.dispose({ disposeSequence: false });
const acquire = () =>
  new Promise((resolve) => {
    const s = free.pop();
    if (s) resolve(s);
    else waiting.push(resolve);
  });
/** @param {any} seq */
const release = (seq) => {
  const next = waiting.shift();
  if (next) next(seq);
  else free.push(seq);
};

let embedder = null;
if (a.minilm && a.tokenizer) {
  const ort = createRequire(join(nodeDir, "package.json"))("onnxruntime-node");
  embedder = await openMiniLm(ort, a.minilm, JSON.parse(readFileSync(a.tokenizer, "utf8")));
}

/** @type {Map<string, Promise<any>>} */
const grammars = new Map();
/** @param {any} format */
function grammarFor(format) {
  if (!format || format.type === "text") return null;
  const key = JSON.stringify(format);
  const known = grammars.get(key);
  if (known) return known;
  /** @type {Promise<any>} */
  const g = format.type === "json_object"
    ? llama.getGrammarFor("json")
    : llama.createGrammarForJsonSchema(grammarSchema(format.json_schema?.schema ?? {}, {
      maxString: Number(a["max-string"]),
    }));
  grammars.set(key, g);
  g.catch(() => grammars.delete(key));
  return g;
}

/** @param {any[]} messages */
function historyOf(messages) {
  /** @type {any[]} */
  const h = [];
  for (const m of messages) {
    const text = typeof m.content === "string"
      ? m.content
      : (m.content ?? []).map((/** @type {any} */ p) => p.text ?? "").join("");
    if (m.role === "system" || m.role === "developer") h.push({ type: "system", text });
    else if (m.role === "assistant") h.push({ type: "model", response: [text] });
    else h.push({ type: "user", text });
  }
  h.push({ type: "model", response: [] });
  return h;
}

class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {any} body
 * @param {(text: string) => void} [onText]
 */
async function complete(body, onText) {
  if (!Array.isArray(body?.messages) || body.messages.length === 0) {
    throw new HttpError(400, "messages: expected a non-empty array");
  }
  const format = body.response_format;
  if (format && !["text", "json_object", "json_schema"].includes(format.type)) {
    throw new HttpError(400, `response_format.type: expected json_schema or json_object`);
  }
  let grammar = null;
  try {
    grammar = await grammarFor(format);
  } catch (e) {
    throw new HttpError(400, `response_format: schema not supported by the grammar: ${e}`);
  }
  let sampler;
  try {
    sampler = samplerSettings(body);
  } catch (e) {
    if (e instanceof SamplerFieldError) throw new HttpError(400, e.message);
    throw e;
  }
  const history = historyOf(body.messages);
  const stops = body.stop == null ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
  const seq = await acquire();
  const chat = new LlamaChat({ contextSequence: seq });
  try {
    const { contextText } = chatWrapper.generateContextState({ chatHistory: history.slice(0, -1) });
    const promptTokens = contextText.tokenize(model.tokenizer).length;
    let completionTokens = 0;
    const started = performance.now();
    const res = await chat.generateResponse(history, {
      grammar: grammar ?? undefined,
      maxTokens: Number(body.max_tokens ?? body.max_completion_tokens ?? 512),
      temperature: Number(body.temperature ?? 1),
      ...sampler,
      seed: body.seed == null ? undefined : Number(body.seed),
      customStopTriggers: stops.length ? stops : undefined,
      onToken: (/** @type {any[]} */ t) => {
        completionTokens += t.length;
      },
      onTextChunk: onText,
    });
    const reason = res.metadata.stopReason === "maxTokens" ? "length" : "stop";
    return {
      text: res.response,
      reason,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    chat.dispose({ disposeSequence: false });
    await seq.clearHistory();
    release(seq);
  }
}

let nextId = 0;
/** @param {http.ServerResponse} res @param {number} status @param {any} json */
function send(res, status, json) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(json));
}

/** @param {http.IncomingMessage} req */
async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    throw new HttpError(400, "body: expected JSON");
  }
}

const server = http.createServer(async (req, res) => {
  try {
    const path = (req.url ?? "").split("?")[0].replace(/\/+$/, "");
    if (req.method === "GET" && path === "/v1/models") {
      const data = [{ id: modelName, object: "model", owned_by: "local" }];
      if (embedder) data.push({ id: a["embed-name"], object: "model", owned_by: "local" });
      return send(res, 200, { object: "list", data });
    }
    if (req.method === "GET" && path === "/health") return send(res, 200, { ok: true });
    if (req.method === "POST" && path === "/tokenize") {
      // Not OpenAI's API: prompt tokens of a conversation under the model's chat template.
      const body = await readJson(req);
      if (!Array.isArray(body?.messages)) throw new HttpError(400, "messages: expected an array");
      const history = historyOf(body.messages).slice(0, -1);
      const { contextText } = chatWrapper.generateContextState({ chatHistory: history });
      return send(res, 200, { prompt_tokens: contextText.tokenize(model.tokenizer).length });
    }
    if (req.method === "POST" && path === "/v1/embeddings") {
      if (!embedder) throw new HttpError(404, "no embedding model loaded (deno task models)");
      const body = await readJson(req);
      const input = typeof body.input === "string" ? [body.input] : body.input;
      if (!Array.isArray(input) || input.some((t) => typeof t !== "string")) {
        throw new HttpError(400, "input: expected a string or an array of strings");
      }
      const vecs = await embedder.embed(input);
      const tokens = input.reduce((s, t) => s + (embedder?.countTokens(t) ?? 0), 0);
      return send(res, 200, {
        object: "list",
        model: a["embed-name"],
        data: vecs.map((v, index) => ({ object: "embedding", index, embedding: Array.from(v) })),
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    }
    if (req.method === "POST" && path === "/v1/chat/completions") {
      const body = await readJson(req);
      const id = `chatcmpl-local-${++nextId}`;
      const created = Math.floor(Date.now() / 1000);
      if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const chunk = (/** @type {any} */ delta, /** @type {any} */ finish, extra = {}) =>
          res.write(
            `data: ${
              JSON.stringify({
                id,
                object: "chat.completion.chunk",
                created,
                model: modelName,
                choices: [{ index: 0, delta, finish_reason: finish }],
                ...extra,
              })
            }\n\n`,
          );
        chunk({ role: "assistant", content: "" }, null);
        const out = await complete(body, (text) => chunk({ content: text }, null));
        chunk({}, out.reason, { usage: out.usage });
        res.end("data: [DONE]\n\n");
        return;
      }
      const out = await complete(body);
      return send(res, 200, {
        id,
        object: "chat.completion",
        created,
        model: modelName,
        choices: [{
          index: 0,
          message: { role: "assistant", content: out.text },
          finish_reason: out.reason,
        }],
        usage: out.usage,
      });
    }
    throw new HttpError(404, `no route ${req.method} ${path}`);
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    const message = e instanceof Error ? e.message : String(e);
    if (res.headersSent) res.end();
    else send(res, status, { error: { message, type: "invalid_request_error" } });
  }
});

server.listen(Number(a.port), "127.0.0.1", () => {
  const addr = /** @type {import("node:net").AddressInfo} */ (server.address());
  process.stdout.write(`listening http://127.0.0.1:${addr.port}/v1\n`);
});
const stop = () => {
  server.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
