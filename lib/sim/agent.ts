/**
 * A simulated agent: profile, taste state, memory, inbox and activity level.
 *
 * @module
 */
import type { AgentState } from "../brain/context.ts";
import type { Profile } from "../profile/schema.ts";
import { initialGenreWeights } from "../brain/rule/taste.ts";
import type { MemoryPort } from "./ports.ts";

/** A message waiting for an agent. */
export interface InboxMessage {
  fromId: string;
  fromName: string;
  text: string;
  itemIds: string[];
  kind: "chat" | "post" | "broadcast";
  round: number;
}

/** One agent of the world. */
export interface SimAgent {
  /** Unique id (the only key that resolves an agent). */
  id: string;
  profile: Profile;
  state: AgentState;
  memory: MemoryPort;
  inbox: InboxMessage[];
  /** Pareto activity level. */
  activity: number;
}

/**
 * The starting state of an agent: its profile interests as canonical genre weights.
 *
 * @param profile The profile.
 * @returns A fresh state.
 *
 * @example Interests become genre weights
 * ```ts
 * import { initialState } from "@lib/sim/agent.ts";
 * import assert from "node:assert/strict";
 * const s = initialState({ id: "1", name: "A", gender: "f", age: 30, traits: [], career: "x",
 *   interests: ["sci-fi movies"], features: [], extras: {} });
 * assert.ok(s.genreWeights["Sci-Fi"] > s.genreWeights["Drama"]);
 * ```
 */
export function initialState(profile: Profile): AgentState {
  return {
    genreWeights: initialGenreWeights(profile),
    watched: [],
    ratings: {},
    heardOf: {},
    conformity: profile.conformity ?? 0.5,
    busyRounds: 0,
  };
}
