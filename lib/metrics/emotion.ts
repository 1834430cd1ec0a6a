/**
 * Emotion density: the share of agents (or texts) at each emotion level per time step, the
 * population-level emotion curve S3 compares with real data.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { groupBy, type RowsInput, toRows } from "./rows.ts";

/** S3's three emotion levels. */
export const EMOTION_LEVELS = ["calm", "moderate", "intense"] as const;

/** One of {@link EMOTION_LEVELS}. */
export type EmotionLevel = (typeof EMOTION_LEVELS)[number];

/** An emotion observed at a time (an agent's state, or the level of a text). */
export interface EmotionRow {
  time: number;
  emotion: EmotionLevel;
}

/** Shares of each level at one time. */
export interface EmotionDensityRow {
  time: number;
  n: number;
  calm: number;
  moderate: number;
  intense: number;
}

/**
 * @param input Emotion rows.
 * @returns One row per time, ascending: count and share of each level (shares sum to 1).
 *
 * @example Shares of each emotion level over time
 * ```ts
 * import { emotionDensity } from "@lib/metrics/emotion.ts";
 * import assert from "node:assert/strict";
 * const rows = [
 *   { time: 0, emotion: "calm" as const },
 *   { time: 0, emotion: "intense" as const },
 *   { time: 1, emotion: "moderate" as const },
 * ];
 * assert.deepEqual(emotionDensity(rows), [
 *   { time: 0, n: 2, calm: 0.5, moderate: 0, intense: 0.5 },
 *   { time: 1, n: 1, calm: 0, moderate: 1, intense: 0 },
 * ]);
 * ```
 */
export function emotionDensity(input: RowsInput<EmotionRow>): EmotionDensityRow[] {
  const byTime = groupBy(toRows(input), (r) => r.time);
  return [...byTime.keys()].sort((a, b) => a - b).map((time) => {
    const rows = byTime.get(time)!;
    const counts = { calm: 0, moderate: 0, intense: 0 };
    for (const r of rows) {
      if (!(EMOTION_LEVELS as readonly string[]).includes(r.emotion)) {
        throw new DataError(
          "emotion rows",
          0,
          `unknown emotion "${r.emotion}" at time ${time}, expected ${EMOTION_LEVELS.join("/")}`,
        );
      }
      counts[r.emotion]++;
    }
    const n = rows.length;
    return {
      time,
      n,
      calm: counts.calm / n,
      moderate: counts.moderate / n,
      intense: counts.intense / n,
    };
  });
}
