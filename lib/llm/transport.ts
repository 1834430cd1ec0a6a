/**
 * One HTTP attempt through npm:openai (its own retries off), classified so the retry loop
 * can decide: retry, rest the key, disable it, or give up. Error texts are redacted here.
 *
 * @module
 */
import OpenAI from "openai";
import { parseRetryAfter } from "./backoff.ts";
import { describeError, redact } from "./redact.ts";
import type { ChatRequestBody } from "./request_body.ts";
import type { Usage } from "./types.ts";

/** Why an attempt failed. */
export type FailureKind =
  | "rate-limit"
  | "server"
  | "timeout"
  | "connection"
  | "malformed"
  | "rejected"
  | "client";

/** The result of one attempt. */
export type Attempt<T> =
  | { ok: true; value: T; usage: Usage }
  | { ok: false; kind: FailureKind; status?: number; retryAfterMs?: number; message: string };

/**
 * Whether a failure is worth another attempt (on the same or another key): everything but
 * a request the server refuses as malformed (400, 404, 422).
 *
 * @param kind The failure kind.
 * @returns True when the request should be retried.
 */
export function isRetryable(kind: FailureKind): boolean {
  return kind !== "client";
}

/**
 * Makes an OpenAI SDK client for one key: no SDK retries (we retry ourselves), no SDK logs.
 *
 * @param baseURL Endpoint base URL.
 * @param apiKey The key.
 * @param timeoutMs Per-request timeout.
 * @param fetchImpl Optional fetch.
 * @returns The SDK client.
 */
export function makeSdkClient(
  baseURL: string,
  apiKey: string,
  timeoutMs: number,
  fetchImpl?: typeof fetch,
): OpenAI {
  return new OpenAI({
    baseURL,
    apiKey,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: "off",
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

/**
 * Sends one chat completion.
 *
 * @param sdk The SDK client of the leased key.
 * @param body The request body.
 * @returns The reply text and usage, or a classified failure.
 */
export async function sendChat(sdk: OpenAI, body: ChatRequestBody): Promise<Attempt<string>> {
  try {
    const reply = await sdk.chat.completions.create(
      { ...body, stream: false } as OpenAI.ChatCompletionCreateParamsNonStreaming,
    );
    if (!reply || !Array.isArray(reply.choices)) {
      return { ok: false, kind: "malformed", message: "the server's reply had no choices" };
    }
    const message = reply.choices[0]?.message;
    const content = message?.content ?? (message?.refusal ? `REFUSAL: ${message.refusal}` : "");
    return { ok: true, value: content, usage: usageOf(reply.usage) };
  } catch (e) {
    return classify(e);
  }
}

/**
 * Sends one embeddings request.
 *
 * @param sdk The SDK client of the leased key.
 * @param model Embedding model.
 * @param input Texts.
 * @param dimensions Requested dimension, when the model supports shortening.
 * @returns The vectors (in input order) and usage, or a classified failure.
 */
export async function sendEmbeddings(
  sdk: OpenAI,
  model: string,
  input: string[],
  dimensions?: number,
): Promise<Attempt<Float32Array[]>> {
  try {
    const reply = await sdk.embeddings.create({
      model,
      input,
      ...(dimensions ? { dimensions } : {}),
    });
    const data = [...reply.data].sort((a, b) => a.index - b.index);
    if (data.length !== input.length) {
      return {
        ok: false,
        kind: "malformed",
        message: `expected ${input.length} vectors, got ${data.length}`,
      };
    }
    return {
      ok: true,
      value: data.map((d) => Float32Array.from(d.embedding as number[])),
      usage: { promptTokens: reply.usage?.prompt_tokens ?? 0, completionTokens: 0 },
    };
  } catch (e) {
    return classify(e);
  }
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number } | undefined): Usage {
  return { promptTokens: u?.prompt_tokens ?? 0, completionTokens: u?.completion_tokens ?? 0 };
}

/** Maps anything the SDK throws to a failure kind, with the message redacted. */
function classify(e: unknown): Attempt<never> {
  if (e instanceof OpenAI.APIConnectionTimeoutError) {
    return { ok: false, kind: "timeout", message: "request timed out" };
  }
  if (e instanceof OpenAI.APIConnectionError) {
    return { ok: false, kind: "connection", message: describeError(e) };
  }
  if (e instanceof OpenAI.APIError) {
    const status = e.status ?? 0;
    const message = redact(`HTTP ${status}: ${e.message}`);
    if (status === 429) {
      return {
        ok: false,
        kind: "rate-limit",
        status,
        retryAfterMs: parseRetryAfter(e.headers),
        message,
      };
    }
    if (status === 401 || status === 403) return { ok: false, kind: "rejected", status, message };
    if (status === 408 || status === 409 || status >= 500 || status === 0) {
      return {
        ok: false,
        kind: "server",
        status,
        retryAfterMs: parseRetryAfter(e.headers),
        message,
      };
    }
    return { ok: false, kind: "client", status, message };
  }
  // A body that is not JSON (truncated, HTML error page) surfaces as a parse error.
  if (e instanceof SyntaxError) {
    return { ok: false, kind: "malformed", message: `unreadable reply: ${describeError(e)}` };
  }
  return { ok: false, kind: "connection", message: describeError(e) };
}
