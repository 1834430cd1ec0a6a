/**
 * The emotion and attitude an agent holds about an event on the social network (S3): an
 * emotion level (calm, moderate, intense) and a stance in [-1, 1] whose sign is the attitude.
 * Any agent can hold them, whatever brain decides for it.
 *
 * @module
 */
import { EMOTION_LEVELS, type EmotionLevel } from "@lib/metrics/emotion.ts";

export { EMOTION_LEVELS, type EmotionLevel };

/** S3's two attitudes towards an event. */
export const ATTITUDES = ["negative", "positive"] as const;

/** One of {@link ATTITUDES}. */
export type Attitude = (typeof ATTITUDES)[number];

/**
 * @param stance A stance in [-1, 1].
 * @returns "positive" for stance ≥ 0, else "negative".
 *
 * @example
 * ```ts
 * import { attitudeOf } from "@lib/social/emotion_attitude.ts";
 * import assert from "node:assert/strict";
 * assert.equal(attitudeOf(0), "positive");
 * assert.equal(attitudeOf(-0.2), "negative");
 * ```
 */
export function attitudeOf(stance: number): Attitude {
  return stance >= 0 ? "positive" : "negative";
}
