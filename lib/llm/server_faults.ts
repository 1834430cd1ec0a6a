/**
 * What can go wrong on purpose in the local server: latency and faults, each drawn at a
 * configured rate from a generator forked per request, so the same requests meet the same
 * faults in every run.
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";

/** Latency in milliseconds: fixed, uniform in [min, max], or exponential with a mean. */
export type LatencySpec = number | { min: number; max: number } | { mean: number };

/** The kinds of fault the server can inject. */
export const FAULT_KINDS = [
  "rateLimit",
  "serverError",
  "hang",
  "truncated",
  "malformed",
  "wrongSchema",
] as const;
/** A fault kind: 429 with Retry-After, 500, a request never answered, an HTTP body cut in
 * half, reply content that is broken JSON, reply content of the wrong shape. */
export type FaultKind = typeof FAULT_KINDS[number];

/** Rates in [0, 1] per fault kind. */
export type FaultRates = Partial<Record<FaultKind, number>>;

/**
 * Draws a latency.
 *
 * @param spec The latency specification.
 * @param rng The request's generator.
 * @returns Milliseconds (never negative).
 *
 * @example A fixed delay and a range
 * ```ts
 * import { drawLatency } from "@lib/llm/server_faults.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * assert.equal(drawLatency(5, new Rng(1)), 5);
 * const d = drawLatency({ min: 2, max: 4 }, new Rng(1));
 * assert.ok(d >= 2 && d <= 4);
 * ```
 */
export function drawLatency(spec: LatencySpec | undefined, rng: Rng): number {
  if (spec === undefined) return 0;
  if (typeof spec === "number") return Math.max(0, spec);
  if ("mean" in spec) return spec.mean > 0 ? rng.exponential(1 / spec.mean) : 0;
  return Math.max(0, rng.uniform(spec.min, spec.max));
}

/**
 * Draws which fault (if any) hits a request: one uniform draw per kind, in a fixed order.
 *
 * @param rates Fault rates.
 * @param rng The request's generator.
 * @param allowed Kinds that apply to this route (content faults only to chat).
 * @returns The fault, or null.
 *
 * @example A certain fault and none
 * ```ts
 * import { drawFault } from "@lib/llm/server_faults.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * assert.equal(drawFault({ serverError: 1 }, new Rng(1)), "serverError");
 * assert.equal(drawFault({}, new Rng(1)), null);
 * ```
 */
export function drawFault(
  rates: FaultRates,
  rng: Rng,
  allowed: readonly FaultKind[] = FAULT_KINDS,
): FaultKind | null {
  for (const kind of FAULT_KINDS) {
    const draw = rng.next();
    if (allowed.includes(kind) && draw < (rates[kind] ?? 0)) return kind;
  }
  return null;
}
