/**
 * The Batch API path of the client: a call's first attempt goes into the round's batch; a
 * request the batch could not answer is reported as a retry with key "batch" and goes online.
 *
 * @example Off unless asked for
 * ```ts
 * import { BatchFirst } from "@lib/llm/client_batch.ts";
 * import assert from "node:assert/strict";
 * const off = new BatchFirst(undefined, undefined);
 * assert.equal(off.sent, 0);
 * assert.equal(await off.first({ messages: [], schema: {} as never, schemaName: "x" }), null);
 * ```
 *
 * @module
 */
import { Batcher, type BatchOptions } from "./batcher.ts";
import { buildChatBody } from "./request_body.ts";
import type { LlmEvent, PooledResult, SlotPayload } from "./client_types.ts";
import type { StructuredRequest } from "./types.ts";

/** First attempts through the Batch API, with the first endpoint's first key. */
export class BatchFirst {
  readonly #batcher?: Batcher;
  readonly #slot?: SlotPayload;
  readonly #emit?: (event: LlmEvent) => void;

  /**
   * @param slot The key slot whose endpoint runs the batches (none: batching off).
   * @param options Batch settings (none: batching off).
   * @param emit Where a batch failure is reported.
   */
  constructor(
    slot: SlotPayload | undefined,
    options: BatchOptions | undefined,
    emit?: (event: LlmEvent) => void,
  ) {
    this.#emit = emit;
    if (slot && options) {
      this.#slot = slot;
      this.#batcher = new Batcher(slot.sdk, options);
    }
  }

  /** Batches sent so far (0 when batching is off). */
  get sent(): number {
    return this.#batcher?.batches ?? 0;
  }

  /**
   * A first attempt through the Batch API.
   *
   * @returns The reply as one attempt with key "batch", or null when batching is off or the
   *   batch could not answer (the call then goes online).
   */
  async first<T>(request: StructuredRequest<T>): Promise<PooledResult<string> | null> {
    if (!this.#batcher || !this.#slot) return null;
    const { body } = buildChatBody(request, {
      model: this.#slot.model,
      mode: this.#slot.outputMode,
    });
    const r = await this.#batcher.submit(body);
    if (!r.ok) {
      this.#emit?.({ type: "retry", key: "batch", reason: r.kind, delayMs: 0, message: r.message });
      return null;
    }
    return { ok: true, value: r.value, usage: r.usage, attempts: 1, retries: 0, key: "batch" };
  }
}
