/**
 * The steps of one agent's turn, as a generator: choose recommender / social / nothing, then
 * browse pages (watch, next page, search, leave) and say how watched items felt, or chat with a
 * friend, post, repost or comment. Each step that needs a decision or a search yields what it
 * needs and resumes with the answer, so one description of a turn serves a driver that waits
 * (LLM brains, memories) and one that does not (rule brains at scale); see lib/sim/turn.ts.
 *
 * @module
 */
import type { Action, Behaviour } from "../brain/action.ts";
import type { Mood } from "../brain/brain.ts";
import type { FeedPost, SimTime } from "../brain/context.ts";
import { attitudeOf, EMOTION_LEVELS } from "../social/emotion_attitude.ts";
import type { ScoredItem } from "../recsys/item.ts";
import type { InboxMessage, SimAgent } from "./agent.ts";
import type { DriftFn, TurnOutput } from "./turn.ts";
import type { World } from "./world.ts";

/** A decision the turn needs. */
export interface DecideAsk {
  kind: "decide";
  behaviour: Behaviour;
  /** What to recall memories by (built only when the agent has memories to search). */
  query: () => string;
  extra: Record<string, unknown>;
}

/** What a turn asks of its driver: a decision, or a search. */
export type TurnAsk = DecideAsk | {
  kind: "search";
  query: string;
  k: number;
  exclude: Set<string>;
};

/** The steps of a turn; each `yield` waits for a decision's action or a search's results. */
export type TurnSteps = Generator<TurnAsk, void, unknown>;

function decideAsk(
  behaviour: Behaviour,
  query: () => string,
  extra: Record<string, unknown>,
): DecideAsk {
  return { kind: "decide", behaviour, query, extra };
}

/**
 * The steps of an agent's turn (the agent is not busy).
 *
 * @param world The world (read as of the round's start; only this agent is changed).
 * @param agent The agent.
 * @param time Simulated time.
 * @param out Where events and effects go.
 * @param drift Interest drift after a watch.
 * @param mood The mood of the latest decision.
 * @returns The steps.
 */
export function* turnSteps(
  world: World,
  agent: SimAgent,
  time: SimTime,
  out: TurnOutput,
  drift: DriftFn,
  mood: () => Mood | undefined,
): TurnSteps {
  const inbox = agent.inbox;
  // The feed as the round started (messages are added and reposted only when it ends), read
  // when a decision needs it: where no message is news, the choice below does not, and only
  // the agents that go social open it.
  let read: { feed: FeedPost[]; shared: string[] } | null = null;
  const readFeed = () =>
    read ??= {
      feed: world.feed.view(world.graph, agent.id, time.round, feedSettings(world)),
      shared: sharedEvents(world, agent.id),
    };
  // News the agent has not passed on yet: what draws a feed reader to the social network.
  let feedUnread = 0;
  if (world.feed.hasNews) {
    const { feed, shared } = readFeed();
    feedUnread = feed.filter((p) => p.eventId !== null && !shared.includes(p.eventId)).length;
  }
  const choice = (yield decideAsk("choose", () => "what should I do now", {
    unread: inbox.length,
    hasFriends: world.graph.friends(agent.id).length > 0,
    ...(feedUnread > 0 ? { feedUnread } : {}),
  })) as Action;
  if (choice.type !== "choose" || choice.activity === "nothing") return;

  if (choice.activity === "recommender") {
    yield* browseSession(world, agent, time, out, drift);
  } else {
    yield* socialTurn(world, agent, time, out, { ...readFeed(), mood });
  }
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
    const asSeen = world.seenPage(agent, page);
    // Most pages come before any watch: nothing to take out, no copy.
    const seenPage = watched.length ? asSeen.filter((s) => !watched.includes(s.item.id)) : asSeen;
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
      const shown = world.shownTo(agent.id);
      const found = (yield { kind: "search", query, k: size, exclude: shown }) as ScoredItem[];
      page = found.map((f) => ({ itemId: f.itemId, score: f.score }));
      for (const p of page) shown.add(p.itemId);
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
    return {
      id,
      name: f.profile.name,
      closeness: world.graph.closeness(agent.id, id) ?? 0.5,
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
  // Seeing an event gives the agent a stance towards it: its standing leaning (neutral when it
  // has none) until a decision moves it, so a first decision that keeps the leaning is no change.
  const leaning = agent.state.leaning ?? 0;
  for (const eventId of firstAuthors(feed).keys()) stances[eventId] ??= leaning;
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
