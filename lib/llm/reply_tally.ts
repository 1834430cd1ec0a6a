/**
 * Counts what a structured LLM did over a study: how many replies were valid at once, how many
 * needed a repair before they validated, how many failed even after repairs, and the tokens.
 * A study reports these next to its numbers, so a reader sees how much of a dry run the model
 * answered by itself.
 *
 * @module
 */
import { z } from "zod";
import type { StructuredLlm, StructuredRequest, StructuredResult } from "./types.ts";

/** What {@link TalliedLlm} counted. */
export interface ReplyTally {
  /** Structured requests made (one per decision or answer). */
  requests: number;
  /** Replies asked of the model, repairs included. */
  calls: number;
  /** Requests whose first reply validated. */
  valid: number;
  /** Requests whose first reply was invalid and a repair validated. */
  repaired: number;
  /** Requests that failed (invalid after every repair, or no reply). */
  failed: number;
  /** Requests answered from the record/replay cache. */
  cached: number;
  promptTokens: number;
  completionTokens: number;
}

/**
 * A {@link ReplyTally} as a recorded figure stores it, for reading records back.
 *
 * @example Reading a recorded tally
 * ```ts
 * import { replyTallySchema } from "@lib/llm/reply_tally.ts";
 * import assert from "node:assert/strict";
 * const counts = { requests: 2, calls: 3, valid: 1, repaired: 1, failed: 0, cached: 0 };
 * const tally = { ...counts, promptTokens: 40, completionTokens: 6 };
 * assert.deepEqual(replyTallySchema.parse(tally), tally);
 * assert.ok(!replyTallySchema.safeParse({ ...tally, valid: 0.5 }).success);
 * ```
 */
export const replyTallySchema: z.ZodType<ReplyTally> = z.object({
  requests: z.number().int(),
  calls: z.number().int(),
  valid: z.number().int(),
  repaired: z.number().int(),
  failed: z.number().int(),
  cached: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
});

/**
 * A structured LLM that passes every request on and counts the outcomes.
 *
 * @example A repaired reply and a failure are told apart
 * ```ts
 * import { TalliedLlm } from "@lib/llm/reply_tally.ts";
 * import assert from "node:assert/strict";
 * import { z } from "zod";
 * const replies = [{ calls: 1, ok: true }, { calls: 2, ok: true }, { calls: 2, ok: false }];
 * const inner = {
 *   model: "m",
 *   complete: () => {
 *     const r = replies.shift()!;
 *     const usage = { promptTokens: 10, completionTokens: 2 };
 *     const base = { usage, cached: false, attempts: r.calls, calls: r.calls, latencyMs: 0 };
 *     return Promise.resolve(r.ok
 *       ? { ...base, ok: true as const, value: 1 as never, raw: "1" }
 *       : { ...base, ok: false as const, error: "invalid" });
 *   },
 * };
 * const llm = new TalliedLlm(inner);
 * for (let i = 0; i < 3; i++) await llm.complete({ messages: [], schema: z.number(), schemaName: "n" });
 * assert.deepEqual(
 *   [llm.tally.requests, llm.tally.calls, llm.tally.valid, llm.tally.repaired, llm.tally.failed],
 *   [3, 5, 1, 1, 1],
 * );
 * ```
 */
export class TalliedLlm implements StructuredLlm {
  readonly model: string;
  readonly #inner: StructuredLlm;
  /** The counts so far. */
  readonly tally: ReplyTally = {
    requests: 0,
    calls: 0,
    valid: 0,
    repaired: 0,
    failed: 0,
    cached: 0,
    promptTokens: 0,
    completionTokens: 0,
  };

  /** @param inner The LLM that answers. */
  constructor(inner: StructuredLlm) {
    this.#inner = inner;
    this.model = inner.model;
  }

  /**
   * @param request The request, passed on unchanged.
   * @returns The inner LLM's result, unchanged.
   */
  async complete<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const r = await this.#inner.complete(request);
    const t = this.tally;
    const calls = r.calls ?? 1;
    t.requests++;
    t.calls += calls;
    if (r.cached) t.cached++;
    if (!r.ok) t.failed++;
    else if (calls > 1) t.repaired++;
    else t.valid++;
    t.promptTokens += r.usage.promptTokens;
    t.completionTokens += r.usage.completionTokens;
    return r;
  }
}
