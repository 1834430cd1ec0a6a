/**
 * Which events a row of event_columns.ts can give back exactly: keys in the order a turn
 * makes them (the order `eventLine` writes them), and actions that are plain JSON. Any other
 * event stays the object it was.
 *
 * @module
 */

/** A decision's keys after the base ones (seq, round, t, type), in the turn's order. */
export const DECISION_KEYS: readonly string[] = [
  "agent",
  "behaviour",
  "brain",
  "action",
  "rationale",
  "calls",
  "tokens",
  "failure",
];
/** A page's keys after the base ones. */
export const PAGE_KEYS: readonly string[] = ["agent", "page", "query", "items", "source"];
/** A busy turn's keys after the base ones. */
export const BUSY_KEYS: readonly string[] = ["agent"];

/**
 * Whether the event's own keys, less the base ones (seq, round, t, type, which a line writes
 * first wherever they are), are exactly `keys`, in that order.
 *
 * @param e The event.
 * @param keys The keys expected after the base ones.
 * @returns True when they match in order.
 * @example
 * ```ts
 * import { BUSY_KEYS, keysInOrder } from "@lib/sim/event_row_shape.ts";
 * import assert from "node:assert/strict";
 * assert.ok(keysInOrder({ type: "busy", round: 0, t: "", agent: "a" }, BUSY_KEYS));
 * assert.ok(!keysInOrder({ agent: "a", extra: 1 }, BUSY_KEYS));
 * ```
 */
export function keysInOrder(e: object, keys: readonly string[]): boolean {
  let j = 0;
  for (const k in e) {
    if (k === "type" || k === "round" || k === "t" || k === "seq") continue;
    if (keys[j++] !== k) return false;
  }
  return j === keys.length;
}

/**
 * Whether a row can hold an action as its JSON text and give it back equal: a plain object
 * whose values are JSON values (no undefined, functions, dates, −0 or non-finite numbers).
 *
 * @param x The action.
 * @returns True when its JSON text gives it back.
 * @example
 * ```ts
 * import { isPlainJson } from "@lib/sim/event_row_shape.ts";
 * import assert from "node:assert/strict";
 * assert.ok(isPlainJson({ type: "watch", itemId: "m1" }));
 * assert.ok(!isPlainJson({ type: "watch", when: new Date(0) }));
 * assert.ok(!isPlainJson({ score: -0 }));
 * ```
 */
export function isPlainJson(x: unknown): boolean {
  if (x === null || typeof x === "string" || typeof x === "boolean") return true;
  if (typeof x === "number") return Number.isFinite(x) && !Object.is(x, -0);
  if (Array.isArray(x)) return x.every(isPlainJson);
  if (typeof x !== "object" || Object.getPrototypeOf(x) !== Object.prototype) return false;
  for (const k in x) if (!isPlainJson((x as Record<string, unknown>)[k])) return false;
  return true;
}
