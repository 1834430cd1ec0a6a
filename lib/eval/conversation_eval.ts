/**
 * Believability of chats and posts (the paper's conversation protocol). After chosen rounds
 * of a simulation (the paper: 5, 10 and 15) every agent's chats and posts so far are shown
 * next to its profile and its past behaviour (watched movies with ratings); raters answer
 * four 1–5 questions per agent and checkpoint — are the chats, and are the posts, consistent
 * with the profile and with the past behaviour. An agent with no chats (or no posts) at a
 * checkpoint gets no questions about them. This file builds the snapshots; the sheet, its
 * import and the table are in `conversation_eval_sheet.ts`, the LLM rater in
 * `conversation_eval_rater.ts`.
 *
 * @module
 */
import type { Profile } from "../profile/schema.ts";
import type { Catalog } from "../recsys/catalog.ts";
import type { Engine } from "../sim/engine.ts";
import type { SimEvent } from "../sim/events.ts";
import { messageRows, ratingRows } from "../sim/tables.ts";

/** The four questions, in the sheet's order. */
export const CONVERSATION_QUESTIONS = [
  "chat_profile",
  "chat_behaviour",
  "post_profile",
  "post_behaviour",
] as const;
/** One question. */
export type ConversationQuestion = typeof CONVERSATION_QUESTIONS[number];

/** What each question asks, as raters and the LLM rater read it. */
export const QUESTION_TEXT: Readonly<Record<ConversationQuestion, string>> = {
  chat_profile: "Are the chats consistent with the agent's profile?",
  chat_behaviour: "Are the chats consistent with the agent's past behaviour?",
  post_profile: "Are the posts consistent with the agent's profile?",
  post_behaviour: "Are the posts consistent with the agent's past behaviour?",
};

/** The value written where a question does not apply. */
export const NOT_APPLICABLE = "n/a";

/** One agent at one checkpoint. */
export interface ConversationItem {
  /** "C001", in checkpoint then agent order. */
  itemId: string;
  agentId: string;
  /** Rounds completed when the snapshot was taken. */
  checkpoint: number;
  /** The profile in one line. */
  profile: string;
  /** Watched movies with ratings, oldest first. */
  past: string;
  /** Each chat the agent took part in (started or answered), as a dialogue. */
  chats: string[];
  posts: string[];
}

/** Options of {@link conversationItems}. */
export interface ConversationOptions {
  /** Rounds completed at each snapshot (the paper: 5, 10, 15). */
  checkpoints: readonly number[];
  /** Agents to include (default: every profile given). */
  agents?: readonly string[];
  /** Most recent watched movies shown (default 10). */
  pastShown?: number;
}

/**
 * A profile in one line.
 *
 * @param p The profile.
 * @returns "Name, gender, age, career; traits …; interests …; features …".
 */
export function profileLine(p: Profile): string {
  return `${p.name}, ${p.gender}, ${p.age}, ${p.career || "no career given"}; traits: ${
    p.traits.join(", ") || "none"
  }; interests: ${p.interests.join(", ") || "none"}; features: ${p.features.join(", ") || "none"}`;
}

/**
 * Which questions apply to an item: chat questions need chats, post questions posts.
 *
 * @param item The item.
 * @returns The questions to ask, in the sheet's order.
 */
export function applicable(item: ConversationItem): ConversationQuestion[] {
  return CONVERSATION_QUESTIONS.filter((q) =>
    q.startsWith("chat") ? item.chats.length > 0 : item.posts.length > 0
  );
}

/**
 * Snapshots every agent's chats and posts at each checkpoint from an event log (a live
 * engine's or a saved run's). Rounds are numbered from 0, so checkpoint k holds rounds
 * 0…k−1. Agents with neither chats nor posts at a checkpoint have nothing to rate and are
 * left out.
 *
 * @param events The event log.
 * @param profiles Profiles by agent id.
 * @param catalog The catalog (titles of watched movies).
 * @param options Checkpoints, agents, past shown.
 * @returns Items in checkpoint, then agent order.
 *
 * @example An agent that only posted gets post questions only
 * ```ts
 * import { applicable, conversationItems } from "@lib/eval/conversation_eval.ts";
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import type { SimEvent } from "@lib/sim/events.ts";
 * import assert from "node:assert/strict";
 * const profile = { id: "a", name: "Ann", gender: "female", age: 30, traits: [], career: "", interests: [], features: [], extras: {} };
 * const post = { type: "post" as const, text: "Loved it", itemIds: [] };
 * const events: SimEvent[] = [{ seq: 0, round: 0, t: "", type: "decision", agent: "a", behaviour: "social", brain: "rule", action: post, rationale: "", calls: 0, tokens: 0, failure: null }];
 * const [item] = conversationItems(events, new Map([["a", profile]]), new Catalog([]), { checkpoints: [1] });
 * assert.deepEqual([item.posts, applicable(item)], [["Round 0: Loved it"], ["post_profile", "post_behaviour"]]);
 * ```
 */
export function conversationItems(
  events: readonly SimEvent[],
  profiles: ReadonlyMap<string, Profile>,
  catalog: Catalog,
  options: ConversationOptions,
): ConversationItem[] {
  const messages = messageRows(events);
  const ratings = ratingRows(events);
  const agents = options.agents ?? [...profiles.keys()];
  const shown = options.pastShown ?? 10;
  // Dialogue lines start with the speaker's id, so the header names both with their ids.
  const name = (id: string | null) => `${(id && profiles.get(id)?.name) ?? "?"} (${id ?? "?"})`;
  const items: Omit<ConversationItem, "itemId">[] = [];
  for (const checkpoint of [...options.checkpoints].sort((a, b) => a - b)) {
    for (const agentId of agents) {
      const profile = profiles.get(agentId);
      if (!profile) throw new RangeError(`no profile for agent "${agentId}"`);
      const mine = messages.filter((m) =>
        m.round < checkpoint && (m.agentId === agentId || m.to === agentId)
      );
      const chats = mine.filter((m) => m.kind === "chat").map((m) =>
        `Round ${m.round}, ${name(m.agentId)} with ${name(m.to)}: ${m.text}`
      );
      const posts = mine.filter((m) => m.kind === "post" && m.agentId === agentId)
        .map((m) => `Round ${m.round}: ${m.text}`);
      if (chats.length === 0 && posts.length === 0) continue;
      const past = ratings.filter((r) => r.round < checkpoint && r.agentId === agentId)
        .slice(-shown)
        .map((r) => `<${catalog.get(r.itemId)?.title ?? r.itemId}> (${r.score}/5)`);
      items.push({
        agentId,
        checkpoint,
        profile: profileLine(profile),
        past: past.join(" → ") || "(nothing watched yet)",
        chats,
        posts,
      });
    }
  }
  return items.map((it, i) => ({ ...it, itemId: `C${String(i + 1).padStart(3, "0")}` }));
}

/**
 * Runs an engine through the checkpoints and snapshots the conversations at each.
 *
 * @param engine A simulation (rounds already run count; it runs on to the last checkpoint).
 * @param options Checkpoints, agents, past shown.
 * @returns Items, as {@link conversationItems}.
 */
export async function collectConversations(
  engine: Engine,
  options: ConversationOptions,
): Promise<ConversationItem[]> {
  const last = Math.max(...options.checkpoints);
  while (engine.world.round < last) await engine.step();
  const profiles = new Map([...engine.world.agents.values()].map((a) => [a.id, a.profile]));
  return conversationItems(engine.log.events, profiles, engine.world.catalog, options);
}
