/**
 * Retry timing: exponential backoff with seeded jitter, and the server's Retry-After.
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";

/**
 * The delay before retry number `retry` (0 for the first retry): exponential growth capped
 * at `maxMs`, scaled by a jitter factor in [0.5, 1) drawn from a seeded generator so that
 * concurrent callers do not retry in lock-step and a run stays reproducible.
 *
 * @param retry 0-based retry index.
 * @param rng The generator jitter is drawn from.
 * @param baseMs Delay of the first retry before jitter.
 * @param maxMs Upper bound before jitter.
 * @returns Milliseconds to wait.
 *
 * @example Retry 3 waits between 400 and 800 ms
 * ```ts
 * import { backoffDelay } from "@lib/llm/backoff.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const d = backoffDelay(3, new Rng(1), 100, 10_000);
 * assert.ok(d >= 400 && d < 800);
 * ```
 */
export function backoffDelay(retry: number, rng: Rng, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  return ceiling * rng.uniform(0.5, 1);
}

/**
 * Reads how long a server asked us to wait: `retry-after-ms`, or `retry-after` as seconds
 * (fractions allowed) or as an HTTP date.
 *
 * @param headers Response headers (a Headers object or a plain record).
 * @returns Milliseconds, or undefined when the server said nothing usable.
 *
 * @example Seconds, milliseconds and no header
 * ```ts
 * import { parseRetryAfter } from "@lib/llm/backoff.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseRetryAfter(new Headers({ "retry-after": "2" })), 2000);
 * assert.equal(parseRetryAfter({ "retry-after-ms": "150" }), 150);
 * assert.equal(parseRetryAfter(new Headers()), undefined);
 * ```
 */
export function parseRetryAfter(
  headers: Headers | Record<string, string | null | undefined> | undefined | null,
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | null | undefined =>
    headers instanceof Headers ? headers.get(name) : headers[name];
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  // An HTTP date is real time by definition; this is I/O timing, not simulation time.
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * Waits, unless the signal aborts first.
 *
 * @param ms Milliseconds.
 * @param signal Cuts the wait short.
 * @returns A promise that resolves after the delay or on abort.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
