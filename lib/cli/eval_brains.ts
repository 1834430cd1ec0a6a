/**
 * The baseline rows every selection table carries: popularity and item-kNN are added to the
 * brains asked for, so a brain's number is always read next to what the user-blind and the
 * plain collaborative baselines reach on the same pages.
 *
 * @module
 */

/**
 * The brains asked for, with "popular" and "knn" added after "random" when missing.
 *
 * @param brains Brain ids from --brains.
 * @returns Brain ids with the baselines.
 *
 * @example
 * ```ts
 * import { withBaselines } from "@lib/cli/eval_brains.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(withBaselines(["random", "fitted"]), ["random", "popular", "knn", "fitted"]);
 * ```
 */
export function withBaselines(brains: readonly string[]): string[] {
  const out = brains.filter((b) => b !== "popular" && b !== "knn");
  const at = out[0] === "random" ? 1 : 0;
  out.splice(at, 0, "popular", "knn");
  return out;
}
