/**
 * Which brain decides for which agent. Populations can mix brains, and an agent's brain can
 * be swapped at any time (an intervention): the engine asks the registry at every decision.
 *
 * @module
 */
import type { Brain, Decision } from "./brain.ts";
import type { DecisionContext } from "./context.ts";
import type { Explanation } from "./explain.ts";

/**
 * Brains by agent, with a default for everyone else.
 *
 * @example Swapping one agent's brain
 * ```ts
 * import { BrainRegistry } from "@lib/brain/registry.ts";
 * import { RuleBrain } from "@lib/brain/rule/rule_brain.ts";
 * import { HumanSeat } from "@lib/brain/human.ts";
 * import assert from "node:assert/strict";
 * const registry = new BrainRegistry(new RuleBrain());
 * const seat = new HumanSeat();
 * registry.set("a7", seat.brain);
 * assert.equal(registry.brainFor("a7").kind, "human");
 * assert.equal(registry.brainFor("a8").kind, "rule");
 * registry.unset("a7");
 * assert.equal(registry.brainFor("a7").kind, "rule");
 * ```
 */
export class BrainRegistry {
  #default: Brain;
  readonly #byAgent = new Map<string, Brain>();

  /** @param defaultBrain The brain of every agent not set otherwise. */
  constructor(defaultBrain: Brain) {
    this.#default = defaultBrain;
  }

  /**
   * Gives an agent its own brain (from its next decision on).
   *
   * @param agentId The agent.
   * @param brain The brain.
   */
  set(agentId: string, brain: Brain): void {
    this.#byAgent.set(agentId, brain);
  }

  /**
   * Returns an agent to the default brain.
   *
   * @param agentId The agent.
   */
  unset(agentId: string): void {
    this.#byAgent.delete(agentId);
  }

  /**
   * Replaces the default brain.
   *
   * @param brain The new default.
   */
  setDefault(brain: Brain): void {
    this.#default = brain;
  }

  /**
   * @param agentId The agent.
   * @returns The brain that decides for it now.
   */
  brainFor(agentId: string): Brain {
    return this.#byAgent.get(agentId) ?? this.#default;
  }

  /**
   * Decides with the agent's current brain.
   *
   * @param ctx The context.
   * @returns The decision.
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    return this.brainFor(ctx.agentId).decide(ctx);
  }

  /** @returns Every distinct brain in use, the default first. */
  brains(): Brain[] {
    return [...new Set([this.#default, ...this.#byAgent.values()])];
  }

  /** @returns The name of each agent's own brain (agents on the default are left out). */
  assignments(): Record<string, string> {
    return Object.fromEntries([...this.#byAgent].map(([id, b]) => [id, b.name]));
  }

  /**
   * @param agentId The agent.
   * @returns Its latest explanation, from its current brain or, after a swap, an earlier one.
   */
  explainLast(agentId: string): Explanation | null {
    const first = this.brainFor(agentId);
    for (const b of [first, ...this.brains().filter((b) => b !== first)]) {
      const e = b.explainLast?.(agentId);
      if (e) return e;
    }
    return null;
  }

  /**
   * @param callSite A decision's call site.
   * @returns Its explanation from whichever brain kept it, or null.
   */
  explain(callSite: string): Explanation | null {
    for (const b of this.brains()) {
      const e = b.explain?.(callSite);
      if (e) return e;
    }
    return null;
  }
}
