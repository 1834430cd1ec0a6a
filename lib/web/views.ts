/**
 * JSON views of a run for the dashboard: the state panel with the social side's most
 * mentioned items, each agent's current state (idle, watching, chatting, posting), profile
 * cards, and one readable line per event. Every number is computed from the world and the
 * event log, so a saved run shows the same panel as the live one did.
 *
 * @module
 */
import type { Engine } from "../sim/engine.ts";
import type { SimEvent } from "../sim/events.ts";
import { type StatePanel, statePanel } from "../sim/summary.ts";
import type { Profile } from "../profile/schema.ts";

/** What an agent is doing, as the graph colours it. */
export type AgentActivity = "idle" | "watching" | "chatting" | "posting";

/** The state panel plus what the original GUI also lists for the social network. */
export interface DashboardState extends StatePanel {
  /** The next round to run. */
  round: number;
  /** Items named most often in chats and posts, most mentioned first. */
  mostMentioned: { itemId: string; title: string; mentions: number }[];
  /** LLM calls, tokens and failures so far. */
  totals: { calls: number; tokens: number; failures: number };
}

/**
 * The dashboard's state panel.
 *
 * @param engine The run.
 * @param n How many most mentioned items to list.
 * @returns Counters of the recommender and the social network.
 *
 * @example A fresh world has no interactions from the simulation yet
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { dashboardState } from "@lib/web/views.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 1, agents: { source: "csv", count: 6 } });
 * const s = dashboardState(engine);
 * assert.equal(s.recommender.users, 6);
 * assert.deepEqual(s.mostMentioned, []);
 * ```
 */
export function dashboardState(engine: Engine, n = 5): DashboardState {
  const counts = new Map<string, number>();
  for (const e of engine.log.events) {
    if (e.type !== "decision") continue;
    if (e.action.type !== "chat" && e.action.type !== "post") continue;
    for (const id of new Set(e.action.itemIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const catalog = engine.world.catalog;
  const mostMentioned = [...counts].map(([itemId, mentions]) => ({
    itemId,
    title: catalog.get(itemId)?.title ?? itemId,
    mentions,
  })).sort((a, b) => b.mentions - a.mentions || a.title.localeCompare(b.title)).slice(0, n);
  return {
    ...statePanel(engine),
    round: engine.world.round,
    mostMentioned,
    totals: engine.totals,
  };
}

/**
 * What each agent did in the last round: watching (watched an item or is still busy
 * watching), chatting, posting, or idle.
 *
 * @param engine The run.
 * @returns Activity by agent id (every agent present).
 */
export function agentActivities(engine: Engine): Map<string, AgentActivity> {
  const w = engine.world;
  const out = new Map<string, AgentActivity>(
    w.ids.map((id) => [id, w.agent(id).state.busyRounds > 0 ? "watching" : "idle"]),
  );
  const last = w.round - 1;
  const events = engine.log.events;
  for (let i = events.length - 1; i >= 0 && events[i].round >= last; i--) {
    const e = events[i];
    if (e.round !== last) continue;
    if (e.type === "busy") out.set(e.agent, "watching");
    if (e.type !== "decision") continue;
    if (e.action.type === "watch") out.set(e.agent, "watching");
    if (e.action.type === "chat") out.set(e.agent, "chatting");
    if (e.action.type === "post") out.set(e.agent, "posting");
  }
  return out;
}

/** An agent's card on the page. */
export interface AgentCard {
  id: string;
  profile: Profile;
  activity: AgentActivity;
  /** The brain's descriptive name. */
  brain: string;
  /** Whether a person plays this agent now. */
  human: boolean;
  friends: { id: string; name: string }[];
  watched: number;
  /** The last few items watched with the rating given, most recent first. */
  recent: { itemId: string; title: string; rating: number | null }[];
  /** The strongest genres of the agent's current taste, with their share. */
  topGenres: { genre: string; share: number }[];
}

/**
 * The profile card of one agent.
 *
 * @param engine The run.
 * @param id The agent (throws RangeError when unknown).
 * @param activities From {@link agentActivities} (computed when absent).
 * @returns The card.
 */
export function agentCard(
  engine: Engine,
  id: string,
  activities = agentActivities(engine),
): AgentCard {
  const w = engine.world;
  const a = w.agent(id);
  const brain = w.brainOf(id);
  const weights = Object.entries(a.state.genreWeights);
  const total = weights.reduce((s, [, v]) => s + v, 0) || 1;
  return {
    id,
    profile: a.profile,
    activity: activities.get(id) ?? "idle",
    brain: brain.name,
    human: brain.kind === "human",
    friends: w.graph.friends(id).map((f) => ({ id: f, name: w.agent(f).profile.name })),
    watched: a.state.watched.length,
    recent: a.state.watched.slice(-5).reverse().map((itemId) => ({
      itemId,
      title: w.catalog.get(itemId)?.title ?? itemId,
      rating: a.state.ratings[itemId] ?? null,
    })),
    topGenres: weights.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 3)
      .map(([genre, v]) => ({ genre, share: v / total })),
  };
}

/** One event as a line of the page's log. */
export interface LogLine {
  seq: number;
  round: number;
  type: SimEvent["type"];
  /** The agent the event is about (the sender of a delivery), or null. */
  agent: string | null;
  /** The action type of a decision, else the event type (what the log filters on). */
  action: string;
  text: string;
}

/**
 * Describes an event in one readable line.
 *
 * @param engine The run (for names and titles).
 * @param e The event.
 * @returns The line.
 */
export function logLine(engine: Engine, e: SimEvent): LogLine {
  const w = engine.world;
  const name = (id: string) => w.agents.get(id)?.profile.name ?? id;
  const title = (id: string) => `<${w.catalog.get(id)?.title ?? id}>`;
  const base = { seq: e.seq, round: e.round, type: e.type, agent: null, action: e.type };
  switch (e.type) {
    case "round_start":
      return { ...base, text: `Round ${e.round} begins: ${e.active.length} agents active` };
    case "page":
      return {
        ...base,
        agent: e.agent,
        text: `${name(e.agent)} sees page ${e.page + 1} (${e.source}${
          e.query === null ? "" : ` "${e.query}"`
        }): ${e.items.map(title).join(", ")}`,
      };
    case "busy":
      return { ...base, agent: e.agent, text: `${name(e.agent)} is busy watching` };
    case "deliver":
      return {
        ...base,
        agent: e.from,
        text: `${name(e.from)}'s ${e.kind} reached ${name(e.to)}`,
      };
    case "fit":
      return {
        ...base,
        text: `Recommender ${e.algorithm} retrained on ${e.interactions} interactions`,
      };
    case "intervention":
      return {
        ...base,
        agent: e.agent,
        text: `Intervention ${e.kind}${e.agent ? ` on ${name(e.agent)}` : ""}: ${
          JSON.stringify(e.detail).slice(0, 200)
        }`,
      };
    case "seed":
      return {
        ...base,
        agent: e.agent,
        text: `${name(e.agent)} posts the event (${e.emotion}, ${e.attitude}): ${clip(e.text)}`,
      };
    case "aware":
      return { ...base, agent: e.agent, text: `${name(e.agent)} reads of it from ${name(e.from)}` };
    case "share":
      return {
        ...base,
        agent: e.agent,
        text: `${name(e.agent)} ${e.kind === "repost" ? "reposts" : "posts on"} ${
          name(e.parent)
        }'s message (${e.emotion}, ${e.attitude}): ${clip(e.text)}`,
      };
    case "emotion":
      return { ...base, agent: e.agent, text: `${name(e.agent)} now feels ${e.emotion}` };
    case "attitude":
      return { ...base, agent: e.agent, text: `${name(e.agent)} turns ${e.attitude}` };
    case "round_end":
      return {
        ...base,
        text:
          `Round ${e.round} ends: ${e.decisions} decisions, ${e.calls} LLM calls, ${e.tokens} tokens, ${e.failures} failures`,
      };
    case "survey":
      return {
        ...base,
        agent: e.agent,
        text: `${name(e.agent)} [${e.brain}] scores ${
          e.item ? title(e.item) : "the recommendations"
        } ${e.score}/10 (${e.question}): ${e.reason}`,
      };
    case "interview": {
      const failure = e.failure ? ` (failed: ${e.failure})` : "";
      return {
        ...base,
        agent: e.agent,
        text: `${name(e.agent)} [${e.brain}] is asked "${clip(e.question)}" and answers: ${
          clip(e.answer)
        }${failure}`,
      };
    }
    case "decision": {
      const who = name(e.agent);
      const a = e.action;
      const said = (() => {
        switch (a.type) {
          case "choose":
            return `chooses ${a.activity === "nothing" ? "to rest" : `the ${a.activity}`}`;
          case "watch":
            return `watches ${title(a.itemId)}`;
          case "next_page":
            return "asks for the next page";
          case "search":
            return `searches for "${a.query}"`;
          case "leave":
            return "leaves the recommender";
          case "feel":
            return `rates ${title(a.itemId)} ${a.rating}/5: ${a.feeling}`;
          case "chat":
            return `chats with ${name(a.friendId)}: ${
              a.dialogue.map((l) => `${l.speaker}: ${l.text}`).join(" / ")
            }`;
          case "post":
            return `posts: ${a.text}`;
          case "repost":
            return `reposts message ${a.messageId}`;
          case "comment":
            return `comments on message ${a.messageId}: ${a.text}`;
          case "nothing":
            return "does nothing";
          case "answer":
            return `answers: ${a.text}`;
        }
        return a satisfies never;
      })();
      const failure = e.failure ? ` (fallback: ${e.failure})` : "";
      return {
        ...base,
        agent: e.agent,
        action: a.type,
        text: `${who} [${e.brain}] ${said}${failure}`,
      };
    }
  }
  // Event types added later still show, by type and agent.
  const other = e as { type: string; agent?: string };
  return { ...base, agent: other.agent ?? null, text: other.type };
}

/** Shortens long text for a log line (the full text stays in the event). */
function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
