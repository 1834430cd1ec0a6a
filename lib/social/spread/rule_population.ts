/**
 * The rule dynamics of a whole population as a stepper over typed arrays: states live in
 * Float32Array/Uint8Array/Int32Array, the graph in an inbox CSR, and every draw comes from a
 * counter-based stream keyed by (seed, step, agent), so a run is byte-identical whatever the
 * processing order, and a run restored from a snapshot continues exactly as if it had never
 * stopped. Updates are synchronous: every agent reacts to the state at the end of the
 * previous step, and a share made at step t reaches feeds at t + 1.
 *
 * `simulateRule` runs it to the end in memory; the engine's population mode steps it one round
 * at a time through the run store.
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import { type InboxCsr, inboxCsr } from "@lib/social/spread/csr.ts";
import {
  boundedConfidence,
  emotionStep,
  shareProbability,
  withinConfidence,
} from "@lib/social/spread/dynamics.ts";
import { feedScore, type RankInput } from "@lib/social/feed_rank.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "@lib/social/spread/params.ts";
import { StepStream } from "@lib/social/spread/stream.ts";
import { ruleText } from "@lib/social/spread/texts.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  emptyStepStats,
  type S3LogEvent,
  type SeedEvent,
  type SeedEventInput,
  SeedEventSchema,
  type StepStats,
} from "@lib/social/spread/types.ts";
import { ConfigError, DataError, formatPath } from "@lib/core/errors.ts";

/** Options of a rule population (and of `simulateRule`). */
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

const INIT = -1;

/** A population running the rule dynamics one step at a time. */
export class RulePopulation {
  /** Agent ids by index. */
  readonly ids: readonly string[];
  /** The parameters used. */
  readonly params: RuleParams;
  /** The event injected. */
  readonly event: SeedEvent;
  /** The last step reached (the seed step right after construction). */
  t: number;
  /** Emotion level of each agent. */
  emotion: Uint8Array;
  /** Stance of each agent. */
  stance: Float32Array;
  /** Step each agent became aware (−1 never). */
  readonly awareAt: Int32Array;
  /** Step each agent shared (−1 never). */
  readonly sharedAt: Int32Array;
  #csr: InboxCsr;
  #log: boolean;
  #stream: StepStream;
  #relevance: Float32Array;
  #authenticity: Float32Array;
  #interests?: { dim: number; vectors: Float32Array };
  #nextEmotion: Uint8Array;
  #nextStance: Float32Array;
  #msgEmotion: Uint8Array;
  #msgStance: Float32Array;
  #reposts: Int32Array;
  #newReposts: Int32Array;
  #origin: Int32Array;
  #texts: string[] = [];
  /** What the seed step produced: the seed events, edges and counts of steps 0..t₀. */
  readonly seedStep: { events: S3LogEvent[]; cascade: CascadeEdge[]; stats: StepStats[] };

  /**
   * Builds the population and posts the seed event (steps 0..event.time).
   *
   * @param graph The social graph (ignored when `options.csr` is given, except for its ids).
   * @param options Event, seed, parameters; `steps` bounds the event's time.
   * @throws ConfigError on a bad event, parameter, poster or source.
   *
   * @example Step by step, as simulateRule does in one go
   * ```ts
   * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
   * import { Rng } from "@lib/core/rng.ts";
   * import { RulePopulation } from "@lib/social/spread/rule_population.ts";
   * import assert from "node:assert/strict";
   * const g = barabasiAlbert(200, 2, { rng: new Rng(1) });
   * const pop = new RulePopulation(g, { event: { text: "x", posters: ["0"] }, steps: 5, seed: 1 });
   * const step = pop.step();
   * assert.equal(step.t, 1);
   * assert.ok(step.stats.aware >= 1);
   * ```
   */
  constructor(graph: SocialGraph, options: RuleSimOptions) {
    const params = ruleParams(options.params ?? {});
    const parsed = SeedEventSchema.safeParse(options.event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError("seed event", formatPath(issue.path) || "(root)", issue.message);
    }
    const event = parsed.data;
    const csr = options.csr ?? inboxCsr(graph);
    const n = csr.ids.length;
    this.ids = csr.ids;
    this.params = params;
    this.event = event;
    this.#csr = csr;
    this.#log = options.log ?? true;
    this.#stream = new StepStream(options.seed);
    this.#relevance = options.relevance ?? new Float32Array(n).fill(1);
    this.#authenticity = options.authenticity ?? new Float32Array(n).fill(1);
    this.#interests = options.interests;
    this.emotion = new Uint8Array(n);
    this.stance = new Float32Array(n);
    this.#nextEmotion = new Uint8Array(n);
    this.#nextStance = new Float32Array(n);
    this.awareAt = new Int32Array(n).fill(-1);
    this.sharedAt = new Int32Array(n).fill(-1);
    this.#msgEmotion = new Uint8Array(n);
    this.#msgStance = new Float32Array(n);
    this.#reposts = new Int32Array(n);
    this.#newReposts = new Int32Array(n);
    // The account each message descends from, for crediting shares to their source.
    this.#origin = new Int32Array(n).fill(-1);
    let source = -1;
    if (options.source !== undefined) {
      source = this.ids.indexOf(options.source);
      if (source < 0) {
        throw new ConfigError("rule sim", "source", `unknown agent "${options.source}"`);
      }
    }
    const stream = this.#stream;
    const [c0, c1, c2] = params.initialEmotion;
    const total = c0 + c1 + c2;
    for (let i = 0; i < n; i++) {
      const u = stream.uniform(INIT, i, 0) * total;
      this.emotion[i] = u < c0 ? 0 : u < c0 + c1 ? 1 : 2;
      const s = params.stanceMean + params.stanceSd * stream.normal(INIT, i, 1);
      this.stance[i] = s < -1 ? -1 : s > 1 ? 1 : s;
    }
    const events: S3LogEvent[] = [];
    const cascade: CascadeEdge[] = [];
    const t0 = event.time;
    if (t0 > options.steps) {
      throw new ConfigError("seed event", "time", `must be ≤ steps (${options.steps}), got ${t0}`);
    }
    const index = new Map<string, number>();
    for (let k = 0; k < n; k++) index.set(this.ids[k], k);
    for (const id of event.posters) {
      const i = index.get(id) ?? -1;
      if (i < 0) throw new ConfigError("seed event", "posters", `unknown agent "${id}"`);
      if (this.sharedAt[i] >= 0) continue;
      this.emotion[i] = this.#msgEmotion[i] = event.arousal;
      this.stance[i] = this.#msgStance[i] = event.stance;
      this.awareAt[i] = this.sharedAt[i] = t0;
      this.#origin[i] = source >= 0 ? source : i;
      cascade.push({ parent: null, child: id, time: t0 });
      if (this.#log) {
        this.#texts[i] = event.text;
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
    for (let t = 0; t <= t0; t++) stats.push(this.#count(t));
    this.t = t0;
    this.seedStep = { events, cascade, stats };
  }

  #count(t: number): StepStats {
    const s = emptyStepStats(t);
    let sum = 0;
    for (let i = 0; i < this.ids.length; i++) {
      if (this.awareAt[i] < 0) continue;
      s.aware++;
      if (this.sharedAt[i] >= 0) s.shared++;
      s[EMOTION_LEVELS[this.emotion[i]]]++;
      s[attitudeOf(this.stance[i])]++;
      sum += this.stance[i];
    }
    if (s.aware > 0) s.meanStance = sum / s.aware;
    return s;
  }

  /**
   * Runs the next step.
   *
   * @param absent Agents (by index, 1 = away) that do not open their feed this step, e.g.
   *   because they spent it elsewhere: they neither learn, share nor change. Default: none.
   * @returns Its events, new edges and counts.
   */
  step(absent?: Uint8Array): RuleStep {
    const t = ++this.t;
    const { ids, params } = this;
    const { offsets, sources } = this.#csr;
    const n = ids.length;
    const log = this.#log, stream = this.#stream;
    const relevance = this.#relevance, authenticity = this.#authenticity;
    const interests = this.#interests;
    const emotion = this.emotion, stance = this.stance;
    const nextEmotion = this.#nextEmotion, nextStance = this.#nextStance;
    const awareAt = this.awareAt, sharedAt = this.sharedAt;
    const msgEmotion = this.#msgEmotion, msgStance = this.#msgStance;
    const reposts = this.#reposts, newReposts = this.#newReposts;
    const origin = this.#origin, texts = this.#texts;
    const t0 = this.event.time;
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
            ? ruleText(this.event.text, EMOTION_LEVELS[e], attitudeOf(st))
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
    this.emotion = nextEmotion;
    this.stance = nextStance;
    this.#nextEmotion = emotion;
    this.#nextStance = stance;
    for (let j = 0; j < n; j++) {
      if (newReposts[j] === 0) continue;
      reposts[j] += newReposts[j];
      newReposts[j] = 0;
    }
    return { t, events, cascade, stats: this.#count(t) };
  }

  /**
   * The state after the last step, as JSON.
   *
   * @returns A snapshot {@link restore} takes back.
   */
  snapshot(): RulePopulationState {
    const texts: (string | null)[] = [];
    for (let i = 0; i < this.ids.length; i++) texts.push(this.#texts[i] ?? null);
    return {
      t: this.t,
      emotion: [...this.emotion],
      stance: [...this.stance],
      awareAt: [...this.awareAt],
      sharedAt: [...this.sharedAt],
      msgEmotion: [...this.#msgEmotion],
      msgStance: [...this.#msgStance],
      reposts: [...this.#reposts],
      origin: [...this.#origin],
      texts: this.#log ? texts : [],
    };
  }

  /**
   * Puts a snapshot back, so the next step continues the run it was taken from.
   *
   * @param state A snapshot of a population built with the same graph and options.
   * @param source Where it came from, for errors.
   * @throws DataError when its sizes do not match this population.
   *
   * @example A restored population steps exactly like the original
   * ```ts
   * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
   * import { Rng } from "@lib/core/rng.ts";
   * import { RulePopulation } from "@lib/social/spread/rule_population.ts";
   * import assert from "node:assert/strict";
   * const g = barabasiAlbert(200, 2, { rng: new Rng(1) });
   * const opts = { event: { text: "x", posters: ["0"] }, steps: 8, seed: 2, params: { shareBase: 0.3 } };
   * const a = new RulePopulation(g, opts);
   * a.step(); a.step();
   * const saved = JSON.parse(JSON.stringify(a.snapshot()));
   * const b = new RulePopulation(g, opts);
   * b.restore(saved);
   * assert.deepEqual(b.step(), a.step());
   * ```
   */
  restore(state: RulePopulationState, source = "population state"): void {
    const n = this.ids.length;
    for (
      const key of [
        "emotion",
        "stance",
        "awareAt",
        "sharedAt",
        "msgEmotion",
        "msgStance",
        "reposts",
        "origin",
      ] as const
    ) {
      if (!Array.isArray(state[key]) || state[key].length !== n) {
        throw new DataError(
          source,
          0,
          `expected ${n} values, found ${state[key]?.length ?? "none"}`,
          key,
        );
      }
    }
    this.t = state.t;
    this.emotion.set(state.emotion);
    this.stance.set(state.stance);
    this.awareAt.set(state.awareAt);
    this.sharedAt.set(state.sharedAt);
    this.#msgEmotion.set(state.msgEmotion);
    this.#msgStance.set(state.msgStance);
    this.#reposts.set(state.reposts);
    this.#origin.set(state.origin);
    this.#texts = [];
    state.texts.forEach((x, i) => {
      if (x !== null) this.#texts[i] = x;
    });
  }
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
