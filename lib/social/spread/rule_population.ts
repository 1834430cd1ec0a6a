/**
 * A population running the rule dynamics one step at a time: its state lives in typed arrays
 * (lib/social/spread/rule_state.ts), the graph in an inbox CSR, and every draw comes from a
 * counter-based stream keyed by (seed, step, agent), so a run is byte-identical whatever the
 * processing order, and a run restored from a snapshot continues exactly as if it had never
 * stopped. The step itself is {@link ruleStep}.
 *
 * `simulateRule` runs it to the end in memory; the engine's population mode steps it one round
 * at a time through the run store.
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import { type InboxCsr, inboxCsr } from "@lib/social/spread/csr.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "@lib/social/spread/params.ts";
import {
  countPopulation,
  type PopulationArrays,
  populationArrays,
  restoreArrays,
  type RulePopulationState,
  snapshotArrays,
} from "@lib/social/spread/rule_state.ts";
import { type RuleStep, ruleStep, type StepInputs } from "@lib/social/spread/rule_step.ts";
import { initialMood, parseSeedEvent } from "@lib/social/spread/seed_event.ts";
import { StepStream } from "@lib/social/spread/stream.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  type S3LogEvent,
  type SeedEvent,
  type SeedEventInput,
  type StepStats,
} from "@lib/social/spread/types.ts";
import { ConfigError } from "@lib/core/errors.ts";

export type { RulePopulationState, RuleStep };

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
  readonly #a: PopulationArrays;
  readonly #inputs: StepInputs;
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
    const event = parseSeedEvent(options.event);
    const csr = options.csr ?? inboxCsr(graph);
    const n = csr.ids.length;
    this.ids = csr.ids;
    this.params = params;
    this.event = event;
    const stream = new StepStream(options.seed);
    const log = options.log ?? true;
    this.#inputs = {
      ids: csr.ids,
      params,
      event,
      csr,
      stream,
      log,
      relevance: options.relevance ?? new Float32Array(n).fill(1),
      authenticity: options.authenticity ?? new Float32Array(n).fill(1),
      interests: options.interests,
    };
    const a = this.#a = populationArrays(n);
    let source = -1;
    if (options.source !== undefined) {
      source = this.ids.indexOf(options.source);
      if (source < 0) {
        throw new ConfigError("rule sim", "source", `unknown agent "${options.source}"`);
      }
    }
    for (let i = 0; i < n; i++) {
      const m = initialMood(params, stream.uniform(INIT, i, 0), stream.normal(INIT, i, 1));
      a.emotion[i] = m.emotion;
      a.stance[i] = m.stance;
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
      if (a.sharedAt[i] >= 0) continue;
      a.emotion[i] = a.msgEmotion[i] = event.arousal;
      a.stance[i] = a.msgStance[i] = event.stance;
      a.awareAt[i] = a.sharedAt[i] = t0;
      a.origin[i] = source >= 0 ? source : i;
      cascade.push({ parent: null, child: id, time: t0 });
      if (log) {
        a.texts[i] = event.text;
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
    for (let t = 0; t <= t0; t++) stats.push(countPopulation(t, a));
    this.t = t0;
    this.seedStep = { events, cascade, stats };
  }

  /** Emotion level of each agent. */
  get emotion(): Uint8Array {
    return this.#a.emotion;
  }

  /** Stance of each agent. */
  get stance(): Float32Array {
    return this.#a.stance;
  }

  /** Step each agent became aware (−1 never). */
  get awareAt(): Int32Array {
    return this.#a.awareAt;
  }

  /** Step each agent shared (−1 never). */
  get sharedAt(): Int32Array {
    return this.#a.sharedAt;
  }

  /**
   * Runs the next step.
   *
   * @param absent Agents (by index, 1 = away) that do not open their feed this step, e.g.
   *   because they spent it elsewhere: they neither learn, share nor change. Default: none.
   * @returns Its events, new edges and counts.
   */
  step(absent?: Uint8Array): RuleStep {
    return ruleStep(this.#inputs, this.#a, ++this.t, absent);
  }

  /**
   * The state after the last step, as JSON.
   *
   * @returns A snapshot {@link restore} takes back.
   */
  snapshot(): RulePopulationState {
    return snapshotArrays(this.t, this.#a, this.#inputs.log);
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
    this.t = restoreArrays(this.#a, state, source);
  }
}
