/**
 * The stop on an unusable endpoint: counts failed requests in an unbroken row and, at the
 * configured limit, takes the endpoint as unusable (a wrong key or URL), so a run stops
 * instead of failing every decision one by one.
 *
 * @example Three failures in a row stop; a success in between starts the count again
 * ```ts
 * import { EndpointStop } from "@lib/llm/endpoint_stop.ts";
 * import assert from "node:assert/strict";
 * let closed = 0;
 * const stop = new EndpointStop(3, () => closed++);
 * stop.failed("http://h/v1", "server: 500");
 * stop.failed("http://h/v1", "server: 500");
 * stop.succeeded();
 * stop.failed("http://h/v1", "server: 500");
 * stop.failed("http://h/v1", "server: 500");
 * assert.equal(stop.halted === null && stop.failures === 2, true);
 * stop.failed("http://h/v1", "server: 502");
 * assert.match(String(stop.halted?.message), /http:\/\/h\/v1: .* 3 requests in a row .*502/);
 * assert.equal(closed, 1);
 * ```
 *
 * @module
 */
import { LlmUnreachableError } from "./llm_error.ts";

/** Failures in a row and, once they reach the limit, the error every later call throws. */
export class EndpointStop {
  readonly #limit: number;
  readonly #onHalt: () => void;
  #failures = 0;
  #halted: LlmUnreachableError | null = null;

  /**
   * @param limit Failed requests in a row that make the endpoint unusable.
   * @param onHalt Called once when it stops (the key pool closes, so waiters stop waiting).
   */
  constructor(limit: number, onHalt: () => void) {
    this.#limit = limit;
    this.#onHalt = onHalt;
  }

  /** The error once stopped, else null. */
  get halted(): LlmUnreachableError | null {
    return this.#halted;
  }

  /** Failures in the current unbroken row. */
  get failures(): number {
    return this.#failures;
  }

  /** A request succeeded: the row is broken. */
  succeeded(): void {
    this.#failures = 0;
  }

  /**
   * A request failed (rate limits are not failures here: the server is there and the key
   * works). Stops at the limit.
   *
   * @param endpoint The endpoint's public URL.
   * @param last The failure, redacted.
   */
  failed(endpoint: string, last: string): void {
    if (++this.#failures >= this.#limit) this.halt(endpoint, last);
  }

  /** Takes the endpoint as unusable now (every key refused); the first reason stays. */
  halt(endpoint: string, last: string): void {
    if (this.#halted) return;
    this.#halted = new LlmUnreachableError(endpoint, this.#failures, last);
    this.#onHalt();
  }
}
