/**
 * One synchronous step of the rule dynamics over typed arrays: each agent present ranks what
 * the accounts it reads shared (a top-K insertion over its inbox, no allocation per agent),
 * may pass the best-ranked message its coin accepts on, and updates its emotion and stance from
 * the shown messages. Every agent reacts to the state at the end of the previous step; shares
 * made now reach feeds at the next step. Draws are keyed by (seed, step, agent), so the order
 * agents are processed in never matters.
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { InboxCsr } from "@lib/social/spread/csr.ts";
import {
  boundedConfidence,
  emotionStep,
  shareProbability,
  withinConfidence,
} from "@lib/social/spread/dynamics.ts";
import { feedScore, type RankInput } from "@lib/social/feed_rank.ts";
import type { RuleParams } from "@lib/social/spread/params.ts";
import { countPopulation, type PopulationArrays } from "@lib/social/spread/rule_state.ts";
import type { StepStream } from "@lib/social/spread/stream.ts";
import { ruleText } from "@lib/social/spread/texts.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  type S3LogEvent,
  type SeedEvent,
  type StepStats,
} from "@lib/social/spread/types.ts";

/** What one step produced. */
export interface RuleStep {
  /** The step. */
  t: number;
  /** Its events (empty when the log is off). */
  events: S3LogEvent[];
  /** Its new spreading edges. */
  cascade: CascadeEdge[];
  /** Counts at its end. */
  stats: StepStats;
}

/** What a step reads but never changes. */
export interface StepInputs {
  ids: readonly string[];
  params: RuleParams;
  event: SeedEvent;
  csr: InboxCsr;
  stream: StepStream;
  log: boolean;
  relevance: Float32Array;
  authenticity: Float32Array;
  interests?: { dim: number; vectors: Float32Array };
}

/**
 * Runs step t. Swaps the emotion and stance arrays with their scratch copies, so callers must
 * read `a.emotion` and `a.stance` afresh afterwards.
 *
 * @param inputs The population's fixed inputs.
 * @param a Its arrays (updated in place).
 * @param t The step to run.
 * @param absent Agents (1 = away) that do not open their feed this step.
 * @returns Its events, new edges and counts.
 *
 * @example A reader of the seed poster learns of the event the step after it
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { ruleParams } from "@lib/social/spread/params.ts";
 * import { populationArrays } from "@lib/social/spread/rule_state.ts";
 * import { ruleStep } from "@lib/social/spread/rule_step.ts";
 * import { parseSeedEvent } from "@lib/social/spread/seed_event.ts";
 * import { StepStream } from "@lib/social/spread/stream.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b"]);
 * g.addEdge("a", "b");
 * const a = populationArrays(2);
 * a.awareAt[0] = a.sharedAt[0] = 0;
 * const inputs = { ids: ["a", "b"], params: ruleParams(), event: parseSeedEvent({ text: "x", posters: ["a"] }),
 *   csr: inboxCsr(g), stream: new StepStream(1), log: true,
 *   relevance: new Float32Array(2).fill(1), authenticity: new Float32Array(2).fill(1) };
 * const step = ruleStep(inputs, a, 1);
 * assert.deepEqual(step.events[0], { t: 1, type: "aware", agent: "b", from: "a" });
 * ```
 */
export function ruleStep(
  inputs: StepInputs,
  a: PopulationArrays,
  t: number,
  absent?: Uint8Array,
): RuleStep {
  const { ids, params, log, stream, relevance, authenticity, interests } = inputs;
  const { offsets, sources } = inputs.csr;
  const n = ids.length;
  const { emotion, stance, nextEmotion, nextStance, awareAt, sharedAt } = a;
  const { msgEmotion, msgStance, reposts, newReposts, origin, texts } = a;
  const t0 = inputs.event.time;
  const events: S3LogEvent[] = [];
  const cascade: CascadeEdge[] = [];
  const K = params.feedSize;
  const topJ = new Int32Array(K), topS = new Float64Array(K), topT = new Int32Array(K);
  const feature: RankInput = {
    time: 0,
    reposts: 0,
    authenticity: 1,
    relevance: 1,
    similarity: 0,
  };
  const settings = { feedDecay: params.feedDecay, stepMinutes: params.stepMinutes };
  nextEmotion.set(emotion);
  nextStance.set(stance);
  for (let i = 0; i < n; i++) {
    if (absent !== undefined && absent[i] === 1) continue;
    let count = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = sources[k], s = sharedAt[j];
      if (s < 0 || s >= t || t - s > params.feedWindow) continue;
      feature.time = s;
      feature.reposts = reposts[j];
      feature.authenticity = authenticity[j];
      feature.relevance = relevance[i];
      feature.similarity = interests ? dot(interests, i, j) : relevance[i];
      const score = feedScore(params.ranker, feature, t, settings);
      // Insert into the top-K (score desc, then newer, then lower index: sources ascend).
      let p = count < K ? count++ : K;
      while (p > 0 && (topS[p - 1] < score || (topS[p - 1] === score && topT[p - 1] < s))) {
        if (p < K) {
          topS[p] = topS[p - 1];
          topJ[p] = topJ[p - 1];
          topT[p] = topT[p - 1];
        }
        p--;
      }
      if (p < K) {
        topS[p] = score;
        topJ[p] = j;
        topT[p] = s;
      }
    }
    if (count === 0) {
      if (awareAt[i] >= 0) {
        nextEmotion[i] = emotionStep(emotion[i], NaN, t - t0, params, stream.uniform(t, i, K));
      }
      continue;
    }
    if (awareAt[i] < 0) {
      awareAt[i] = t;
      if (log) events.push({ t, type: "aware", agent: ids[i], from: ids[topJ[0]] });
    }
    let parent = -1;
    if (sharedAt[i] < 0) {
      for (let r = 0; r < count; r++) {
        const j = topJ[r];
        if (
          stream.uniform(t, i, r) <
            shareProbability(emotion[i], stance[i], msgStance[j], params, relevance[i])
        ) {
          parent = j;
          break;
        }
      }
    }
    let emoSum = 0, stSum = 0, stCount = 0;
    for (let r = 0; r < count; r++) {
      const j = topJ[r];
      emoSum += msgEmotion[j];
      if (withinConfidence(stance[i], msgStance[j], params)) {
        stSum += msgStance[j];
        stCount++;
      }
    }
    const e = emotionStep(emotion[i], emoSum / count, t - t0, params, stream.uniform(t, i, K));
    const st = boundedConfidence(stance[i], stSum, stCount, params);
    nextEmotion[i] = e;
    nextStance[i] = st;
    if (parent >= 0) {
      sharedAt[i] = t;
      msgEmotion[i] = e;
      msgStance[i] = st;
      newReposts[parent]++;
      origin[i] = origin[parent];
      // Drawn only when crediting is on, so runs without it keep their draws.
      const credited = params.rootCredit > 0 &&
          stream.uniform(t, i, K + 2) < params.rootCredit
        ? origin[parent]
        : parent;
      cascade.push({ parent: ids[credited], child: ids[i], time: t });
      if (log) {
        const post = stream.uniform(t, i, K + 1) < params.newPostShare;
        const text = post
          ? ruleText(inputs.event.text, EMOTION_LEVELS[e], attitudeOf(st))
          : texts[parent];
        texts[i] = text;
        events.push({
          t,
          type: "share",
          agent: ids[i],
          kind: post ? "post" : "repost",
          parent: ids[credited],
          text,
          emotion: EMOTION_LEVELS[e],
          attitude: attitudeOf(st),
        });
      }
    }
    if (log && e !== emotion[i]) {
      events.push({ t, type: "emotion", agent: ids[i], emotion: EMOTION_LEVELS[e] });
    }
    if (log && attitudeOf(st) !== attitudeOf(stance[i])) {
      events.push({
        t,
        type: "attitude",
        agent: ids[i],
        attitude: attitudeOf(st),
        stance: Math.round(st * 1e4) / 1e4,
      });
    }
  }
  a.emotion = nextEmotion;
  a.stance = nextStance;
  a.nextEmotion = emotion;
  a.nextStance = stance;
  for (let j = 0; j < n; j++) {
    if (newReposts[j] === 0) continue;
    reposts[j] += newReposts[j];
    newReposts[j] = 0;
  }
  return { t, events, cascade, stats: countPopulation(t, a) };
}

function dot(x: { dim: number; vectors: Float32Array }, i: number, j: number): number {
  let s = 0;
  for (let d = 0, a = i * x.dim, b = j * x.dim; d < x.dim; d++) {
    s += x.vectors[a + d] * x.vectors[b + d];
  }
  return s;
}
