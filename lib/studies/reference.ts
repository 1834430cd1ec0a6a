/**
 * The paper's reported numbers (RecAgent, ACM TOIS 43(2) 2025), labelled as the paper's, to
 * set beside ours, and the relative-change helper both are computed with.
 *
 * @module
 */

/** Information cocoon: the paper's numbers (not ours). */
export const PAPER_COCOON: readonly { quantity: string; paper: string }[] = [
  { quantity: "MF entropy: rounds of rise before the fall", paper: "≈ 5" },
  { quantity: "MF entropy: last round vs peak", paper: "≈ −8.5%" },
  { quantity: "Rec-strategy N=1 every round vs every 5 rounds", paper: "≈ +15% entropy" },
  { quantity: "Rec-strategy N=3 vs N=1 (every round)", paper: "≈ +31% entropy" },
  { quantity: "Rec-strategy N=5 vs N=1 (every round)", paper: "≈ +53% entropy" },
  { quantity: "Soc-strategy (a friend with different interests)", paper: "raises entropy" },
  { quantity: "Rec + Soc together", paper: "highest entropy" },
  { quantity: "Satisfaction (1–10) as randomness grows", paper: "falls" },
];

/** Conformity: the paper's observations (not ours). */
export const PAPER_CONFORMITY: readonly { quantity: string; paper: string }[] = [
  { quantity: "Scores in the first round", paper: "spread over 3–8" },
  { quantity: "Scores after 10 rounds", paper: "concentrated at 6–7" },
  { quantity: "AC(i) vs number of friends i", paper: "grows with i" },
];

/**
 * Relative change in percent.
 *
 * @param value The value.
 * @param baseline What it is compared with.
 * @returns 100 · (value − baseline) / baseline.
 *
 * @example
 * ```ts
 * import { percentAbove } from "@lib/studies/reference.ts";
 * import assert from "node:assert/strict";
 * assert.equal(percentAbove(3, 2), 50);
 * ```
 */
export function percentAbove(value: number, baseline: number): number {
  return (100 * (value - baseline)) / baseline;
}
