/**
 * The hard cap on a run's LLM use, checked before each round.
 *
 * @module
 */

/**
 * Whether the next round, expected to cost what the last one did, would pass a cap.
 *
 * @param cap Caps on LLM calls and tokens.
 * @param spent Calls and tokens so far.
 * @param next What the last round cost.
 * @returns The reason to stop, or null.
 *
 * @example The next round would pass the token cap
 * ```ts
 * import { budgetStop } from "@lib/sim/budget_cap.ts";
 * import assert from "node:assert/strict";
 * assert.equal(budgetStop({ tokens: 100 }, { calls: 2, tokens: 60 }, { calls: 1, tokens: 30 }), null);
 * assert.match(budgetStop({ tokens: 100 }, { calls: 2, tokens: 80 }, { calls: 1, tokens: 30 })!, /cap of 100/);
 * ```
 */
export function budgetStop(
  cap: { calls?: number; tokens?: number },
  spent: { calls: number; tokens: number },
  next: { calls: number; tokens: number },
): string | null {
  if (cap.calls !== undefined && spent.calls + next.calls > cap.calls) {
    return `budget: ${spent.calls} LLM calls so far, the next round would pass the cap of ${cap.calls}`;
  }
  if (cap.tokens !== undefined && spent.tokens + next.tokens > cap.tokens) {
    return `budget: ${spent.tokens} tokens so far, the next round would pass the cap of ${cap.tokens}`;
  }
  return null;
}
