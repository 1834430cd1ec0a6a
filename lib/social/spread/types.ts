/**
 * What the S3 world is made of: emotion levels, attitudes, the seed event, and the typed
 * events of a run's log. The zod schemas are the source of truth; the log is JSON lines with
 * simulated time (steps) only.
 *
 * @module
 */
import { z } from "zod";
import {
  type Attitude,
  attitudeOf,
  ATTITUDES,
  EMOTION_LEVELS,
  type EmotionLevel,
} from "@lib/social/emotion_attitude.ts";

export { type Attitude, attitudeOf, ATTITUDES, EMOTION_LEVELS, type EmotionLevel };

/** Behaviours an agent can choose in a step. */
export const BEHAVIOURS = ["repost", "post", "nothing"] as const;

/** One of {@link BEHAVIOURS}. */
export type S3Behaviour = (typeof BEHAVIOURS)[number];

/** The event injected at the start of a run. */
export const SeedEventSchema = z.object({
  /** What happened, as the first posts word it. */
  text: z.string().min(1),
  /** Agents that post it first. */
  posters: z.array(z.string().min(1)).min(1),
  /** Step at which it is posted. */
  time: z.number().int().min(0).default(0),
  /** Emotion level of the first posts: 0 calm, 1 moderate, 2 intense (the event's arousal). */
  arousal: z.number().int().min(0).max(2).default(2),
  /** Stance of the first posts in [-1, 1]. */
  stance: z.number().min(-1).max(1).default(0.6),
});

/** A seed event as written by a caller. */
export type SeedEventInput = z.input<typeof SeedEventSchema>;
/** A validated seed event. */
export type SeedEvent = z.infer<typeof SeedEventSchema>;

/** The typed events of an S3 run, appended in a fixed order within each step. */
export type S3LogEvent =
  | {
    t: number;
    type: "seed";
    agent: string;
    text: string;
    emotion: EmotionLevel;
    attitude: Attitude;
  }
  | { t: number; type: "aware"; agent: string; from: string }
  | {
    t: number;
    type: "share";
    agent: string;
    kind: "repost" | "post";
    parent: string;
    text: string;
    emotion: EmotionLevel;
    attitude: Attitude;
  }
  | { t: number; type: "emotion"; agent: string; emotion: EmotionLevel }
  | { t: number; type: "attitude"; agent: string; attitude: Attitude; stance: number }
  | { t: number; type: "failed"; agent: string; error: string };

/** Population counts at the end of one step. */
export interface StepStats {
  /** Step. */
  t: number;
  /** Agents aware of the event. */
  aware: number;
  /** Agents that have shared (posted or reposted) it. */
  shared: number;
  /** Aware agents at each emotion level. */
  calm: number;
  moderate: number;
  intense: number;
  /** Aware agents with each attitude. */
  negative: number;
  positive: number;
  /** Mean stance of aware agents (NaN when none). */
  meanStance: number;
}

/**
 * Counters of a step before any agent is counted.
 *
 * @param t The step.
 * @returns Zero counts and a NaN mean stance.
 */
export function emptyStepStats(t: number): StepStats {
  return {
    t,
    aware: 0,
    shared: 0,
    calm: 0,
    moderate: 0,
    intense: 0,
    negative: 0,
    positive: 0,
    meanStance: NaN,
  };
}

/**
 * Serialises events as JSON lines (keys in construction order, so equal runs give equal bytes).
 *
 * @param events The log.
 * @returns One JSON object per line, newline-terminated.
 *
 * @example
 * ```ts
 * import { toJsonl } from "@lib/social/spread/types.ts";
 * import assert from "node:assert/strict";
 * assert.equal(toJsonl([{ t: 0, type: "aware", agent: "a", from: "b" }]), '{"t":0,"type":"aware","agent":"a","from":"b"}\n');
 * ```
 */
export function toJsonl(events: readonly S3LogEvent[]): string {
  let s = "";
  for (const e of events) s += JSON.stringify(e) + "\n";
  return s;
}
