/**
 * Surveys: a 1–10 answer an agent gives when asked, outside its turn — "how would you score
 * this movie now?" (conformity studies) or "how satisfied are you with the recommendations you
 * were shown?" (recommendation quality). A surveyor answers from the agent's taste, what it
 * was shown and the opinions it has heard; rule and LLM surveyors share these types.
 *
 * @module
 */
import { z } from "zod";
import type { Rng } from "../../core/rng.ts";
import type { Item } from "../../recsys/item.ts";
import type { Profile } from "../../profile/schema.ts";
import { BRAIN_KINDS, type BrainKind } from "../brain.ts";
import type { AgentState, SeenItem, SimTime } from "../context.ts";

/** An opinion the agent heard about the surveyed item (a chat or a post that named it). */
export interface HeardOpinion {
  /** Who said it. */
  fromId: string;
  fromName: string;
  /** The words, as received. */
  text: string;
  /** The score the words state, on the 1–10 scale (null when they state none). */
  score: number | null;
  /** Round it was heard. */
  round: number;
  /** Closeness of the tie it came through (0–1; absent: a stranger's post, weight 1). */
  closeness?: number;
}

/** Score one item 1–10. */
export interface ScoreQuestion {
  kind: "score";
  /** The item. */
  item: Item;
}

/** Rate satisfaction 1–10 with the recommendations shown this round. */
export interface SatisfactionQuestion {
  kind: "satisfaction";
  /** The recommended items shown this round, with their social signals. */
  shown: SeenItem[];
  /** Ids of the shown items the agent watched. */
  watched: string[];
}

/** A survey question. */
export type SurveyQuestion = ScoreQuestion | SatisfactionQuestion;

/** What a surveyor sees. */
export interface SurveyContext {
  agentId: string;
  profile: Profile;
  state: AgentState;
  time: SimTime;
  /** Memories retrieved for the question (most relevant first). */
  memories: string[];
  /** Opinions heard about the item so far, latest per speaker (score questions). */
  heard: HeardOpinion[];
  question: SurveyQuestion;
  /** Generator for this answer (forked per agent and round). */
  rng: Rng;
  /** Call-site seed for the LLM cache key. */
  callSite: string;
}

/** The reply every surveyor gives (and the LLM's structured reply schema). */
export const surveyReplySchema = z.object({
  /** 1–10. */
  score: z.number().int().min(1).max(10),
  /** A short first-person reason. */
  reason: z.string(),
});

/**
 * A survey answer with its accounting: the reply plus who answered and what it cost. The
 * `survey` event of a run's log is built from this schema.
 */
export const surveyAnswerSchema = surveyReplySchema.extend({
  brain: z.enum(BRAIN_KINDS) satisfies z.ZodType<BrainKind>,
  /** Logical LLM calls made for the answer. */
  calls: z.number().int().min(0),
  tokens: z.number().int().min(0),
  /** Why the surveyor failed (the score is then the fallback), or null. */
  failure: z.string().nullable(),
});

/** A survey answer with its accounting. */
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;

/** Anything that answers surveys. */
export interface Surveyor {
  readonly kind: BrainKind;
  readonly name: string;
  /**
   * Answers a survey question. Never throws: failures come back with `failure` set.
   *
   * @param ctx What the agent sees.
   * @returns The answer.
   */
  answer(ctx: SurveyContext): Promise<SurveyAnswer>;
}

/**
 * The 1–10 score a message states: "7/10" as is, "4/5" doubled; the last one stated wins.
 *
 * @param text A chat or post.
 * @returns The score on the 1–10 scale, or null when the text states none.
 *
 * @example Scores out of 5 and out of 10
 * ```ts
 * import { statedScore } from "@lib/brain/survey/survey.ts";
 * import assert from "node:assert/strict";
 * assert.equal(statedScore("I gave it 4/5, you should watch it"), 8);
 * assert.equal(statedScore("Now I'd say 6/10."), 6);
 * assert.equal(statedScore("Loved it!"), null);
 * ```
 */
export function statedScore(text: string): number | null {
  const found = [...text.matchAll(/\b(10|[1-9])\s*\/\s*(10|5)\b/g)];
  const last = found.at(-1);
  if (!last) return null;
  const value = Number(last[1]);
  const scale = Number(last[2]);
  if (value > scale) return null;
  return scale === 5 ? value * 2 : value;
}

/**
 * The fallback answer when a surveyor fails: the agent's previous score of the item, else 5.
 *
 * @param ctx The context.
 * @param brain Who failed.
 * @param why Why.
 * @returns A neutral answer with `failure` set.
 */
export function fallbackAnswer(ctx: SurveyContext, brain: BrainKind, why: string): SurveyAnswer {
  const previous = ctx.question.kind === "score"
    ? ctx.state.opinions?.[ctx.question.item.id]
    : undefined;
  return {
    score: previous ?? 5,
    reason: "No answer.",
    brain,
    calls: 0,
    tokens: 0,
    failure: why,
  };
}
