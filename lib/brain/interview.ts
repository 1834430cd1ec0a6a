/**
 * Interviews: ask an agent a question, whatever its brain. The LLM brain answers from a
 * prompt with its profile, memories and recent items; the rule brain answers with a
 * structured summary of its profile, recent ratings and current top interests.
 *
 * @module
 */
import type { Brain, Decision } from "./brain.ts";
import type { InterviewContext } from "./context.ts";

/** An interview answer with the decision behind it. */
export interface InterviewAnswer {
  /** The answer text. */
  answer: string;
  /** The full decision (brain kind, failure, tokens, memory). */
  decision: Decision;
}

/**
 * Asks an agent's brain a question. The question is data: prompts wrap it as such.
 *
 * @param brain The agent's brain.
 * @param ctx The interview context (question, recent items, memories).
 * @returns The answer and the decision.
 *
 * @example The rule brain answers with a summary
 * ```ts
 * import { interview } from "@lib/brain/interview.ts";
 * import { RuleBrain } from "@lib/brain/rule/rule_brain.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const { answer } = await interview(new RuleBrain(), {
 *   behaviour: "interview", agentId: "a", callSite: "q", memories: [], rng: new Rng(1), question: "What do you like?",
 *   time: { round: 0, iso: "", label: "Monday" }, recent: [],
 *   profile: { id: "a", name: "Ann", gender: "f", age: 30, traits: [], career: "nurse", interests: ["sci-fi movies"], features: [], extras: {} },
 *   state: { genreWeights: { "Sci-Fi": 3, Drama: 1 }, watched: [], ratings: {}, heardOf: {}, conformity: 0.5, busyRounds: 0 } });
 * assert.match(answer, /I am Ann, 30, nurse\./);
 * assert.match(answer, /Sci-Fi 75%, Drama 25%/);
 * ```
 */
export async function interview(brain: Brain, ctx: InterviewContext): Promise<InterviewAnswer> {
  const decision = await brain.decide(ctx);
  const answer = decision.action.type === "answer" ? decision.action.text : "";
  return { answer, decision };
}
