/**
 * The typed event log. Every observation, decision (with its LLM call accounting) and state
 * change of a run is one JSON line, in simulated time only, so two equal runs give
 * byte-identical files. Metrics and figures are computed from these events.
 *
 * @module
 */
import type { Action } from "../brain/action.ts";
import type { Behaviour } from "../brain/action.ts";
import type { BrainKind } from "../brain/brain.ts";
import { surveyAnswerSchema } from "../brain/survey/survey.ts";
import { z } from "zod";
import type { Attitude, EmotionLevel } from "../social/emotion_attitude.ts";

/** Fields every event has. */
export interface EventBase {
  /** Position in the log (0-based). */
  seq: number;
  /** Round (0-based). */
  round: number;
  /** Simulated ISO time of the round. */
  t: string;
}

/** A round begins; lists who acts. */
export interface RoundStartEvent extends EventBase {
  type: "round_start";
  active: string[];
}

/** A page of items shown to an agent (an observation). */
export interface PageEvent extends EventBase {
  type: "page";
  agent: string;
  /** 0-based page within the session. */
  page: number;
  /** The search query that produced it, or null for recommendations. */
  query: string | null;
  items: string[];
  /** The algorithm that produced it ("mf", "search", …). */
  source: string;
}

/** A decision of an agent's brain, with its accounting. */
export interface DecisionEvent extends EventBase {
  type: "decision";
  agent: string;
  behaviour: Behaviour;
  brain: BrainKind;
  action: Action;
  rationale: string;
  /** Logical LLM calls the decision made (the same when replayed from the cache). */
  calls: number;
  /** Tokens the calls used (as recorded, also when replayed). */
  tokens: number;
  /** Why the brain failed (the action is then the safe fallback), or null. */
  failure: string | null;
}

/** An agent skipped its turn because it is still busy (watching). */
export interface BusyEvent extends EventBase {
  type: "busy";
  agent: string;
}

/** A chat or post reached another agent. */
export interface DeliverEvent extends EventBase {
  type: "deliver";
  from: string;
  to: string;
  kind: "chat" | "post" | "broadcast";
  items: string[];
}

/** The recommender was retrained. */
export interface FitEvent extends EventBase {
  type: "fit";
  algorithm: string;
  interactions: number;
}

/** Something was changed from outside the agents (profile edit, rewiring, injected message). */
export interface InterventionEvent extends EventBase {
  type: "intervention";
  kind: string;
  agent: string | null;
  detail: Record<string, unknown>;
}

/** The fields of a `survey` event beyond {@link EventBase}: the answer and what was asked. */
export const surveyEventSchema = surveyAnswerSchema.extend({
  type: z.literal("survey"),
  agent: z.string(),
  /** "score" (of `item`) or "satisfaction" (with the recommendations shown this round). */
  question: z.enum(["score", "satisfaction"]),
  /** The item scored (null for satisfaction). */
  item: z.string().nullable(),
});

/** An agent answered a 1–10 survey question (a movie's score, satisfaction with pages). */
export type SurveyEvent = EventBase & z.infer<typeof surveyEventSchema>;

/**
 * An agent was asked a question from outside the run (a dashboard interview, or a friend
 * answering a person's chat message): nothing in the world changes, but the brain's answer and
 * its LLM accounting are kept.
 */
export interface InterviewEvent extends EventBase {
  type: "interview";
  agent: string;
  /** The question as put to the brain (its prompt wraps it as data). */
  question: string;
  /** The answer ("" when the brain failed). */
  answer: string;
  brain: BrainKind;
  calls: number;
  tokens: number;
  failure: string | null;
}

/** An event first posted on the social network by one of its first accounts. */
export interface SeedPostEvent extends EventBase {
  type: "seed";
  agent: string;
  text: string;
  emotion: EmotionLevel;
  attitude: Attitude;
}

/** An agent learnt of the event from a post in its feed. */
export interface AwareEvent extends EventBase {
  type: "aware";
  agent: string;
  /** The account whose post it saw first. */
  from: string;
}

/** An agent passed the event on: a repost of a post in its feed, or a post of its own. */
export interface ShareEvent extends EventBase {
  type: "share";
  agent: string;
  kind: "repost" | "post";
  /** The account it is credited to (the friend it came from, or the source). */
  parent: string;
  text: string;
  emotion: EmotionLevel;
  attitude: Attitude;
}

/** An agent's emotion about the event changed level. */
export interface EmotionEvent extends EventBase {
  type: "emotion";
  agent: string;
  emotion: EmotionLevel;
}

/** An agent's attitude towards the event changed sign. */
export interface AttitudeEvent extends EventBase {
  type: "attitude";
  agent: string;
  attitude: Attitude;
  stance: number;
}

/** A round ended. */
export interface RoundEndEvent extends EventBase {
  type: "round_end";
  decisions: number;
  calls: number;
  tokens: number;
  failures: number;
}

/** Any event. */
export type SimEvent =
  | RoundStartEvent
  | PageEvent
  | DecisionEvent
  | BusyEvent
  | DeliverEvent
  | FitEvent
  | InterventionEvent
  | SurveyEvent
  | InterviewEvent
  | SeedPostEvent
  | AwareEvent
  | ShareEvent
  | EmotionEvent
  | AttitudeEvent
  | RoundEndEvent;

/** An event before the log numbers it. */
export type EventDraft = SimEvent extends infer E ? E extends SimEvent ? Omit<E, "seq"> : never
  : never;

/**
 * Serialises an event with its keys in a fixed order (seq, round, t, type, then the rest as
 * built), so equal events give equal bytes.
 *
 * @param event The event.
 * @returns One JSON line without the newline.
 *
 * @example Keys in a fixed order
 * ```ts
 * import { eventLine } from "@lib/sim/events.ts";
 * import assert from "node:assert/strict";
 * const line = eventLine({ type: "busy", agent: "a1", round: 2, t: "2026-01-01T10:00:00.000Z", seq: 5 });
 * assert.equal(line, '{"seq":5,"round":2,"t":"2026-01-01T10:00:00.000Z","type":"busy","agent":"a1"}');
 * ```
 */
export function eventLine(event: SimEvent): string {
  const { seq, round, t, type, ...rest } = event;
  return JSON.stringify({ seq, round, t, type, ...rest });
}
