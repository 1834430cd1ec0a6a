/**
 * One agent's turn in a round: choose recommender / social / nothing, then browse pages
 * (watch, next page, search, leave) and say how watched items felt, or chat with a friend or
 * post to all friends. A turn reads the world as it was at the start of the round and changes
 * only its own agent; everything that touches others is returned for the engine to apply in
 * a fixed order.
 *
 * @module
 */
import { type Action, actionFits, type Behaviour } from "../brain/action.ts";
import { type Decision, fallbackAction, type Mood } from "../brain/brain.ts";
import type { DecisionContext, FeedPost, SimTime } from "../brain/context.ts";
import { attitudeOf, EMOTION_LEVELS } from "../social/emotion_attitude.ts";
import type { Rng } from "../core/rng.ts";
import { LlmUnreachableError } from "../llm/llm_error.ts";
import type { Interaction, Item, ScoredItem } from "../recsys/item.ts";
import type { InboxMessage, SimAgent } from "./agent.ts";
import type { EventDraft } from "./events.ts";
import type { World } from "./world.ts";

/** A message to deliver at the end of the round. */
export interface Outgoing {
  to: string[];
  message: InboxMessage;
}

/** What a turn produced. */
export interface TurnOutput {
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
  const answer = (ask: TurnAsk): unknown =>
    ask.kind === "decide" ? decideNow(ask) : world.search.search(ask.query, ask.k, {
      exclude: ask.exclude,
    });
  const steps = turnSteps(world, agent, time, out, drift, () => turn.mood);
  const finished = drive(steps, answer);
  return finished === null ? out : finished.then(() => out);
}

/** A decision the turn needs. */
interface DecideAsk {
  kind: "decide";
  behaviour: Behaviour;
  /** What to recall memories by (built only when the agent has memories to search). */
  query: () => string;
  extra: Record<string, unknown>;
}

/** What a turn asks of its driver: a decision, or a search. */
type TurnAsk = DecideAsk | {
  kind: "search";
  query: string;
  k: number;
  exclude: Set<string>;
};

/** The steps of a turn; each `yield` waits for a decision's action or a search's results. */
type TurnSteps = Generator<TurnAsk, void, unknown>;

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

function decideAsk(
  behaviour: Behaviour,
  query: () => string,
  extra: Record<string, unknown>,
): DecideAsk {
  return { kind: "decide", behaviour, query, extra };
}

function* turnSteps(
  world: World,
  agent: SimAgent,
  time: SimTime,
  out: TurnOutput,
  drift: DriftFn,
  mood: () => Mood | undefined,
): TurnSteps {
  const inbox = agent.inbox;
  const feed = world.feed.view(world.graph, agent.id, time.round, feedSettings(world));
  const shared = sharedEvents(world, agent.id);
  // News the agent has not passed on yet: what draws a feed reader to the social network.
  const feedUnread = feed.filter((p) => p.eventId !== null && !shared.includes(p.eventId)).length;
  const choice = (yield decideAsk("choose", () => "what should I do now", {
    unread: inbox.length,
    hasFriends: world.graph.friends(agent.id).length > 0,
    ...(feedUnread > 0 ? { feedUnread } : {}),
  })) as Action;
  if (choice.type !== "choose" || choice.activity === "nothing") return;

  if (choice.activity === "recommender") {
    yield* browseSession(world, agent, time, out, drift);
  } else {
    yield* socialTurn(world, agent, time, out, { feed, shared, mood });
  }
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

function* browseSession(
  world: World,
  agent: SimAgent,
  time: SimTime,
  out: TurnOutput,
  drift: DriftFn,
): TurnSteps {
  const { round, iso: t } = time;
  const { maxPages, maxWatches, watchBusyRounds } = world.scenario.session;
  const size = world.scenario.recommender.pageSize;
  let page = world.nextPage(agent.id, round);
  let query: string | null = null;
  let pageIndex = 0;
  const watched: string[] = [];
  let fresh = true;
  for (let steps = 0; steps < maxPages + maxWatches + 2 && page.length > 0; steps++) {
    // After watching, the agent is back on the same page: it is not shown again.
    if (fresh) {
      out.events.push({
        type: "page",
        round,
        t,
        agent: agent.id,
        page: pageIndex,
        query,
        items: page.map((p) => p.itemId),
        source: query === null ? world.recommender.name : "search",
      });
      fresh = false;
    }
    const seenPage = page.map((p) => world.seen(agent.id, p.itemId, p.score))
      .filter((s) => !watched.includes(s.item.id));
    const searched = query;
    const action = (yield decideAsk(
      "browse",
      () => pageQuery(seenPage.map((s) => s.item.title), searched),
      { page: seenPage, pageIndex, query, watchedThisSession: watched },
    )) as Action;
    if (action.type === "leave") return;
    if (action.type === "watch") {
      const seen = seenPage.find((s) => s.item.id === action.itemId);
      if (!seen) return;
      watched.push(seen.item.id);
      const feel = (yield decideAsk("feel", () => `how did I feel about ${seen.item.title}`, {
        item: seen,
      })) as Action;
      const rating = feel.type === "feel" ? feel.rating : 3;
      agent.state.watched.push(seen.item.id);
      agent.state.ratings[seen.item.id] = rating;
      drift(agent, seen.item, rating);
      out.watches.push({ itemId: seen.item.id, rating });
      out.interactions.push({ userId: agent.id, itemId: seen.item.id, weight: rating, round });
      if (watched.length >= maxWatches) {
        agent.state.busyRounds = watchBusyRounds;
        return;
      }
      continue;
    }
    pageIndex++;
    fresh = true;
    if (pageIndex >= maxPages) return;
    if (action.type === "search") {
      query = action.query;
      const found = (yield {
        kind: "search",
        query,
        k: size,
        exclude: world.shown.get(agent.id)!,
      }) as ScoredItem[];
      page = found.map((f) => ({ itemId: f.itemId, score: f.score }));
      for (const p of page) world.shown.get(agent.id)!.add(p.itemId);
    } else {
      query = null;
      page = world.nextPage(agent.id, round);
    }
  }
}

function pageQuery(titles: string[], query: string | null): string {
  return `${query ? `searching for ${query}; ` : ""}choosing among ${titles.join(", ")}`;
}

function feedSettings(world: World) {
  const social = world.scenario.social;
  return {
    ranker: social.ranker ?? "chronological",
    size: social.feedSize ?? 10,
    decay: 0.8,
    stepMinutes: world.scenario.roundHours * 60,
  } as const;
}

/** Events an agent has passed on (posted about or reposted). */
function sharedEvents(world: World, agentId: string): string[] {
  const out = new Set<string>();
  for (const p of world.feed.byAuthor(agentId)) {
    if (p.eventId !== null && p.kind !== "comment") out.add(p.eventId);
  }
  return [...out];
}

/** What the social turn reads from the feed, and the mood of the latest decision. */
interface FeedTurn {
  feed: FeedPost[];
  shared: string[];
  mood: () => Mood | undefined;
}

function* socialTurn(
  world: World,
  agent: SimAgent,
  time: SimTime,
  out: TurnOutput,
  feedTurn: FeedTurn,
): TurnSteps {
  const { round, iso: t } = time;
  const { feed, shared } = feedTurn;
  const stances = agent.state.stances ?? {};
  for (const [eventId, from] of firstAuthors(feed)) {
    if (!(eventId in stances)) out.events.push({ type: "aware", round, t, agent: agent.id, from });
  }
  const friends = world.graph.friends(agent.id).map((id) => {
    const f = world.agent(id);
    const edge = world.graph.getEdge(agent.id, id);
    return {
      id,
      name: f.profile.name,
      closeness: edge?.closeness ?? 0.5,
      interests: f.profile.interests,
    };
  });
  const recent = agent.state.watched.slice(-5).reverse().map((id) => ({
    item: world.catalog.get(id)!,
    rating: agent.state.ratings[id] ?? null,
  }));
  const inbox = agent.inbox.splice(0).map((m) => ({
    fromId: m.fromId,
    fromName: m.fromName,
    text: m.text,
  }));
  const action = (yield decideAsk(
    "social",
    () =>
      feed.some((p) => p.eventId !== null)
        ? `reading my feed: ${feed.slice(0, 3).map((p) => p.text).join(" / ")}`
        : `talking with friends about ${recent.map((r) => r.item.title).join(", ") || "movies"}`,
    { friends, recent, inbox, feed, shared },
  )) as Action;
  applyMood(agent, feedTurn.mood(), feed, out, time);
  const message = (text: string, itemIds: string[], kind: InboxMessage["kind"]): InboxMessage => ({
    fromId: agent.id,
    fromName: agent.profile.name,
    text,
    itemIds: itemIds.filter((id) => world.catalog.has(id)),
    kind,
    round,
  });
  if (action.type === "chat" && world.graph.areFriends(agent.id, action.friendId)) {
    const text = action.dialogue.map((l) => `${l.speaker}: ${l.text}`).join("\n");
    out.outbox.push({ to: [action.friendId], message: message(text, action.itemIds, "chat") });
  } else if (action.type === "post") {
    const to = world.graph.friends(agent.id).slice();
    if (to.length) out.outbox.push({ to, message: message(action.text, action.itemIds, "post") });
    const parent = action.parent === undefined
      ? undefined
      : feed.find((p) => p.id === action.parent);
    writeFeed(agent, out, time, "post", action.text, parent);
  } else if (action.type === "repost" || action.type === "comment") {
    const parent = feed.find((p) => p.id === action.messageId);
    if (!parent) return;
    if (action.type === "repost") out.reposted.push(parent.id);
    writeFeed(
      agent,
      out,
      time,
      action.type,
      action.type === "repost" ? parent.text : action.text,
      parent,
    );
  }
}

/** The first account each event in the feed came from (feed order). */
function firstAuthors(feed: readonly FeedPost[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of feed) if (p.eventId !== null && !out.has(p.eventId)) out.set(p.eventId, p.author);
  return out;
}

/** Writes the emotion and stances a feed decision left, with an event for each change. */
function applyMood(
  agent: SimAgent,
  mood: Mood | undefined,
  feed: readonly FeedPost[],
  out: TurnOutput,
  time: SimTime,
): void {
  const { round, iso: t } = time;
  const stances = agent.state.stances ?? {};
  // Seeing an event gives the agent a stance towards it (neutral until a decision moves it).
  for (const eventId of firstAuthors(feed).keys()) stances[eventId] ??= 0;
  if (Object.keys(stances).length) agent.state.stances = stances;
  if (!mood) return;
  const level = Math.max(0, Math.min(EMOTION_LEVELS.length - 1, Math.round(mood.emotion)));
  if (level !== (agent.state.emotion ?? 0)) {
    out.events.push({ type: "emotion", round, t, agent: agent.id, emotion: EMOTION_LEVELS[level] });
  }
  agent.state.emotion = level;
  for (const [eventId, stance] of Object.entries(mood.stances)) {
    const s = Math.max(-1, Math.min(1, stance));
    if (attitudeOf(s) !== attitudeOf(stances[eventId] ?? 0)) {
      out.events.push({
        type: "attitude",
        round,
        t,
        agent: agent.id,
        attitude: attitudeOf(s),
        stance: s,
      });
    }
    stances[eventId] = s;
  }
  agent.state.stances = stances;
}

/** A message the agent writes to the feed; passing an event on is also a share event. */
function writeFeed(
  agent: SimAgent,
  out: TurnOutput,
  time: SimTime,
  kind: FeedPost["kind"],
  text: string,
  parent: FeedPost | undefined,
): void {
  const { round, iso: t } = time;
  const eventId = parent?.eventId ?? null;
  const emotion = agent.state.emotion ?? 0;
  const stance = eventId === null ? 0 : agent.state.stances?.[eventId] ?? 0;
  out.feedPosts.push({
    id: `${round}:${agent.id}:${out.feedPosts.length}`,
    author: agent.id,
    round,
    text,
    kind,
    parent: parent?.id ?? null,
    eventId,
    emotion,
    stance,
    reposts: 0,
  });
  if (eventId !== null && kind !== "comment") {
    out.events.push({
      type: "share",
      round,
      t,
      agent: agent.id,
      kind,
      parent: parent!.author,
      text,
      emotion: EMOTION_LEVELS[emotion],
      attitude: attitudeOf(stance),
    });
  }
}
