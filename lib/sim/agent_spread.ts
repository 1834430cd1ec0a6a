/**
 * S3's object-based agents (the LLM path; the rule logic works here too) as a run of the one
 * engine: the "s3" scenario preset over a given graph, with the given S3 decision logic in
 * every agent's {@link FeedBrain}. Each round every agent opens its feed; agents with messages
 * there decide concurrently and their decisions are applied in agent order, so the log never
 * depends on which call finished first. Messages seeded at round t are read in round t; what
 * agents write in round t is read from round t + 1.
 *
 * The result keeps the shape S3's studies read (events with the round as `t`, counts per
 * round, decisions and failures) and hands over the engine, whose log, store, checkpoints and
 * forks are those of every run.
 *
 * @module
 */
import type { AgentProfile, S3Brain } from "../brain/social/context.ts";
import { ConfigError } from "../core/errors.ts";
import type { Profile } from "../profile/schema.ts";
import { SocialGraph } from "../social/graph.ts";
import { ruleParams, type RuleParamsInput } from "../social/spread/params.ts";
import { parseSeedEvent } from "../social/spread/seed_event.ts";
import {
  attitudeOf,
  EMOTION_LEVELS,
  emptyStepStats,
  type S3LogEvent,
  type SeedEventInput,
  type StepStats,
} from "../social/spread/types.ts";
import type { Engine } from "./engine.ts";
import type { SimEvent } from "./events.ts";
import { feedOnlyCatalog, feedProfile, s3Brain } from "./s3_preset.ts";
import type { ScenarioInput } from "./scenario.ts";
import { createSimulation } from "./simulation.ts";
import type { World } from "./world.ts";

/** Options of {@link simulateAgents}. */
export interface AgentSimOptions {
  graph: SocialGraph;
  brain: S3Brain;
  event: SeedEventInput;
  /** Rounds to run (the event is seeded at the start of round `event.time`). */
  steps: number;
  seed: number | string;
  /** Rule parameters (feed size, window, ranker, initial states, and the rule logic's dynamics). */
  params?: RuleParamsInput;
  /** Profiles by agent; agents without one get a generic profile. */
  profiles?: readonly AgentProfile[];
  /** Decisions in flight at once (default 8). */
  concurrency?: number;
  /**
   * Save the run in this folder (manifest, events, metrics, a checkpoint per round). It resumes
   * or forks like any run, given the world's agents and catalogue again:
   * `resumeSimulation(out, { profiles: agentProfiles(graph, profiles), catalog: feedOnlyCatalog() })`;
   * the feed logic comes back from the scenario (rules), so an LLM logic is set again by hand.
   */
  out?: string;
  /** Caps on LLM calls and tokens: the run stops cleanly before a round that would pass one. */
  budget?: { calls?: number; tokens?: number };
}

/** The outcome of an object-based run. */
export interface AgentRun {
  /** S3's view of the log: seed, aware, share, emotion, attitude and failed, `t` the round. */
  events: S3LogEvent[];
  /** Counts at the end of each round. */
  stats: StepStats[];
  /** Feed decisions asked of the S3 logic, and how many failed. */
  decisions: number;
  failures: number;
  /** The engine that ran it (its full log, store and state). */
  engine: Engine;
}

/** The event's id on the engine's feed. */
const EVENT_ID = "event";

/** A retraining period no run reaches (the same for every length, so a run may be extended). */
const NEVER = 2 ** 31 - 1;

/**
 * The profiles of a graph's agents as {@link simulateAgents} builds them.
 *
 * @param graph The graph.
 * @param profiles What is known of some agents.
 * @returns One profile per node, in the graph's order.
 *
 * @example Known agents keep their occupation
 * ```ts
 * import { agentProfiles } from "@lib/sim/agent_spread.ts";
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b"]);
 * const ps = agentProfiles(g, [{ id: "b", gender: "f", age: 40, occupation: "nurse", description: "" }]);
 * assert.deepEqual(ps.map((p) => p.career), ["unknown", "nurse"]);
 * ```
 */
export function agentProfiles(
  graph: SocialGraph,
  profiles: readonly AgentProfile[] = [],
): Profile[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  return graph.nodes().map((id) => feedProfile(id, byId.get(id)));
}

/**
 * Runs S3 agents over a graph on the engine.
 *
 * @param options Graph, S3 logic, event, rounds, seed and the rest.
 * @returns The log, counts per round and the engine.
 * @throws ConfigError on a bad event, parameter or poster.
 *
 * @example Rule agents pass an event on
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { RuleS3Brain } from "@lib/brain/social/s3_rule.ts";
 * import { simulateAgents } from "@lib/sim/agent_spread.ts";
 * import assert from "node:assert/strict";
 * const graph = barabasiAlbert(30, 2, { rng: new Rng(1) });
 * const run = await simulateAgents({ graph, brain: new RuleS3Brain(), seed: 1, steps: 3,
 *   event: { text: "A leak", posters: ["0"] }, params: { shareBase: 0.5 } });
 * assert.equal(run.stats.length, 3);
 * assert.ok(run.stats.at(-1)!.aware > 1);
 * assert.equal(run.engine.log.ofType("seed").length, 1);
 * ```
 */
export async function simulateAgents(options: AgentSimOptions): Promise<AgentRun> {
  const params = ruleParams(options.params ?? {});
  const event = parseSeedEvent(options.event);
  if (event.time >= options.steps) {
    throw new ConfigError(
      "seed event",
      "time",
      `must be < steps (${options.steps}), got ${event.time}`,
    );
  }
  const ids = options.graph.nodes();
  for (const id of event.posters) {
    if (!options.graph.hasNode(id)) {
      throw new ConfigError("seed event", "posters", `unknown agent "${id}"`);
    }
  }
  const scenario: ScenarioInput = {
    name: "agents",
    seed: options.seed,
    preset: "s3",
    rounds: options.steps,
    roundHours: params.stepMinutes / 60,
    activity: { alpha: 1.5, xMin: 1, rate: 1 },
    // The agents never browse: the smallest catalogue, never retrained.
    recommender: { model: { algorithm: "popular" }, retrainEvery: NEVER },
    social: { graph: "none", ranker: params.ranker, feedSize: params.feedSize },
    brain: { kind: "rule", params: {}, feed: { kind: "rule", params: options.params ?? {} } },
    concurrency: options.concurrency ?? 8,
    budget: options.budget ?? {},
    interventions: [{
      round: event.time,
      kind: "feed_event",
      eventId: EVENT_ID,
      text: event.text,
      posters: event.posters,
      emotion: EMOTION_LEVELS[event.arousal],
      stance: event.stance,
    }],
  };
  const engine = await createSimulation(scenario, {
    profiles: agentProfiles(options.graph, options.profiles),
    catalog: feedOnlyCatalog(),
    out: options.out,
  });
  const world = engine.world;
  world.graph = SocialGraph.fromJSON(options.graph.toJSON());
  let decisions = 0;
  const counted: S3Brain = {
    name: options.brain.name,
    decide: (ctx) => {
      decisions++;
      return options.brain.decide(ctx);
    },
  };
  const brain = s3Brain(world.scenario.brain, { feed: counted });
  for (const id of ids) world.brains.set(id, brain);
  const stats: StepStats[] = [];
  engine.addRoundHook((eng, round) => {
    stats.push(countStats(eng.world, round));
    return Promise.resolve();
  });
  await engine.run();
  const events = engine.log.events.flatMap(s3Event);
  const failures = events.filter((e) => e.type === "failed").length;
  return { events, stats, decisions, failures, engine };
}

/** An engine event as S3's log writes it (the round as its step), or nothing. */
function s3Event(e: SimEvent): S3LogEvent[] {
  const t = e.round;
  switch (e.type) {
    case "seed":
      return [{
        t,
        type: "seed",
        agent: e.agent,
        text: e.text,
        emotion: e.emotion,
        attitude: e.attitude,
      }];
    case "aware":
      return [{ t, type: "aware", agent: e.agent, from: e.from }];
    case "share":
      return [{
        t,
        type: "share",
        agent: e.agent,
        kind: e.kind,
        parent: e.parent,
        text: e.text,
        emotion: e.emotion,
        attitude: e.attitude,
      }];
    case "emotion":
      return [{ t, type: "emotion", agent: e.agent, emotion: e.emotion }];
    case "attitude":
      return [{ t, type: "attitude", agent: e.agent, attitude: e.attitude, stance: e.stance }];
    case "decision":
      return e.failure === null ? [] : [{ t, type: "failed", agent: e.agent, error: e.failure }];
    default:
      return [];
  }
}

/** Who knows of the event, who passed it on, and the emotions and attitudes of the aware. */
function countStats(world: World, round: number): StepStats {
  const s = emptyStepStats(round);
  const sharers = new Set<string>();
  for (const p of world.feed.posts) {
    if (p.eventId === EVENT_ID && p.kind !== "comment") sharers.add(p.author);
  }
  let sum = 0;
  for (const id of world.ids) {
    const state = world.agent(id).state;
    const stance = state.stances?.[EVENT_ID];
    if (stance === undefined) continue;
    s.aware++;
    if (sharers.has(id)) s.shared++;
    s[EMOTION_LEVELS[state.emotion ?? 0]]++;
    s[attitudeOf(stance)]++;
    sum += stance;
  }
  if (s.aware > 0) s.meanStance = sum / s.aware;
  return s;
}
