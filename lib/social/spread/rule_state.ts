/**
 * The state of a rule population between steps: one typed array per quantity, indexed by
 * agent, so a step over a million agents touches no objects. It also counts the population at
 * a step's end and turns into JSON (a checkpoint) and back.
 *
 * @module
 */
import { DataError } from "@lib/core/errors.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  emptyStepStats,
  type StepStats,
} from "@lib/social/spread/types.ts";

/** Every agent's state, as typed arrays indexed by agent. */
export interface PopulationArrays {
  /** Emotion level (0 calm, 1 moderate, 2 intense). */
  emotion: Uint8Array;
  /** Stance in [-1, 1]. */
  stance: Float32Array;
  /** Scratch for the next step's emotion and stance (updates are synchronous). */
  nextEmotion: Uint8Array;
  nextStance: Float32Array;
  /** Step each agent became aware (−1 never). */
  awareAt: Int32Array;
  /** Step each agent shared (−1 never). */
  sharedAt: Int32Array;
  /** Emotion and stance of each agent's share, as its readers see it. */
  msgEmotion: Uint8Array;
  msgStance: Float32Array;
  /** Reposts of each agent's share so far, and those made this step. */
  reposts: Int32Array;
  newReposts: Int32Array;
  /** The account each share descends from (−1 none), for crediting shares to their source. */
  origin: Int32Array;
  /** Text of each agent's share (sparse; kept only with the log on). */
  texts: string[];
}

/** A population's state between steps, as JSON (typed arrays as number arrays). */
export interface RulePopulationState {
  /** The last completed step. */
  t: number;
  emotion: number[];
  stance: number[];
  awareAt: number[];
  sharedAt: number[];
  msgEmotion: number[];
  msgStance: number[];
  reposts: number[];
  origin: number[];
  /** Text of each agent's share (null when none), kept only with the log on. */
  texts: (string | null)[];
}

/**
 * Allocates the arrays of n agents, nobody aware yet.
 *
 * @param n Agents.
 * @returns Zeroed arrays (−1 for the steps and origins).
 *
 * @example Nobody aware at first
 * ```ts
 * import { populationArrays } from "@lib/social/spread/rule_state.ts";
 * import assert from "node:assert/strict";
 * const a = populationArrays(4);
 * assert.deepEqual([...a.awareAt], [-1, -1, -1, -1]);
 * ```
 */
export function populationArrays(n: number): PopulationArrays {
  return {
    emotion: new Uint8Array(n),
    stance: new Float32Array(n),
    nextEmotion: new Uint8Array(n),
    nextStance: new Float32Array(n),
    awareAt: new Int32Array(n).fill(-1),
    sharedAt: new Int32Array(n).fill(-1),
    msgEmotion: new Uint8Array(n),
    msgStance: new Float32Array(n),
    reposts: new Int32Array(n),
    newReposts: new Int32Array(n),
    origin: new Int32Array(n).fill(-1),
    texts: [],
  };
}

/**
 * Counts a population: who is aware, who shared, and the emotions and attitudes of the aware.
 *
 * @param t The step counted.
 * @param a The arrays.
 * @returns The counts.
 *
 * @example Only the aware are counted
 * ```ts
 * import { countPopulation, populationArrays } from "@lib/social/spread/rule_state.ts";
 * import assert from "node:assert/strict";
 * const a = populationArrays(3);
 * a.awareAt[1] = 0;
 * a.emotion[1] = 2;
 * assert.equal(countPopulation(0, a).aware, 1);
 * assert.equal(countPopulation(0, a).intense, 1);
 * ```
 */
export function countPopulation(t: number, a: PopulationArrays): StepStats {
  const s = emptyStepStats(t);
  let sum = 0;
  for (let i = 0; i < a.awareAt.length; i++) {
    if (a.awareAt[i] < 0) continue;
    s.aware++;
    if (a.sharedAt[i] >= 0) s.shared++;
    s[EMOTION_LEVELS[a.emotion[i]]]++;
    s[attitudeOf(a.stance[i])]++;
    sum += a.stance[i];
  }
  if (s.aware > 0) s.meanStance = sum / s.aware;
  return s;
}

/**
 * The arrays as JSON.
 *
 * @param t The last completed step.
 * @param a The arrays.
 * @param log Whether the texts are kept.
 * @returns A snapshot {@link restoreArrays} takes back.
 *
 * @example A snapshot round-trips through JSON
 * ```ts
 * import { populationArrays, restoreArrays, snapshotArrays } from "@lib/social/spread/rule_state.ts";
 * import assert from "node:assert/strict";
 * const a = populationArrays(2);
 * a.awareAt[0] = 3;
 * a.texts[0] = "news";
 * const b = populationArrays(2);
 * assert.equal(restoreArrays(b, JSON.parse(JSON.stringify(snapshotArrays(5, a, true))), "x"), 5);
 * assert.deepEqual(snapshotArrays(5, b, true), snapshotArrays(5, a, true));
 * ```
 */
export function snapshotArrays(t: number, a: PopulationArrays, log: boolean): RulePopulationState {
  const texts: (string | null)[] = [];
  if (log) { for (let i = 0; i < a.awareAt.length; i++) texts.push(a.texts[i] ?? null); }
  return {
    t,
    emotion: [...a.emotion],
    stance: [...a.stance],
    awareAt: [...a.awareAt],
    sharedAt: [...a.sharedAt],
    msgEmotion: [...a.msgEmotion],
    msgStance: [...a.msgStance],
    reposts: [...a.reposts],
    origin: [...a.origin],
    texts,
  };
}

const SIZED = [
  "emotion",
  "stance",
  "awareAt",
  "sharedAt",
  "msgEmotion",
  "msgStance",
  "reposts",
  "origin",
] as const;

/**
 * Puts a snapshot back into the arrays.
 *
 * @param a The arrays (of the same population).
 * @param state The snapshot.
 * @param source Where it came from, for errors.
 * @returns The snapshot's step.
 * @throws DataError when its sizes do not match the arrays.
 *
 * @example A snapshot of another population is refused
 * ```ts
 * import { populationArrays, restoreArrays, snapshotArrays } from "@lib/social/spread/rule_state.ts";
 * import assert from "node:assert/strict";
 * const small = snapshotArrays(0, populationArrays(2), false);
 * assert.throws(() => restoreArrays(populationArrays(3), small, "cp.json"), /expected 3 values, found 2/);
 * ```
 */
export function restoreArrays(
  a: PopulationArrays,
  state: RulePopulationState,
  source: string,
): number {
  const n = a.awareAt.length;
  for (const key of SIZED) {
    if (!Array.isArray(state[key]) || state[key].length !== n) {
      throw new DataError(
        source,
        0,
        `expected ${n} values, found ${state[key]?.length ?? "none"}`,
        key,
      );
    }
  }
  a.emotion.set(state.emotion);
  a.stance.set(state.stance);
  a.awareAt.set(state.awareAt);
  a.sharedAt.set(state.sharedAt);
  a.msgEmotion.set(state.msgEmotion);
  a.msgStance.set(state.msgStance);
  a.reposts.set(state.reposts);
  a.origin.set(state.origin);
  a.texts = [];
  state.texts.forEach((x, i) => {
    if (x !== null) a.texts[i] = x;
  });
  return state.t;
}
