/**
 * A simulated agent: profile, taste state, memory, inbox and activity level.
 *
 * @module
 */
import type { AgentState } from "../brain/context.ts";
import type { Profile } from "../profile/schema.ts";
import { interestGenres } from "../profile/genres.ts";
import type { MemoryPort } from "./ports.ts";

/** Profile genres named differently in some catalogs (MovieLens says "Children's"). */
const GENRE_ALIASES: Readonly<Record<string, string>> = { Family: "Children's" };

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
 * The starting taste of an agent: its profile interests as genre weights.
 *
 * @param profile The profile.
 * @param genres The catalog's genres (weights for the rest start small, not zero, so tastes can
 *   drift there).
 * @returns A fresh state.
 *
 * @example
 * ```ts
 * import { initialState } from "@lib/sim/agent.ts";
 * import assert from "node:assert/strict";
 * const s = initialState({ id: "1", name: "A", gender: "f", age: 30, traits: [], career: "x",
 *   interests: ["sci-fi movies"], features: [], extras: {} }, ["Sci-Fi", "Drama"]);
 * assert.ok(s.genreWeights["Sci-Fi"] > s.genreWeights["Drama"]);
 * ```
 */
export function initialState(profile: Profile, genres: readonly string[]): AgentState {
  const known = new Set(genres);
  const liked = new Set<string>(
    interestGenres(profile).map((g) => known.has(g) ? g : GENRE_ALIASES[g] ?? g),
  );
  const weights: Record<string, number> = {};
  for (const g of genres) weights[g] = liked.has(g) ? 1 : 0.05;
  for (const g of liked) weights[g] ??= 1;
  const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  for (const g of Object.keys(weights)) weights[g] /= total;
  return {
    genreWeights: weights,
    watched: [],
    ratings: {},
    heardOf: {},
    conformity: profile.conformity ?? 0.5,
    busyRounds: 0,
  };
}
