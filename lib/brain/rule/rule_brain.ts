/**
 * The rule brain: a RecSim-style choice model (interest match, quality, conformity-weighted
 * social signals, novelty; multinomial logit with no-choice options; ratings from utility plus
 * noise). It is the offline default and the paper's "RecSim" baseline, and is named as such
 * in every manifest.
 *
 * @module
 */
import type { Brain, Decision } from "../brain.ts";
import type { DecisionContext } from "../context.ts";
import { ExplainLog, type Explanation } from "../explain.ts";
import { type RuleConfig, type RuleConfigInput, ruleConfigSchema } from "./config.ts";
import {
  browseRule,
  chooseRule,
  feelRule,
  interviewRule,
  type RuleOutcome,
  socialRule,
} from "./decisions.ts";
import type { ItemLookup } from "./taste.ts";

/** The rule brain's name in manifests and figures. */
export const RULE_BRAIN_NAME = "rule (RecSim-style choice model)";

/** Options of {@link RuleBrain}. */
export interface RuleBrainOptions {
  /** Weights (any subset; the rest take their defaults). */
  config?: RuleConfigInput;
  /** Finds items by id: genre history for novelty, titles for searching heard-of items. */
  items?: ItemLookup;
}

/**
 * RecSim-style choice model brain. Deterministic given the context's rng; costs no LLM calls.
 *
 * @example A sci-fi fan on a page of one sci-fi film and one comedy mostly picks the sci-fi
 * ```ts
 * import { RuleBrain } from "@lib/brain/rule/rule_brain.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const brain = new RuleBrain();
 * const mk = (id: string, g: string) => ({ item: { id, title: id, genres: [g], year: null, description: "", popularity: 1, quality: 0.7 },
 *   friendsWatched: 0, mentions: 0, avgRating: null });
 * let scifi = 0;
 * for (let i = 0; i < 50; i++) {
 *   const d = await brain.decide({ behaviour: "browse", agentId: "a", callSite: `${i}`, memories: [], rng: new Rng(i),
 *     time: { round: i, iso: "", label: "" },
 *     profile: { id: "a", name: "A", gender: "f", age: 30, traits: [], career: "", interests: ["sci-fi movies"], features: [], extras: {} },
 *     state: { genreWeights: { "Sci-Fi": 1 }, watched: [], ratings: {}, heardOf: {}, conformity: 0.5, busyRounds: 0 },
 *     page: [mk("s", "Sci-Fi"), mk("c", "Comedy")], pageIndex: 0, query: null, watchedThisSession: [] });
 *   if (d.action.type === "watch" && d.action.itemId === "s") scifi++;
 * }
 * assert.ok(scifi > 25);
 * ```
 */
export class RuleBrain implements Brain {
  readonly kind = "rule" as const;
  readonly name: string = RULE_BRAIN_NAME;
  /** The weights in use (all set). */
  readonly config: RuleConfig;
  readonly #items?: ItemLookup;
  readonly #log: ExplainLog;

  /** @param options Weights and an optional item lookup. */
  constructor(options: RuleBrainOptions = {}) {
    this.config = ruleConfigSchema.parse(options.config ?? {});
    this.#items = options.items;
    this.#log = new ExplainLog(this.config.explainCapacity);
  }

  /**
   * Decides synchronously (the rule brain never waits).
   *
   * @param ctx The context.
   * @returns The decision (no calls, no tokens).
   */
  decideNow(ctx: DecisionContext): Decision {
    const out = this.#outcome(ctx);
    this.#log.note(ctx, this, {
      messages: null,
      raw: null,
      scores: out.scores,
      action: out.action,
      failure: null,
    });
    return {
      action: out.action,
      brain: this.kind,
      rationale: out.rationale,
      memory: out.memory,
      calls: 0,
      tokens: 0,
      failure: null,
      cached: false,
    };
  }

  /**
   * @param ctx The context.
   * @returns The decision.
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    return Promise.resolve(this.decideNow(ctx));
  }

  /**
   * @param callSite A decision's call site.
   * @returns Its option probabilities and action, or null.
   */
  explain(callSite: string): Explanation | null {
    return this.#log.get(callSite);
  }

  /**
   * @param agentId An agent.
   * @returns Its latest explanation, or null.
   */
  explainLast(agentId: string): Explanation | null {
    return this.#log.last(agentId);
  }

  #outcome(ctx: DecisionContext): RuleOutcome {
    switch (ctx.behaviour) {
      case "choose":
        return chooseRule(ctx, this.config);
      case "browse":
        return browseRule(ctx, this.config, this.#items);
      case "feel":
        return feelRule(ctx, this.config);
      case "social":
        return socialRule(ctx, this.config, this.#items);
      case "interview":
        return interviewRule(ctx, this.#items);
    }
  }
}
