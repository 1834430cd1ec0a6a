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

/**
 * The LLM endpoint looks unusable (wrong key, wrong or unreachable URL): so many requests in a
 * row failed that going on would only fill the run with failed decisions. Thrown by
 * structured calls so a run stops at once instead of "succeeding" with every decision
 * failed; the run can be resumed once the endpoint works. Names the endpoint, never a key.
 *
 * @example
 * ```ts
 * import { LlmUnreachableError } from "@lib/llm/llm_error.ts";
 * import assert from "node:assert/strict";
 * const e = new LlmUnreachableError("http://127.0.0.1:9/v1", 10, "connection: refused");
 * assert.match(e.message, /^OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:9\/v1: /);
 * assert.match(e.message, /10 requests in a row failed/);
 * ```
 */
export class LlmUnreachableError extends SociusError {
  /** The endpoint (base URL without credentials). */
  readonly endpoint: string;

  /**
   * @param endpoint The endpoint's base URL.
   * @param failures How many requests in a row failed.
   * @param last The last failure (redacted before it is stored).
   */
  constructor(endpoint: string, failures: number, last: string) {
    super(
      "llm",
      redact(
        `OPENAI_BASE_URL=${endpoint}: expected an LLM endpoint that answers, found ${failures} ` +
          `requests in a row failed with no success (last: ${last}); check the URL and ` +
          `OPENAI_API_KEY, then continue the run with --resume`,
      ),
    );
    this.endpoint = endpoint;
  }
}
