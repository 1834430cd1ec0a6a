/**
 * The end of a browse decision that every non-LLM brain shares once it has scored a page:
 * watch the chosen item (and remember choosing it), else turn the page while pages remain,
 * else leave.
 *
 * @module
 */
import type { Item } from "../recsys/item.ts";
import type { BrainKind, Decision } from "./brain.ts";
import type { BrowseContext } from "./context.ts";

/** What a brain chose on a page, and why, in the agent's words. */
export interface BrowseChoice {
  /** The item to watch, or null when nothing on the page will do. */
  item: Item | null;
  /** Why the item was chosen (used when `item` is set). */
  why: string;
  /** Why nothing was chosen (used when the agent turns the page). */
  whyNot: string;
}

/**
 * Turns a brain's choice on a page into its decision.
 *
 * @param kind The brain that chose.
 * @param ctx The browse context (its time and page number).
 * @param choice The item chosen, or none, with the reasons.
 * @param maxPages Pages an agent looks at in one session before it leaves.
 * @returns A decision with no LLM calls.
 *
 * @example Watch, turn the page, leave
 * ```ts
 * import assert from "node:assert/strict";
 * import { browseDecision } from "@lib/brain/browse_decision.ts";
 * import type { BrowseContext } from "@lib/brain/context.ts";
 * import type { Item } from "@lib/recsys/item.ts";
 *
 * const ctx = { time: { label: "Monday" }, pageIndex: 0 } as unknown as BrowseContext;
 * const item = { id: "m1", title: "Heat" } as Item;
 * const watch = browseDecision("fitted", ctx, { item, why: "fits", whyNot: "" }, 3);
 * assert.deepEqual(watch.action, { type: "watch", itemId: "m1" });
 * assert.equal(watch.memory?.text, "On Monday I chose to watch <Heat>.");
 * const none = { item: null, why: "", whyNot: "nothing tempts me" };
 * assert.equal(browseDecision("fitted", ctx, none, 3).action.type, "next_page");
 * const last = { ...ctx, pageIndex: 2 } as BrowseContext;
 * assert.equal(browseDecision("fitted", last, none, 3).action.type, "leave");
 * ```
 */
export function browseDecision(
  kind: BrainKind,
  ctx: BrowseContext,
  choice: BrowseChoice,
  maxPages: number,
): Decision {
  const decision: Decision = {
    action: { type: "leave" },
    brain: kind,
    rationale: "",
    memory: null,
    calls: 0,
    tokens: 0,
    failure: null,
    cached: false,
  };
  if (choice.item) {
    decision.action = { type: "watch", itemId: choice.item.id };
    decision.rationale = choice.why;
    decision.memory = {
      text: `On ${ctx.time.label} I chose to watch <${choice.item.title}>.`,
      importance: 5,
    };
  } else if (ctx.pageIndex + 1 < maxPages) {
    decision.action = { type: "next_page" };
    decision.rationale = choice.whyNot;
  } else {
    decision.rationale = "I have seen enough pages.";
  }
  return decision;
}
