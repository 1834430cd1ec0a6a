/**
 * Repair: a reply that does not match the schema is sent back with the validation error, up
 * to `repairs` times; the first valid reply wins. Each round is one pooled request (the first
 * may come from a batch), added to the call's tally.
 *
 * @example An invalid reply, repaired once
 * ```ts
 * import { askWithRepair } from "@lib/llm/client_repair.ts";
 * import { CallTally } from "@lib/llm/call_tally.ts";
 * import { UsageLedger } from "@lib/llm/usage_ledger.ts";
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 * const tally = new CallTally({ model: "m", usage: new UsageLedger(), stats: { done: 0, ok: 0, failed: 0, cacheHits: 0 }, emit: () => {} }, {});
 * const replies = ['{"n": "one"}', '{"n": 1}'];
 * const seen: number[] = [];
 * const r = await askWithRepair(
 *   { messages: [{ role: "user", content: "n?" }], schema: z.object({ n: z.number() }), schemaName: "n" },
 *   1,
 *   tally,
 *   async (round, messages) => {
 *     seen.push(messages.length);
 *     return { ok: true, value: replies[round], attempts: 1, retries: 0, key: "k#0", usage: { promptTokens: 1, completionTokens: 1 } };
 *   },
 * );
 * assert.deepEqual(r, { ok: true, value: { n: 1 } });
 * assert.deepEqual([tally.calls, tally.attempts, tally.raw, seen], [2, 2, '{"n": 1}', [1, 3]]);
 * ```
 *
 * @module
 */
import type { PooledResult } from "./client_types.ts";
import type { CallTally } from "./call_tally.ts";
import type { FailureKind } from "./transport.ts";
import type { ChatMessage, StructuredRequest } from "./types.ts";
import { repairMessages, validate } from "./structured_reply.ts";

/** How the rounds ended: a valid value, a failed request, or no valid reply after repairs. */
export type RepairOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; kind?: FailureKind; invalid: boolean };

/**
 * Asks, validates and repairs.
 *
 * @param request The call (its messages are the first round's).
 * @param repairs Repair rounds allowed after the first reply.
 * @param tally The call's figures: calls, attempts, tokens and the last raw reply.
 * @param send Sends one round's messages (round 0 first).
 * @returns The valid value, or why not (`invalid`: every reply came and none matched).
 */
export async function askWithRepair<T>(
  request: StructuredRequest<T>,
  repairs: number,
  tally: CallTally,
  send: (round: number, messages: ChatMessage[]) => Promise<PooledResult<string>>,
): Promise<RepairOutcome<T>> {
  let messages: ChatMessage[] = request.messages;
  let lastError = "";
  for (let round = 0; round <= repairs; round++) {
    tally.calls = round + 1;
    const sent = await send(round, messages);
    tally.add(sent);
    if (!sent.ok) return { ok: false, error: sent.error, kind: sent.kind, invalid: false };
    tally.raw = sent.value;
    const parsed = validate(sent.value, request.schema);
    if (parsed.ok) return { ok: true, value: parsed.value };
    lastError = parsed.error;
    // The repair goes from the original messages: one bad reply and its error, not a chain.
    messages = repairMessages(request.messages, sent.value, parsed.error);
  }
  return {
    ok: false,
    error: `invalid reply after ${repairs} repair(s): ${lastError}`,
    invalid: true,
  };
}
