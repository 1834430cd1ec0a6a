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
  // Longest first, so a key that contains another key is removed whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
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
