/**
 * The error of LLM calls that do throw (embeddings; structured calls never throw).
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";
import { redact } from "./redact.ts";

/**
 * An LLM request failed for good; the message is redacted.
 *
 * @example Keys never reach the message
 * ```ts
 * import { LlmError } from "@lib/llm/llm_error.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new LlmError("Bearer abc failed").message, "Bearer [redacted] failed");
 * ```
 */
export class LlmError extends SociusError {
  /** @param message What failed (redacted before it is stored). */
  constructor(message: string) {
    super("llm", redact(message));
  }
}
