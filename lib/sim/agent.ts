/**
 * A simulated agent: profile, taste state, memory, inbox and activity level.
 *
 * @module
 */
import type { AgentState } from "../brain/context.ts";
import type { Profile } from "../profile/schema.ts";
import { initialGenreWeights } from "../brain/rule/taste.ts";
import { type TasteTable, withTasteRow } from "../brain/rule/taste_table.ts";
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
 * Agents with the same interests share one frozen weights object: weights are only ever
 * replaced (drift, interventions), never changed in place, and a million agents drawn from a
 * few dozen profiles would otherwise hold a million copies (about 470 bytes each). Given a
 * world's taste table, the weights move to a row of it at the agent's first drift (see
 * lib/brain/rule/taste_table.ts); `genreWeights` reads the same either way.
 *
 * @param profile The profile.
 * @param tastes The world's taste table (none: the weights stay a record).
 * @returns A fresh state (its genre weights frozen and possibly shared).
 *
 * @example Interests become genre weights, shared by agents with the same interests
 * ```ts
 * import { initialState } from "@lib/sim/agent.ts";
 * import assert from "node:assert/strict";
 * const p = { id: "1", name: "A", gender: "f", age: 30, traits: [], career: "x",
 *   interests: ["sci-fi movies"], features: [], extras: {} };
 * const s = initialState(p);
 * assert.ok(s.genreWeights["Sci-Fi"] > s.genreWeights["Drama"]);
 * assert.equal(initialState({ ...p, id: "2" }).genreWeights, s.genreWeights);
 * assert.ok(Object.isFrozen(s.genreWeights));
 * ```
 */
export function initialState(profile: Profile, tastes?: TasteTable): AgentState {
  const genreWeights = sharedWeights(profile);
  const conformity = profile.conformity ?? 0.5;
  if (tastes === undefined) {
    return { genreWeights, watched: [], ratings: {}, heardOf: {}, conformity, busyRounds: 0 };
  }
  // The weights first, as on a plain state: the keys' order is the checkpoint's.
  const state = withTasteRow({}, tastes, genreWeights) as AgentState;
  state.watched = [];
  state.ratings = {};
  state.heardOf = {};
  state.conformity = conformity;
  state.busyRounds = 0;
  return state;
}

/**
 * A state read back (a checkpoint, a fork) with its genre weights moved to a world's taste
 * table, the other fields as they were and in the same order.
 *
 * @param state The state.
 * @param tastes The world's taste table.
 * @returns A state on the table, or the state itself when its first key is not its weights.
 */
export function stateOnTable(state: AgentState, tastes: TasteTable): AgentState {
  const keys = Object.keys(state);
  if (keys[0] !== "genreWeights") return state;
  const out = withTasteRow({}, tastes, state.genreWeights) as Record<string, unknown>;
  for (let k = 1; k < keys.length; k++) {
    out[keys[k]] = (state as unknown as Record<string, unknown>)[keys[k]];
  }
  return out as unknown as AgentState;
}

/** Frozen starting weights by interests; bounded, past which agents get their own copy. */
const SHARED = new Map<string, Readonly<Record<string, number>>>();
const SHARED_MAX = 10_000;

function sharedWeights(profile: Profile): Record<string, number> {
  const key = profile.interests.join("\u0000");
  let w = SHARED.get(key);
  if (w === undefined) {
    w = Object.freeze(initialGenreWeights(profile));
    if (SHARED.size < SHARED_MAX) SHARED.set(key, w);
  }
  return w as Record<string, number>;
}
