/**
 * A local OpenAI-compatible server (Deno.serve on 127.0.0.1, ephemeral port) for tests,
 * benchmarks and dry runs: /v1/chat/completions (also streamed), /v1/embeddings,
 * /v1/models. Replies come from a pluggable responder; latency and faults are injected at
 * configured rates; requests are counted per key.
 *
 * @module
 */
import { hash32 } from "../core/hash.ts";
import { Rng } from "../core/rng.ts";
import { HashedEmbedder } from "./hashed_embedder.ts";
import { encodeVector } from "./record_cache.ts";
import { type Responder, schemaResponder } from "./schema_responder.ts";
import { completionObject, parseChat, sse } from "./server_wire.ts";
import { BatchRoutes } from "./local_batches.ts";
import {
  drawFault,
  drawLatency,
  FAULT_KINDS,
  type FaultKind,
  type FaultRates,
  type LatencySpec,
} from "./server_faults.ts";

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions {
  /** Accepted keys (a label per key, default "key0", "key1", …). Default ["sk-local-0000"]. */
  keys?: (string | { key: string; label?: string })[];
  /** Produces reply text (default {@link schemaResponder}). */
  responder?: Responder;
  /** Model ids listed by /v1/models (default ["socius-local"]). */
  models?: string[];
  /** Seed of latency and fault draws. */
  seed?: number | string;
  /** Latency added to every request. */
  latencyMs?: LatencySpec;
  /** Fault rates. */
  faults?: FaultRates;
  /** Requests in flight per key before answering 429. */
  concurrencyPerKey?: number;
  /** Retry-After sent with 429s, in seconds (fractions allowed; default 0.05). */
  retryAfterSeconds?: number;
  /** Put the caller's key into error messages, as some servers do. */
  echoKeyInErrors?: boolean;
  /** Dimension of /v1/embeddings vectors (default 64). */
  embeddingDim?: number;
}

/** Counters of one key. */
export interface KeyCounters {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Requests that arrived while a Retry-After sent on this key had not yet expired. */
  retryAfterViolations: number;
}

/** What the server has seen. */
export interface ServerStats {
  requests: number;
  chat: number;
  streamed: number;
  embeddings: number;
  models: number;
  unauthorized: number;
  /** 429s because a key had too many requests in flight. */
  concurrency429: number;
  /** Requests to the files and batches endpoints. */
  batchRequests: number;
  faults: Record<FaultKind, number>;
  perKey: Record<string, KeyCounters>;
}

/** A running server. */
export interface LocalServer {
  /** Base URL including /v1. */
  readonly url: string;
  readonly port: number;
  /** @returns A copy of the counters. */
  stats(): ServerStats;
  /** Zeroes the counters. */
  reset(): void;
  /** Answers hung requests, closes the listener and waits for it. */
  stop(): Promise<void>;
}

/**
 * Starts the server.
 *
 * @param options Keys, responder, latency and faults.
 * @returns The running server.
 *
 * @example List the models of a local server
 * ```ts
 * import { startLocalServer } from "@lib/llm/local_server.ts";
 * import assert from "node:assert/strict";
 * const server = await startLocalServer({ keys: ["sk-local-doc"] });
 * const r = await fetch(`${server.url}/models`, { headers: { authorization: "Bearer sk-local-doc" } });
 * assert.equal((await r.json()).data[0].id, "socius-local");
 * assert.equal(server.stats().requests, 1);
 * await server.stop();
 * ```
 */
export function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const keys = new Map<string, string>();
  (options.keys ?? ["sk-local-0000"]).forEach((k, i) => {
    const entry = typeof k === "string" ? { key: k } : k;
    keys.set(entry.key, entry.label ?? `key${i}`);
  });
  const responder = options.responder ?? schemaResponder;
  const models = options.models ?? ["socius-local"];
  const baseRng = new Rng(`local-server/${options.seed ?? 0}`);
  const retryAfter = options.retryAfterSeconds ?? 0.05;
  const embedder = new HashedEmbedder({ dim: options.embeddingDim ?? 64 });
  const stopping = new AbortController();
  const seen = new Map<number, number>();
  const restUntil = new Map<string, number>();
  let stats = emptyStats(keys);
  const batches = new BatchRoutes(async (body, n) => {
    stats.chat++;
    const parsed = parseChat(body);
    const content = await responder(parsed);
    const chars = parsed.messages.reduce((c, m) => c + m.content.length, 0);
    return completionObject(`chatcmpl-batch-${n}`, parsed.model, content, chars);
  });

  const error = (status: number, message: string, headers: Record<string, string> = {}) =>
    Response.json({
      error: { message, type: status === 401 ? "invalid_request_error" : "server_error" },
    }, {
      status,
      headers,
    });

  const handle = async (req: Request): Promise<Response> => {
    stats.requests++;
    const path = new URL(req.url).pathname.replace(/\/+$/, "");
    const auth = req.headers.get("authorization") ?? "";
    const given = auth.replace(/^Bearer\s+/i, "");
    const label = keys.get(given);
    if (label === undefined) {
      stats.unauthorized++;
      return error(
        401,
        `Incorrect API key provided${options.echoKeyInErrors ? `: ${given}` : ""}.`,
      );
    }
    const echo = options.echoKeyInErrors ? ` (key ${given})` : "";
    const counters = stats.perKey[label];
    counters.requests++;
    if (performance.now() < (restUntil.get(label) ?? 0) - 2) counters.retryAfterViolations++;
    if (req.method === "GET" && path.endsWith("/v1/models")) {
      stats.models++;
      return Response.json({
        object: "list",
        data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "socius" })),
      });
    }
    if (/\/v1\/(files|batches)(\/|$)/.test(path)) {
      stats.batchRequests++;
      return await batches.handle(req, path);
    }
    const route = path.endsWith("/v1/chat/completions")
      ? "chat"
      : path.endsWith("/v1/embeddings")
      ? "embeddings"
      : null;
    if (req.method !== "POST" || route === null) {
      return error(404, `no route ${req.method} ${path}`);
    }
    const text = await req.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch {
      return error(400, "the request body is not JSON");
    }
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    try {
      const tooMany = options.concurrencyPerKey !== undefined &&
        counters.inFlight > options.concurrencyPerKey;
      const h = hash32(text);
      const nth = (seen.get(h) ?? 0) + 1;
      seen.set(h, nth);
      const rng = baseRng.fork(`${h}:${nth}`);
      const latency = drawLatency(options.latencyMs, rng);
      const fault = drawFault(
        options.faults ?? {},
        rng,
        route === "chat" ? FAULT_KINDS : ["rateLimit", "serverError", "hang"],
      );
      if (tooMany || fault === "rateLimit") {
        if (tooMany) stats.concurrency429++;
        else stats.faults.rateLimit++;
        restUntil.set(label, performance.now() + retryAfter * 1000);
        return error(429, `Rate limit reached${echo}.`, { "retry-after": String(retryAfter) });
      }
      await wait(latency, stopping.signal);
      if (fault === "serverError") {
        stats.faults.serverError++;
        return error(500, `The server had an error while processing your request${echo}.`);
      }
      if (fault === "hang") {
        stats.faults.hang++;
        await wait(Infinity, stopping.signal);
        return error(503, "abandoned");
      }
      if (route === "embeddings") {
        stats.embeddings++;
        const input = Array.isArray(body.input)
          ? body.input.map(String)
          : [String(body.input ?? "")];
        const dim = typeof body.dimensions === "number" ? body.dimensions : embedder.dim;
        const e = dim === embedder.dim ? embedder : new HashedEmbedder({ dim });
        const b64 = body.encoding_format === "base64";
        const data = input.map((t, index) => {
          const v = e.embedSync(t);
          return { object: "embedding", index, embedding: b64 ? encodeVector(v) : [...v] };
        });
        const tokens = input.reduce((s, t) => s + Math.ceil(t.length / 4), 0);
        return Response.json({
          object: "list",
          data,
          model: body.model,
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        });
      }
      stats.chat++;
      const parsed = parseChat(body);
      let content = await responder(parsed);
      if (fault === "malformed") content = content.slice(0, Math.ceil(content.length / 2));
      if (fault === "wrongSchema") content = JSON.stringify({ unexpected: "shape", items: [] });
      if (fault === "malformed" || fault === "wrongSchema") stats.faults[fault]++;
      const promptChars = parsed.messages.reduce((n, m) => n + m.content.length, 0);
      const id = `chatcmpl-local-${stats.chat}`;
      const completion = completionObject(id, parsed.model, content, promptChars);
      if (parsed.stream) {
        stats.streamed++;
        const includeUsage =
          (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
        return sse(id, parsed.model, content, includeUsage ? completion.usage as never : undefined);
      }
      const reply = JSON.stringify(completion);
      if (fault === "truncated") {
        stats.faults.truncated++;
        return new Response(reply.slice(0, Math.floor(reply.length / 2)), {
          headers: { "content-type": "application/json" },
        });
      }
      return new Response(reply, { headers: { "content-type": "application/json" } });
    } finally {
      counters.inFlight--;
    }
  };

  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port: 0,
      signal: stopping.signal,
      onListen: ({ port }) => {
        resolve({
          url: `http://127.0.0.1:${port}/v1`,
          port,
          stats: () => structuredClone(stats),
          reset: () => {
            stats = emptyStats(keys);
          },
          stop: async () => {
            stopping.abort();
            await server.finished;
          },
        });
      },
    }, handle);
  });
}

function emptyStats(keys: Map<string, string>): ServerStats {
  return {
    requests: 0,
    chat: 0,
    streamed: 0,
    embeddings: 0,
    models: 0,
    unauthorized: 0,
    concurrency429: 0,
    batchRequests: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    perKey: Object.fromEntries(
      [...keys.values()].map((
        l,
      ) => [l, { requests: 0, inFlight: 0, maxInFlight: 0, retryAfterViolations: 0 }]),
    ),
  };
}

/** Waits `ms` unless the server stops (hung requests end when it does). */
function wait(ms: number, ...signals: AbortSignal[]): Promise<void> {
  if (ms <= 0 || signals.some((s) => s.aborted)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const s of signals) s.removeEventListener("abort", done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    for (const s of signals) s.addEventListener("abort", done, { once: true });
  });
}
