/**
 * Population-level measures of an S3 run, read from its event log and step counts: who knew
 * when, the spreading tree, emotion density (from agents' states and from their texts) and
 * attitude shares. The curves themselves come from lib/metrics.
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { EmotionLevel, EmotionRow } from "@lib/metrics/emotion.ts";
import { lexiconEmotion } from "@lib/social/spread/texts.ts";
import type { S3LogEvent, StepStats } from "@lib/social/spread/types.ts";

/**
 * @param events A run's log.
 * @returns One row per agent that learnt of the event (seed posters included), for
 *   lib/metrics `awareCurve`.
 *
 * @example
 * ```ts
 * import { awareRows } from "@lib/eval/spread_measures.ts";
 * import { awareCurve } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * const log = [
 *   { t: 0, type: "seed" as const, agent: "a", text: "x", emotion: "calm" as const, attitude: "positive" as const },
 *   { t: 2, type: "aware" as const, agent: "b", from: "a" },
 * ];
 * assert.deepEqual(awareCurve(awareRows(log), [0, 1, 2]).map((r) => r.aware), [1, 1, 2]);
 * ```
 */
export function awareRows(events: readonly S3LogEvent[]): { time: number; agentId: string }[] {
  const out: { time: number; agentId: string }[] = [];
  for (const e of events) {
    if (e.type === "seed" || e.type === "aware") out.push({ time: e.t, agentId: e.agent });
  }
  return out;
}

/**
 * @param events A run's log.
 * @returns The spreading tree: seed posts (null parent) and every share with its parent, for
 *   lib/metrics `cascadeOverTime`.
 */
export function cascadeFromLog(events: readonly S3LogEvent[]): CascadeEdge[] {
  const out: CascadeEdge[] = [];
  for (const e of events) {
    if (e.type === "seed") out.push({ parent: null, child: e.agent, time: e.t });
    else if (e.type === "share") out.push({ parent: e.parent, child: e.agent, time: e.t });
  }
  return out;
}

/**
 * Emotion levels read from the texts agents wrote (seed posts and new posts; reposts copy
 * someone else's words and are skipped), for lib/metrics `emotionDensity`.
 *
 * @param events A run's log.
 * @param extract Text → level (default {@link lexiconEmotion}; an LLM classifier also fits).
 * @returns One row per written text.
 */
export function textEmotionRows(
  events: readonly S3LogEvent[],
  extract: (text: string) => EmotionLevel = lexiconEmotion,
): EmotionRow[] {
  const out: EmotionRow[] = [];
  for (const e of events) {
    if (e.type === "seed" || (e.type === "share" && e.kind === "post")) {
      out.push({ time: e.t, emotion: extract(e.text) });
    }
  }
  return out;
}

/** Shares of aware agents at each emotion level and attitude at one step. */
export interface StateShares {
  t: number;
  aware: number;
  calm: number;
  moderate: number;
  intense: number;
  negative: number;
  positive: number;
}

/**
 * Emotion density and attitude shares among aware agents, from a run's step counts.
 *
 * @param stats Step counts.
 * @returns One row per step (shares are 0 before anyone is aware).
 *
 * @example
 * ```ts
 * import { stateShares } from "@lib/eval/spread_measures.ts";
 * import assert from "node:assert/strict";
 * const s = { t: 1, aware: 4, shared: 1, calm: 1, moderate: 1, intense: 2, negative: 1, positive: 3, meanStance: 0.2 };
 * assert.deepEqual(stateShares([s]), [{ t: 1, aware: 4, calm: 0.25, moderate: 0.25, intense: 0.5, negative: 0.25, positive: 0.75 }]);
 * ```
 */
export function stateShares(stats: readonly StepStats[]): StateShares[] {
  return stats.map((s) => {
    const d = s.aware || 1;
    return {
      t: s.t,
      aware: s.aware,
      calm: s.calm / d,
      moderate: s.moderate / d,
      intense: s.intense / d,
      negative: s.negative / d,
      positive: s.positive / d,
    };
  });
}
