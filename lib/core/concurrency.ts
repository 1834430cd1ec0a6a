/**
 * Bounded concurrency that keeps results in input order.
 *
 * @module
 */

/**
 * Runs tasks with at most `limit` in flight, keeping results in input order.
 *
 * @param items Inputs.
 * @param limit Maximum concurrency (≥ 1).
 * @param fn The task.
 * @returns Results in input order.
 *
 * @example Order is kept whatever finishes first
 * ```ts
 * import { mapLimit } from "@lib/core/concurrency.ts";
 * import assert from "node:assert/strict";
 * const out = await mapLimit([30, 10, 20], 2, (ms) => new Promise<number>((r) => setTimeout(() => r(ms), ms)));
 * assert.deepEqual(out, [30, 10, 20]);
 * ```
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
