/**
 * Secret hygiene. API keys are registered here when a configuration is parsed, and every
 * error path passes its text through {@link redact}, so a key never reaches a log, an error,
 * a cache file or a usage table, even when a server echoes it back.
 *
 * @module
 */

const secrets = new Set<string>();

/** What a redacted secret is replaced with. */
export const REDACTED = "[redacted]";

/**
 * Registers a secret so that {@link redact} removes it from any text from now on.
 *
 * @param secret An API key (strings shorter than 4 characters are ignored: they would
 *   garble ordinary text and are no secret anyway).
 *
 * @example A registered key is redacted
 * ```ts
 * import { redact, registerSecret } from "@lib/llm/redact.ts";
 * import assert from "node:assert/strict";
 * registerSecret("my-very-private-key");
 * assert.equal(redact("bad key my-very-private-key"), "bad key [redacted]");
 * ```
 */
export function registerSecret(secret: string): void {
  if (secret.length >= 4) secrets.add(secret);
}

// Shapes of credentials that were never registered (a key from another tool, a header dump).
const PATTERNS: [RegExp, string][] = [
  [
    /((?:api[_-]?key|authorization)["']?\s*[:=]\s*["']?)(?:Bearer\s+)?[^\s"',;&]+/gi,
    `$1${REDACTED}`,
  ],
  [/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  [/\b(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, `$1-${REDACTED}`],
];

/**
 * Removes registered secrets and anything shaped like a credential from a text.
 *
 * @param text Any text (an error message, a server reply).
 * @returns The text with secrets replaced by "[redacted]".
 *
 * @example Overlapping keys leave nothing of either
 * ```ts
 * import { redact, registerSecret } from "@lib/llm/redact.ts";
 * import assert from "node:assert/strict";
 * registerSecret("alpha-bravo");
 * registerSecret("bravo-charlie");
 * assert.equal(redact("x alpha-bravo-charlie y"), "x [redacted] y");
 * ```
 *
 * @example A server that echoes the key back
 * ```ts
 * import { redact, registerSecret } from "@lib/llm/redact.ts";
 * import assert from "node:assert/strict";
 * registerSecret("local-key-123");
 * const msg = redact("401 Incorrect API key provided: local-key-123");
 * assert.ok(!msg.includes("local-key-123"));
 * assert.equal(redact("Authorization: Bearer abc.def"), "Authorization: [redacted]");
 * ```
 */
export function redact(text: string): string {
  let out = String(text);
  // Every character covered by any registered key is removed, found in the original text:
  // replacing key by key would leave the rest of a key that overlaps one removed before.
  const covered = new Uint8Array(out.length);
  let any = false;
  for (const secret of secrets) {
    for (let i = out.indexOf(secret); i >= 0; i = out.indexOf(secret, i + 1)) {
      covered.fill(1, i, i + secret.length);
      any = true;
    }
  }
  if (any) {
    let joined = "";
    for (let i = 0; i < out.length; i++) {
      if (!covered[i]) joined += out[i];
      else if (i === 0 || !covered[i - 1]) joined += REDACTED;
    }
    out = joined;
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/**
 * A redacted one-line description of anything thrown.
 *
 * @param error A thrown value.
 * @returns "Name: message" with secrets removed.
 *
 * @example An error's class and message
 * ```ts
 * import { describeError } from "@lib/llm/redact.ts";
 * import assert from "node:assert/strict";
 * assert.equal(describeError(new TypeError("boom")), "TypeError: boom");
 * ```
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : "";
    return redact(`${error.name}: ${error.message}${cause}`);
  }
  return redact(String(error));
}
