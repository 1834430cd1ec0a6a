/**
 * One agent's turn in a round: choose recommender / social / nothing, then browse pages
 * (watch, next page, search, leave) and say how watched items felt, or chat with a friend or
 * post to all friends. A turn reads the world as it was at the start of the round and changes
 * only its own agent; everything that touches others is returned for the engine to apply in
 * a fixed order. The steps live in lib/sim/turn_steps.ts; this module drives them, through
 * the brain and the memory.
 *
 * @module
 */
import { type Action, actionFits } from "../brain/action.ts";
import { type Decision, fallbackAction, type Mood } from "../brain/brain.ts";
import type { DecisionContext, FeedPost, SimTime } from "../brain/context.ts";
import type { Rng } from "../core/rng.ts";
import { LlmUnreachableError } from "../llm/llm_error.ts";
import type { Interaction, Item } from "../recsys/item.ts";
import type { InboxMessage, SimAgent } from "./agent.ts";
import type { EventDraft } from "./events.ts";
import { type DecideAsk, type TurnAsk, type TurnSteps, turnSteps } from "./turn_steps.ts";
import type { World } from "./world.ts";

/** A message to deliver at the end of the round. */
export interface Outgoing {
  to: string[];
  message: InboxMessage;
}

/** What a turn produced. */
export interface TurnOutput {
  /** The turn's events (empty once the engine has put them in its log; see EventLog.takeTurn). */
  events: EventDraft[];
  outbox: Outgoing[];
  interactions: Interaction[];
  /** Items watched with the rating given. */
  watches: { itemId: string; rating: number }[];
  /** Messages written to the social feed (posts, reposts, comments). */
  feedPosts: FeedPost[];
  /** Feed messages reposted (each counts one repost). */
  reposted: string[];
  decisions: number;
  calls: number;
  tokens: number;
  failures: number;
}

/** Applies interest drift after a watch (injected so the engine owns the model choice). */
export type DriftFn = (agent: SimAgent, item: Item, rating: number) => void;

/**
 * Runs one agent's turn.
 *
 * @param world The world (read as of the round's start; only this agent is changed).
 * @param agent The agent.
 * @param time Simulated time.
 * @param rng The agent's generator for this round.
 * @param drift Interest drift after a watch.
 * @returns Events and effects to apply.
 */
export async function runTurn(
  world: World,
  agent: SimAgent,
  time: SimTime,
  rng: Rng,
  drift: DriftFn,
): Promise<TurnOutput> {
  return await runTurnNow(world, agent, time, rng, drift, false);
}

/**
 * Runs one agent's turn, synchronously as far as it can: a brain with `decideNow` (the rule
 * brain) and a memory that keeps nothing never wait, so such a turn returns its output
 * directly and a round of a million rule agents pays for no promise per decision. Any step
 * that must wait (an LLM call, a memory, an asynchronous search) hands back a promise for the
 * rest of the turn. Both ways run the same steps with the same draws, so the events are the
 * same.
 *
 * @param world The world (read as of the round's start; only this agent is changed).
 * @param agent The agent.
 * @param time Simulated time.
 * @param rng The agent's generator for this round.
 * @param drift Interest drift after a watch.
 * @param direct False to wait on `decide` and the memory even when they could answer at once
 *   (what {@link runTurn} does).
 * @returns Events and effects to apply, or a promise of them.
 *
 * @example A rule agent without memories finishes its turn without waiting
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { runTurnNow } from "@lib/sim/turn.ts";
 * import { simTime } from "@lib/sim/clock.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 1, agents: { source: "csv", count: 4 }, memory: { enabled: false } });
 * const w = engine.world;
 * const out = runTurnNow(w, w.agent(w.ids[0]), simTime(w.scenario.start, 1, 0), w.rng.fork("t"), () => {});
 * assert.ok(!(out instanceof Promise));
 * assert.ok(out.decisions >= 1);
 * ```
 */
export function runTurnNow(
  world: World,
  agent: SimAgent,
  time: SimTime,
  rng: Rng,
  drift: DriftFn,
  direct = true,
): TurnOutput | Promise<TurnOutput> {
  const out: TurnOutput = {
    events: [],
    outbox: [],
    interactions: [],
    watches: [],
    feedPosts: [],
    reposted: [],
    decisions: 0,
    calls: 0,
    tokens: 0,
    failures: 0,
  };
  const { round, iso: t } = time;
  if (agent.state.busyRounds > 0) {
    agent.state.busyRounds--;
    out.events.push({ type: "busy", round, t, agent: agent.id });
    return out;
  }
  const hours = world.scenario.roundHours * round;
  const topK = world.scenario.session.memoryTopK;
  const turn = { step: 0, mood: undefined as Mood | undefined };
  const memory = agent.memory;
  const forgets = memory.keepsNothing === true;

  const ctxOf = (ask: DecideAsk, memories: string[]): DecisionContext => ({
    behaviour: ask.behaviour,
    agentId: agent.id,
    profile: agent.profile,
    state: agent.state,
    time,
    memories,
    rng,
    callSite: `${round}:${agent.id}:${ask.behaviour}:${turn.step++}`,
    remembers: !forgets,
    ...ask.extra,
  } as DecisionContext);
  // What follows a brain's decision: the fallback for an action that does not fit, the
  // counters and the decision event.
  const settle = (ask: DecideAsk, ctx: DecisionContext, d: Decision): Action => {
    if (!actionFits(ask.behaviour, d.action)) {
      d = {
        ...d,
        action: fallbackAction(ctx),
        failure: `${d.action.type} does not answer ${ask.behaviour}`,
      };
    }
    turn.mood = d.mood;
    out.decisions++;
    out.calls += d.calls;
    out.tokens += d.tokens;
    if (d.failure) out.failures++;
    out.events.push({
      type: "decision",
      round,
      t,
      agent: agent.id,
      behaviour: ask.behaviour,
      brain: d.brain,
      action: d.action,
      rationale: d.rationale,
      calls: d.calls,
      tokens: d.tokens,
      failure: d.failure,
    });
    return d.action;
  };
  const decideLater = async (ask: DecideAsk): Promise<Action> => {
    const memories = await memory.retrieve(ask.query(), hours, topK);
    const ctx = ctxOf(ask, memories);
    const brain = world.brainOf(agent.id);
    let d: Decision;
    try {
      d = await brain.decide(ctx);
    } catch (e) {
      // An unusable endpoint stops the run (it can be resumed); anything else is one failure.
      if (e instanceof LlmUnreachableError) throw e;
      d = failed(brain.kind, ctx, `brain threw: ${(e as Error).message}`);
    }
    const action = settle(ask, ctx, d);
    if (d.memory) await memory.store(d.memory.text, d.memory.importance, hours);
    return action;
  };
  const decideNow = (ask: DecideAsk): Action | Promise<Action> => {
    const brain = world.brainOf(agent.id);
    if (!direct || !forgets || typeof brain.decideNow !== "function") return decideLater(ask);
    const ctx = ctxOf(ask, []);
    let d: Decision;
    try {
      d = brain.decideNow(ctx);
    } catch (e) {
      if (e instanceof LlmUnreachableError) throw e;
      d = failed(brain.kind, ctx, `brain threw: ${(e as Error).message}`);
    }
    return settle(ask, ctx, d);
  };
  const answer = (ask: TurnAsk): unknown => {
    if (ask.kind === "decide") return decideNow(ask);
    const options = { exclude: ask.exclude };
    // A search answered at once keeps a direct turn direct (the log then takes its events
    // as it ends, not after the turns behind it).
    return (direct ? world.search.searchNow?.(ask.query, ask.k, options) : null) ??
      world.search.search(ask.query, ask.k, options);
  };
  const steps = turnSteps(world, agent, time, out, drift, () => turn.mood);
  const finished = drive(steps, answer);
  return finished === null ? out : finished.then(() => out);
}

/**
 * Runs a turn's steps, synchronously while answers come back at once.
 *
 * @returns null when the turn finished, else a promise of the rest.
 */
function drive(steps: TurnSteps, answer: (ask: TurnAsk) => unknown): Promise<void> | null {
  let r = steps.next();
  while (!r.done) {
    const v = answer(r.value);
    if (v instanceof Promise) return v.then((x) => finishLater(steps, x, answer));
    r = steps.next(v);
  }
  return null;
}

async function finishLater(
  steps: TurnSteps,
  first: unknown,
  answer: (ask: TurnAsk) => unknown,
): Promise<void> {
  let r = steps.next(first);
  while (!r.done) r = steps.next(await answer(r.value));
}

function failed(brain: Decision["brain"], ctx: DecisionContext, why: string): Decision {
  return {
    action: fallbackAction(ctx),
    brain,
    rationale: "",
    memory: null,
    calls: 0,
    tokens: 0,
    failure: why,
    cached: false,
  };
}
