/**
 * Reading a structured reply: extract the JSON, validate it with zod, and, when it is
 * invalid, the follow-up message that asks the model to repair it.
 *
 * @module
 */
import type { z } from "zod";
import { formatIssues } from "../core/errors.ts";
import { extractJson } from "./json_extract.ts";
import type { ChatMessage } from "./types.ts";

/**
 * A rough prompt size (4 characters a token) for rate windows before the server reports
 * real usage.
 *
 * @param messages The messages.
 * @returns Estimated prompt tokens.
 */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  return Math.ceil(messages.reduce((s, m) => s + m.content.length + 4, 0) / 4);
}

/**
 * Parses and validates a reply.
 *
 * @param raw The reply text.
 * @param schema The schema.
 * @returns The value, or the reason it is invalid.
 */
export function validate<T>(
  raw: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; error: string } {
  const json = extractJson(raw);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: formatIssues(parsed.error.issues).slice(0, 800) };
}

/**
 * The conversation that asks for a repaired reply: the original messages, the invalid
 * reply, and the validation error.
 *
 * @param messages The original messages.
 * @param raw The invalid reply.
 * @param error Why it is invalid.
 * @returns The messages of the repair request.
 *
 * @example The bad reply and the error are sent back
 * ```ts
 * import { repairMessages } from "@lib/llm/structured_reply.ts";
 * import assert from "node:assert/strict";
 * const m = repairMessages([{ role: "user", content: "pick" }], "{", "not JSON");
 * assert.equal(m.length, 3);
 * assert.match(m[2].content, /not JSON/);
 * ```
 */
export function repairMessages(
  messages: readonly ChatMessage[],
  raw: string,
  error: string,
): ChatMessage[] {
  return [
    ...messages,
    { role: "assistant", content: raw },
    {
      role: "user",
      content:
        `Your reply was not valid: ${error}\nReply again with only a JSON object that matches the schema.`,
    },
  ];
}
