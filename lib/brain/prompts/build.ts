/**
 * Assembles a behaviour-adaptive prompt: the system message (who the agent is, how to treat
 * data) and the behaviour's user message (simplified profile + time + memories + observation +
 * instruction), both from templates.
 *
 * @module
 */
import type { ChatMessage } from "../../llm/types.ts";
import type { DecisionContext } from "../context.ts";
import { renderTemplate } from "./render.ts";
import type { PromptTemplates } from "./templates.ts";
import { promptVars } from "./views.ts";

/**
 * Builds the chat messages for a decision.
 *
 * @param ctx The decision context.
 * @param templates The templates in use (from `loadTemplates`).
 * @returns A system and a user message.
 *
 * @example The feel prompt names the movie and the time
 * ```ts
 * import { buildPrompt, loadTemplates } from "@lib/brain/prompts/mod.ts";
 * import assert from "node:assert/strict";
 * const item = { id: "i1", title: "Alien", genres: ["Sci-Fi"], year: 1979, description: "Space horror.", popularity: 1, quality: 0.9 };
 * const ctx = { behaviour: "feel", agentId: "a", memories: ["I like space films."],
 *   time: { round: 0, iso: "", label: "Monday, 08:00" },
 *   profile: { id: "a", name: "Ann", gender: "f", age: 30, traits: [], career: "nurse", interests: [], features: [], extras: {} },
 *   item: { item, friendsWatched: 0, mentions: 0, avgRating: null } };
 * const [system, user] = buildPrompt(ctx as never, await loadTemplates());
 * assert.equal(system.role, "system");
 * assert.match(user.content, /<Alien> \(1979\)/);
 * assert.match(user.content, /Monday, 08:00/);
 * assert.match(user.content, /- I like space films\./);
 * ```
 */
export function buildPrompt(ctx: DecisionContext, templates: PromptTemplates): ChatMessage[] {
  const vars = promptVars(ctx);
  return [
    {
      role: "system",
      content: renderTemplate(templates.parsed.system, vars, templates.sources.system).trim(),
    },
    {
      role: "user",
      content: renderTemplate(
        templates.parsed[ctx.behaviour],
        vars,
        templates.sources[ctx.behaviour],
      )
        .trim(),
    },
  ];
}
