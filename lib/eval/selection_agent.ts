/**
 * An agent built from a user's history only: a profile holding the data set's age, gender
 * and occupation (nothing else), a state whose genre weights come from interest drift over
 * the history in time order (starting from uniform weights), and a memory that observed
 * every history item in order. The ground truth and the negatives are never passed here.
 *
 * @module
 */
import type { AgentState } from "../brain/context.ts";
import { driftInterests } from "../brain/rule/drift.ts";
import { initialGenreWeights } from "../brain/rule/taste.ts";
import { Rng } from "../core/rng.ts";
import type { Embedder } from "../llm/embedder.ts";
import { HashedEmbedder } from "../llm/hashed_embedder.ts";
import { AgentMemory } from "../memory/agent_memory.ts";
import type { MemoryConfigInput } from "../memory/config.ts";
import type { MlUser } from "../profile/movielens_read.ts";
import type { Profile } from "../profile/schema.ts";
import type { HistoryEntry } from "./selection_data.ts";

/** What the protocol builds for one user. */
export interface HistoryAgent {
  profile: Profile;
  state: AgentState;
  /** The memory after observing the history (null when not asked for). */
  memory: AgentMemory | null;
  /** Simulated hour of the last history item (retrievals happen one hour later). */
  now: number;
}

/** Options of {@link agentFromHistory}. */
export interface HistoryAgentOptions {
  /** Drift rate per history item (default 0.1, the scenarios' default). */
  drift?: number;
  /** Build a memory (default true). */
  memory?: boolean;
  /** Embedder for the memory (default: the hashed embedder). */
  embedder?: Embedder;
  /** Memory configuration (ablations). */
  memoryConfig?: MemoryConfigInput;
  /** Seed of the memory's forgetting draws. */
  seed?: number | string;
}

/**
 * The profile of a MovieLens user: id, a neutral name, age, gender and occupation only.
 *
 * @param user The user.
 * @returns The profile (no traits, interests or features).
 *
 * @example
 * ```ts
 * import { profileOfUser } from "@lib/eval/selection_agent.ts";
 * import assert from "node:assert/strict";
 * const p = profileOfUser({ id: "7", age: 30, gender: "female", occupation: "writer", zip: "12345" });
 * assert.deepEqual([p.age, p.gender, p.career, p.interests.length], [30, "female", "writer", 0]);
 * ```
 */
export function profileOfUser(user: MlUser): Profile {
  return {
    id: `ml:${user.id}`,
    name: `User ${user.id}`,
    gender: user.gender,
    age: user.age,
    traits: [],
    career: user.occupation,
    interests: [],
    features: [],
    extras: {},
  };
}

/**
 * The memory sentence of a history item.
 *
 * @param e A history entry.
 * @returns "I watched <Title> (Genre, Genre; 1995) and rated it 4 out of 5."
 */
export function historySentence(e: HistoryEntry): string {
  const year = e.item.year === null ? "" : `; ${e.item.year}`;
  return `I watched <${e.item.title}> (${
    e.item.genres.join(", ")
  }${year}) and rated it ${e.rating} out of 5.`;
}

/**
 * Builds the agent of a user from its history.
 *
 * @param user The user (age, gender, occupation).
 * @param history Rated items before the ground truth, oldest first.
 * @param options Drift, memory and embedder.
 * @returns Profile, state, memory.
 *
 * @example Genre weights lean to what the user watched
 * ```ts
 * import { agentFromHistory } from "@lib/eval/selection_agent.ts";
 * import assert from "node:assert/strict";
 * const item = (id: string, g: string) => ({ id, title: id, genres: [g], year: null, description: "", popularity: 1, quality: 0.5 });
 * const agent = await agentFromHistory({ id: "1", age: 20, gender: "male", occupation: "student", zip: "" },
 *   [1, 2, 3].map((i) => ({ item: item(`s${i}`, "Sci-Fi"), rating: 5, timestamp: i * 3600 })), { memory: false });
 * assert.ok(agent.state.genreWeights["Sci-Fi"] > agent.state.genreWeights["Comedy"]);
 * assert.deepEqual(agent.state.watched, ["s1", "s2", "s3"]);
 * ```
 */
export async function agentFromHistory(
  user: MlUser,
  history: readonly HistoryEntry[],
  options: HistoryAgentOptions = {},
): Promise<HistoryAgent> {
  const profile = profileOfUser(user);
  const state: AgentState = {
    genreWeights: initialGenreWeights(profile),
    watched: [],
    ratings: {},
    heardOf: {},
    conformity: 0,
    busyRounds: 0,
  };
  const t0 = history[0]?.timestamp ?? 0;
  const hour = (t: number) => (t - t0) / 3600;
  const memory = options.memory === false ? null : new AgentMemory({
    embedder: options.embedder ?? new HashedEmbedder(),
    rng: new Rng(options.seed ?? `memory:${user.id}`),
    config: options.memoryConfig,
  });
  for (const e of history) {
    driftInterests(state, e.item, e.rating, options.drift ?? 0.1);
    state.watched.push(e.item.id);
    state.ratings[e.item.id] = e.rating;
    // A loved or hated film is worth remembering; a lukewarm one less so.
    await memory?.observe(
      { text: historySentence(e), importance: 2 + 2 * Math.abs(e.rating - 3) },
      hour(e.timestamp),
    );
  }
  const now = history.length ? hour(history[history.length - 1].timestamp) + 1 : 0;
  return { profile, state, memory, now };
}
