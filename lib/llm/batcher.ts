/**
 * Batch inference for round-synchronous runs. Requests that arrive within a short window
 * (all the agents of a round asking at once) are written as one OpenAI Batch API JSONL file,
 * uploaded, run as a batch, polled, and their replies handed back one by one. The client
 * treats each reply exactly like an online reply (validation, repair, cache, accounting); a
 * request the batch could not answer goes online instead. vLLM's `run-batch` reads the same
 * file format.
 *
 * @module
 */
import { toFile } from "openai";
import type OpenAI from "openai";
import type { ChatRequestBody } from "./request_body.ts";
import type { Attempt } from "./transport.ts";
import { describeError } from "./redact.ts";

/** Batch settings. */
export interface BatchOptions {
  /** Wait this long after the last new request before sending the batch (default 25 ms). */
  windowMs?: number;
  /** Poll the batch this often (default 200 ms; real services want seconds). */
  pollMs?: number;
  /** Give up on a batch after this long and go online (default 24 h). */
  timeoutMs?: number;
  /** Send as soon as this many requests wait (default 50,000, the Batch API's limit). */
  maxRequests?: number;
}

interface Pending {
  id: string;
  body: ChatRequestBody;
  resolve: (a: Attempt<string>) => void;
}

/** One line of a Batch API input file. */
export interface BatchLine {
  custom_id: string;
  method: "POST";
  url: "/v1/chat/completions";
  body: ChatRequestBody;
}

/**
 * Writes requests as Batch API JSONL.
 *
 * @param items Ids and request bodies.
 * @returns The file's text.
 *
 * @example One request as one batch line
 * ```ts
 * import { batchJsonl } from "@lib/llm/batcher.ts";
 * import assert from "node:assert/strict";
 * const text = batchJsonl([{ id: "r0", body: { model: "m", messages: [] } as never }]);
 * assert.equal(JSON.parse(text.trim()).url, "/v1/chat/completions");
 * ```
 */
export function batchJsonl(items: readonly { id: string; body: ChatRequestBody }[]): string {
  return items.map((p) =>
    JSON.stringify({ custom_id: p.id, method: "POST", url: "/v1/chat/completions", body: p.body })
  ).join("\n") + "\n";
}

/** Collects requests into batches and runs them through the files and batches endpoints. */
export class Batcher {
  readonly #sdk: OpenAI;
  readonly #opts: Required<BatchOptions>;
  #queue: Pending[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #next = 0;
  /** Batches sent so far, for accounting. */
  batches = 0;

  /**
   * @param sdk An SDK client for the endpoint that runs batches.
   * @param options Window, polling and limits.
   */
  constructor(sdk: OpenAI, options: BatchOptions = {}) {
    this.#sdk = sdk;
    this.#opts = {
      windowMs: options.windowMs ?? 25,
      pollMs: options.pollMs ?? 200,
      timeoutMs: options.timeoutMs ?? 24 * 3_600_000,
      maxRequests: options.maxRequests ?? 50_000,
    };
  }

  /**
   * Queues one request for the next batch.
   *
   * @param body The chat request body.
   * @returns The reply text and usage, or why the batch could not answer it.
   */
  submit(body: ChatRequestBody): Promise<Attempt<string>> {
    return new Promise((resolve) => {
      this.#queue.push({ id: `req-${this.#next++}`, body, resolve });
      clearTimeout(this.#timer);
      if (this.#queue.length >= this.#opts.maxRequests) this.#send();
      else this.#timer = setTimeout(() => this.#send(), this.#opts.windowMs);
    });
  }

  #send(): void {
    const items = this.#queue;
    this.#queue = [];
    if (items.length === 0) return;
    this.batches++;
    this.#run(items).catch((e) => {
      for (const p of items) {
        p.resolve({ ok: false, kind: "server", message: `batch failed: ${describeError(e)}` });
      }
    });
  }

  async #run(items: Pending[]): Promise<void> {
    const file = await this.#sdk.files.create({
      file: await toFile(new TextEncoder().encode(batchJsonl(items)), "socius-round.jsonl"),
      purpose: "batch",
    });
    let batch = await this.#sdk.batches.create({
      input_file_id: file.id,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
    });
    const deadline = performance.now() + this.#opts.timeoutMs;
    while (!["completed", "failed", "expired", "cancelled"].includes(batch.status)) {
      if (performance.now() > deadline) throw new Error(`batch ${batch.id} did not finish in time`);
      await new Promise((r) => setTimeout(r, this.#opts.pollMs));
      batch = await this.#sdk.batches.retrieve(batch.id);
    }
    const replies = new Map<string, Record<string, unknown>>();
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (!fileId) continue;
      const text = await (await this.#sdk.files.content(fileId)).text();
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line);
          if (typeof r.custom_id === "string") replies.set(r.custom_id, r);
        } catch { /* a torn line leaves its request to the online path */ }
      }
    }
    for (const p of items) p.resolve(attemptOf(replies.get(p.id), batch.status));
  }
}

function attemptOf(line: Record<string, unknown> | undefined, status: string): Attempt<string> {
  if (!line) {
    return { ok: false, kind: "server", message: `no reply in the batch (status ${status})` };
  }
  const response = line.response as { status_code?: number; body?: Record<string, unknown> } | null;
  if (!response || (response.status_code ?? 500) >= 400) {
    const err = (line.error as { message?: string } | null)?.message ??
      `status ${response?.status_code ?? "none"}`;
    return { ok: false, kind: "server", message: `batch entry failed: ${err}` };
  }
  const body = response.body as {
    choices?: { message?: { content?: string | null } }[];
    usage?: { prompt_tokens?: number; completion_tokens?: number };
  };
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== "string") {
    return { ok: false, kind: "malformed", message: "batch reply had no content" };
  }
  return {
    ok: true,
    value: content,
    usage: {
      promptTokens: body.usage?.prompt_tokens ?? 0,
      completionTokens: body.usage?.completion_tokens ?? 0,
    },
  };
}
