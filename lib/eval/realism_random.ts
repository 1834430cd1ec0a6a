/**
 * The floor of the realism table: a brain that browses and rates at random (a uniformly drawn
 * page item, or the next page, or leaving, each equally likely; stars uniform on 1–5). Every
 * other behaviour goes to the rule brain. A simulated population should be closer to the real
 * one than this.
 *
 * @module
 */
import type { Brain, Decision } from "../brain/brain.ts";
import type { DecisionContext } from "../brain/context.ts";
import { RuleBrain } from "../brain/rule/rule_brain.ts";

const base = { rationale: "", memory: null, calls: 0, tokens: 0, failure: null, cached: false };

/**
 * Random behaviour.
 *
 * @example Stars are uniform on 1–5
 * ```ts
 * import { RandomBrain } from "@lib/eval/realism_random.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const item = { id: "i", title: "I", genres: [], year: null, description: "", popularity: 0, quality: 0 };
 * const seen = new Set<number>();
 * for (let i = 0; i < 50; i++) {
 *   const d = await new RandomBrain().decide({ behaviour: "feel", rng: new Rng(i), item: { item, friendsWatched: 0, mentions: 0, avgRating: null } } as never);
 *   if (d.action.type === "feel") seen.add(d.action.rating);
 * }
 * assert.equal(seen.size, 5);
 * ```
 */
export class RandomBrain implements Brain {
  readonly kind = "random" as const;
  readonly name = "random behaviour (floor; other behaviours: rule)";
  readonly #rule = new RuleBrain();

  /**
   * @param ctx The context.
   * @returns A random browse or rating decision, or the rule brain's for other behaviours.
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    if (ctx.behaviour === "feel") {
      const rating = 1 + ctx.rng.int(5);
      return Promise.resolve({
        ...base,
        brain: this.kind,
        action: { type: "feel", itemId: ctx.item.item.id, rating, feeling: "" },
      });
    }
    if (ctx.behaviour === "browse") {
      const open = ctx.page.filter((s) => !ctx.state.watched.includes(s.item.id));
      const k = ctx.rng.int(3);
      const action: Decision["action"] = k === 0 && open.length
        ? { type: "watch", itemId: ctx.rng.pick(open).item.id }
        : k === 1
        ? { type: "next_page" }
        : { type: "leave" };
      return Promise.resolve({ ...base, brain: this.kind, action });
    }
    return this.#rule.decide(ctx);
  }
}
