/**
 * Per-user random streams: a user's n-th draw depends only on the seed, the user and n, not
 * on which other users asked before, so concurrent agents get reproducible pages.
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";

/**
 * Hands out one fresh generator per (user, call).
 *
 * @example Independent of the order users ask in
 * ```ts
 * import { Rng } from "@lib/core/rng.ts";
 * import { UserStreams } from "@lib/recsys/user_streams.ts";
 * import assert from "node:assert/strict";
 * const a = new UserStreams(new Rng(1)), b = new UserStreams(new Rng(1));
 * a.next("ann");
 * assert.equal(a.next("bob").next(), b.next("bob").next());
 * ```
 */
export class UserStreams {
  readonly #rng: Rng;
  #calls = new Map<string, number>();

  /** @param rng The parent generator (only its seed is used). */
  constructor(rng: Rng) {
    this.#rng = rng;
  }

  /**
   * @param userId The user.
   * @returns A generator for this user's next call.
   */
  next(userId: string): Rng {
    const n = this.#calls.get(userId) ?? 0;
    this.#calls.set(userId, n + 1);
    return this.#rng.fork(`${userId}#${n}`);
  }

  /** @returns Calls so far per user. */
  exportState(): Record<string, number> {
    return Object.fromEntries(this.#calls);
  }

  /** @param state Calls per user, from {@link exportState}. */
  importState(state: Record<string, number>): void {
    this.#calls = new Map(Object.entries(state));
  }
}

/**
 * Draws up to k distinct indices in [0, n) that `accept` allows, uniformly.
 *
 * @param rng The generator.
 * @param n Population size.
 * @param k How many.
 * @param accept Filter on indices.
 * @returns The indices, in draw order.
 */
export function sampleIndices(
  rng: Rng,
  n: number,
  k: number,
  accept: (i: number) => boolean,
): number[] {
  const out: number[] = [];
  const taken = new Set<number>();
  // Rejection sampling is fast while most of the catalogue is allowed; fall back to an
  // explicit pool when it keeps missing.
  for (let tries = 0; out.length < k && tries < 8 * k + 32; tries++) {
    const i = rng.int(n);
    if (!taken.has(i) && accept(i)) {
      taken.add(i);
      out.push(i);
    }
  }
  if (out.length < k) {
    const pool: number[] = [];
    for (let i = 0; i < n; i++) if (!taken.has(i) && accept(i)) pool.push(i);
    out.push(...rng.sample(pool, k - out.length));
  }
  return out;
}
