/**
 * The rule brain on typed arrays: S3's propagation dynamics for graphs of 10⁵ agents and more.
 * States live in Float32Array/Uint8Array/Int32Array, the graph in an inbox CSR, and every draw
 * comes from a counter-based stream keyed by (seed, step, agent), so a run is byte-identical
 * whatever the processing order. Updates are synchronous: every agent reacts to the state at
 * the end of the previous step, and a share made at step t reaches feeds at t + 1.
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import { type InboxCsr, inboxCsr } from "./csr.ts";
import { boundedConfidence, emotionStep, shareProbability, withinConfidence } from "./dynamics.ts";
import { feedScore, type RankInput } from "./feed.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "./params.ts";
import { StepStream } from "./stream.ts";
import { ruleText } from "./texts.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  emptyStepStats,
  type S3LogEvent,
  type SeedEvent,
  type SeedEventInput,
  SeedEventSchema,
  type StepStats,
} from "./types.ts";
import { ConfigError, formatPath } from "@lib/core/errors.ts";

/** Options of {@link simulateRule}. */
export interface RuleSimOptions {
  /** The event to inject. */
  event: SeedEventInput;
  /** Steps to run after step 0. */
  steps: number;
  /** Seed of every draw. */
  seed: number | string;
  /** Rule parameters (defaults filled). */
  params?: RuleParamsInput;
  /** Relevance of the event to each agent in [0, 1] (default 1 for all). */
  relevance?: Float32Array;
  /** Source authenticity of each agent in [0, 1] (default 1 for all). */
  authenticity?: Float32Array;
  /** Interest vectors (n × dim, row-major) for the interest ranker (default: relevance). */
  interests?: { dim: number; vectors: Float32Array };
  /** Keep the event log (default true); off for the largest runs, which keep stats and cascade. */
  log?: boolean;
  /** A prebuilt inbox of the graph, to share between runs. */
  csr?: InboxCsr;
  /**
   * The account shares are credited to under `rootCredit` (default: the seed poster each
   * share descends from). Set it when the posters are themselves early retweeters of one source.
   */
  source?: string;
}

/** The outcome of a run. */
export interface RuleRun {
  /** Agent ids by index. */
  ids: readonly string[];
  /** The parameters used. */
  params: RuleParams;
  /** The event injected. */
  event: SeedEvent;
  /** The typed log (empty when `log` was off). */
  events: S3LogEvent[];
  /** Population counts at the end of each step 0..steps. */
  stats: StepStats[];
  /** The spreading tree: seeds (null parent) and every share with its parent. */
  cascade: CascadeEdge[];
  /** Final states by index: emotion level, stance, step aware (−1 never), step shared. */
  emotion: Uint8Array;
  stance: Float32Array;
  awareAt: Int32Array;
  sharedAt: Int32Array;
}

const INIT = -1;

/**
 * Runs the rule dynamics of {@link shareProbability}, {@link emotionStep} and
 * {@link boundedConfidence} over a graph.
 *
 * @param graph The social graph (ignored when `options.csr` is given, except for its ids).
 * @param options Event, steps, seed, parameters.
 * @returns The run.
 *
 * @example Same seed, same log
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { simulateRule } from "@lib/s3/rule_sim.ts";
 * import { toJsonl } from "@lib/s3/types.ts";
 * import assert from "node:assert/strict";
 * const g = barabasiAlbert(200, 2, { rng: new Rng(1) });
 * const opts = { event: { text: "Plant releases water", posters: ["0"] }, steps: 10, seed: 3 };
 * const a = simulateRule(g, opts), b = simulateRule(g, opts);
 * assert.equal(toJsonl(a.events), toJsonl(b.events));
 * assert.ok(a.stats.at(-1)!.aware >= 1);
 * ```
 */
export function simulateRule(graph: SocialGraph, options: RuleSimOptions): RuleRun {
  const params = ruleParams(options.params ?? {});
  const parsed = SeedEventSchema.safeParse(options.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError("seed event", formatPath(issue.path) || "(root)", issue.message);
  }
  const event = parsed.data;
  const csr = options.csr ?? inboxCsr(graph);
  const { ids, offsets, sources } = csr;
  const n = ids.length;
  const log = options.log ?? true;
  const stream = new StepStream(options.seed);
  const relevance = options.relevance ?? new Float32Array(n).fill(1);
  const authenticity = options.authenticity ?? new Float32Array(n).fill(1);
  const interests = options.interests;

  let emotion = new Uint8Array(n), stance = new Float32Array(n);
  let nextEmotion = new Uint8Array(n), nextStance = new Float32Array(n);
  const awareAt = new Int32Array(n).fill(-1), sharedAt = new Int32Array(n).fill(-1);
  const msgEmotion = new Uint8Array(n), msgStance = new Float32Array(n);
  const reposts = new Int32Array(n), newReposts = new Int32Array(n);
  // The account each message descends from, for crediting shares to their source.
  const origin = new Int32Array(n).fill(-1);
  let source = -1;
  if (options.source !== undefined) {
    source = ids.indexOf(options.source);
    if (source < 0) {
      throw new ConfigError("rule sim", "source", `unknown agent "${options.source}"`);
    }
  }
  const texts: string[] = [];
  const [c0, c1, c2] = params.initialEmotion;
  const total = c0 + c1 + c2;
  for (let i = 0; i < n; i++) {
    const u = stream.uniform(INIT, i, 0) * total;
    emotion[i] = u < c0 ? 0 : u < c0 + c1 ? 1 : 2;
    const s = params.stanceMean + params.stanceSd * stream.normal(INIT, i, 1);
    stance[i] = s < -1 ? -1 : s > 1 ? 1 : s;
  }

  const events: S3LogEvent[] = [];
  const cascade: CascadeEdge[] = [];
  const t0 = event.time;
  if (t0 > options.steps) {
    throw new ConfigError("seed event", "time", `must be ≤ steps (${options.steps}), got ${t0}`);
  }
  const index = new Map<string, number>();
  for (let k = 0; k < n; k++) index.set(ids[k], k);
  for (const id of event.posters) {
    const i = index.get(id) ?? -1;
    if (i < 0) throw new ConfigError("seed event", "posters", `unknown agent "${id}"`);
    if (sharedAt[i] >= 0) continue;
    emotion[i] = msgEmotion[i] = event.arousal;
    stance[i] = msgStance[i] = event.stance;
    awareAt[i] = sharedAt[i] = t0;
    origin[i] = source >= 0 ? source : i;
    cascade.push({ parent: null, child: id, time: t0 });
    if (log) {
      texts[i] = event.text;
      events.push({
        t: t0,
        type: "seed",
        agent: id,
        text: event.text,
        emotion: EMOTION_LEVELS[event.arousal],
        attitude: attitudeOf(event.stance),
      });
    }
  }

  const stats: StepStats[] = [];
  const countStats = (t: number) => {
    const s = emptyStepStats(t);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (awareAt[i] < 0) continue;
      s.aware++;
      if (sharedAt[i] >= 0) s.shared++;
      s[EMOTION_LEVELS[emotion[i]]]++;
      s[attitudeOf(stance[i])]++;
      sum += stance[i];
    }
    if (s.aware > 0) s.meanStance = sum / s.aware;
    stats.push(s);
  };
  for (let t = 0; t <= t0; t++) countStats(t);

  const K = params.feedSize;
  const topJ = new Int32Array(K), topS = new Float64Array(K), topT = new Int32Array(K);
  const feature: RankInput = { time: 0, reposts: 0, authenticity: 1, relevance: 1, similarity: 0 };
  const settings = { feedDecay: params.feedDecay, stepMinutes: params.stepMinutes };
  for (let t = t0 + 1; t <= options.steps; t++) {
    nextEmotion.set(emotion);
    nextStance.set(stance);
    for (let i = 0; i < n; i++) {
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
            ? ruleText(event.text, EMOTION_LEVELS[e], attitudeOf(st))
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
          stance: round4(st),
        });
      }
    }
    [emotion, nextEmotion] = [nextEmotion, emotion];
    [stance, nextStance] = [nextStance, stance];
    for (let j = 0; j < n; j++) {
      if (newReposts[j] === 0) continue;
      reposts[j] += newReposts[j];
      newReposts[j] = 0;
    }
    countStats(t);
  }
  return { ids, params, event, events, stats, cascade, emotion, stance, awareAt, sharedAt };
}

function dot(x: { dim: number; vectors: Float32Array }, i: number, j: number): number {
  let s = 0;
  for (let d = 0, a = i * x.dim, b = j * x.dim; d < x.dim; d++) {
    s += x.vectors[a + d] * x.vectors[b + d];
  }
  return s;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
