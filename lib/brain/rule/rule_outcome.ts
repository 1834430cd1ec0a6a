/**
 * What a rule decision comes to before it becomes a `Decision`, and the memory it leaves.
 *
 * @module
 */
import type { Action } from "../action.ts";

/** A rule decision before it becomes a `Decision`. */
export interface RuleOutcome {
  action: Action;
  rationale: string;
  memory: { text: string; importance: number } | null;
  /**
   * Probability (or score) of every option considered, by label; or how to compute them, as
   * only explanations read them.
   */
  scores: Record<string, number> | (() => Record<string, number>);
}

/**
 * What the agent keeps of a decision, made only when its memory keeps anything: a rule agent
 * at scale remembers nothing, and every decision would make these words for nobody.
 *
 * @param ctx The decision's context (`remembers: false` when the memory keeps nothing).
 * @param text Makes the words, called only when they are kept.
 * @param importance How much the memory weighs.
 * @returns The memory, or null.
 *
 * @example Words made only for an agent that keeps them
 * ```ts
 * import { remembered } from "@lib/brain/rule/rule_outcome.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(remembered({}, () => "On Monday I rested.", 1), { text: "On Monday I rested.", importance: 1 });
 * assert.equal(remembered({ remembers: false }, () => { throw new Error("made"); }, 1), null);
 * ```
 */
export function remembered(
  ctx: { remembers?: boolean },
  text: () => string,
  importance: number,
): RuleOutcome["memory"] {
  return ctx.remembers === false ? null : { text: text(), importance };
}
