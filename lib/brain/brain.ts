/**
 * The Brain interface: `decide(context) → Decision`. LLM, rule, embedding and human brains all
 * implement it, so populations can mix brains and a brain can be swapped mid-run.
 *
 * @module
 */
import type { Action } from "./action.ts";
import type { DecisionContext } from "./context.ts";
import type { Explanation } from "./explain.ts";

/** Every kind of brain, in one list, so schemas and the type cannot drift apart. */
export const BRAIN_KINDS = ["llm", "rule", "fitted", "embedding", "human", "random"] as const;

/** What kind of brain decided (recorded with every decision; never disguised). */
export type BrainKind = typeof BRAIN_KINDS[number];

/** A decision: the action plus what is needed to explain, store and account for it. */
export interface Decision {
  /** The action taken (always valid for the behaviour; failures fall back to a safe action). */
  action: Action;
  /** Which kind of brain decided. */
  brain: BrainKind;
  /** A short first-person reason or feeling. */
  rationale: string;
  /** What to remember of this decision and how important it is (1–10), riding along. */
  memory: { text: string; importance: number } | null;
  /** LLM calls spent. */
  calls: number;
  /** Prompt + completion tokens spent. */
  tokens: number;
  /** Set when the brain failed and the action is the fallback; says why. */
  failure: string | null;
  /** Served from the LLM cache. */
  cached: boolean;
  /**
   * How reading the social feed moved the agent's emotion and its stance per event; the
   * engine writes it into the agent's state (absent: unchanged).
   */
  mood?: Mood;
}

/** Emotion (index into calm, moderate, intense) and stance per event after a feed decision. */
export interface Mood {
  emotion: number;
  stances: Record<string, number>;
}

/** Anything that decides for an agent. */
export interface Brain {
  /** What kind of brain this is. */
  readonly kind: BrainKind;
  /** A descriptive name for manifests ("rule (RecSim-style choice model)", "llm:gpt-4o-mini"). */
  readonly name: string;
  /**
   * Decides what the agent does. Never throws: failures come back as a fallback action with
   * `failure` set.
   *
   * @param context What the agent sees.
   * @returns The decision.
   */
  decide(context: DecisionContext): Promise<Decision>;
  /**
   * The same decision without waiting, for brains that never wait (the rule brain): the engine
   * then runs the agent's turn without a promise per decision.
   *
   * @param context What the agent sees.
   * @returns The decision `decide` would resolve to.
   */
  decideNow?(context: DecisionContext): Decision;
  /**
   * The explanation of a decision (prompt, memories, raw reply or option scores), when the
   * brain keeps them.
   *
   * @param callSite The decision context's `callSite`.
   * @returns The explanation, or null when not kept.
   */
  explain?(callSite: string): Explanation | null;
  /**
   * The latest explanation kept for an agent.
   *
   * @param agentId The agent.
   * @returns The explanation, or null.
   */
  explainLast?(agentId: string): Explanation | null;
}

/**
 * The safe action for a behaviour, used when a brain fails or times out.
 *
 * @param context The context that was asked.
 * @returns An action that does no harm.
 *
 * @example Browsing falls back to leaving
 * ```ts
 * import { fallbackAction } from "@lib/brain/brain.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(fallbackAction({ behaviour: "browse" } as never), { type: "leave" });
 * ```
 */
export function fallbackAction(context: DecisionContext): Action {
  switch (context.behaviour) {
    case "choose":
      return { type: "choose", activity: "nothing" };
    case "browse":
      return { type: "leave" };
    case "feel":
      return {
        type: "feel",
        itemId: context.item.item.id,
        rating: 3,
        feeling: "No strong feeling.",
      };
    case "social":
      return { type: "nothing" };
    case "interview":
      return { type: "answer", text: "I would rather not say." };
  }
}
