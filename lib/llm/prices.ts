/**
 * Prices for estimating what a run costs, in USD per million tokens. The built-in table is
 * an estimate of list prices and goes stale; pass `prices` in the configuration to override
 * or extend it. Models not in the table (local servers) cost 0.
 *
 * @module
 */
import { z } from "zod";

/** Price of one model. */
export const Price = z.object({
  /** USD per million prompt tokens. */
  input: z.number().min(0),
  /** USD per million completion tokens. */
  output: z.number().min(0).default(0),
});
/** Price of one model. */
export type Price = z.infer<typeof Price>;

/** Built-in list prices (USD per million tokens). */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5 },
  "text-embedding-3-small": { input: 0.02, output: 0 },
  "text-embedding-3-large": { input: 0.13, output: 0 },
};

/**
 * Estimated cost of some tokens.
 *
 * @param model Model name (an exact match, else the longest table entry it starts with, so
 *   dated snapshots like "gpt-4o-mini-2024-07-18" find their family).
 * @param promptTokens Prompt tokens.
 * @param completionTokens Completion tokens.
 * @param prices Price table.
 * @returns USD (0 when the model has no price).
 *
 * @example A priced model and a free local one
 * ```ts
 * import { DEFAULT_PRICES, estimateCost } from "@lib/llm/prices.ts";
 * import assert from "node:assert/strict";
 * assert.equal(estimateCost("gpt-4o-mini-2024-07-18", 1_000_000, 0, DEFAULT_PRICES), 0.15);
 * assert.equal(estimateCost("llama3", 1_000, 1_000, DEFAULT_PRICES), 0);
 * ```
 */
export function estimateCost(
  model: string,
  promptTokens: number,
  completionTokens: number,
  prices: Readonly<Record<string, Price>>,
): number {
  let price: Price | undefined = prices[model];
  if (!price) {
    const family = Object.keys(prices).filter((k) => model.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    price = family ? prices[family] : undefined;
  }
  if (!price) return 0;
  return (promptTokens * price.input + completionTokens * price.output) / 1e6;
}
