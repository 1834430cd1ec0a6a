/**
 * What the engine needs from the recommender and the memory, kept minimal so any
 * implementation (ours, or a researcher's own) plugs in.
 *
 * @module
 */
import type { Interaction, ScoredItem } from "../recsys/item.ts";

/** A recommender as the engine drives it. */
export interface RecommenderPort {
  /** Algorithm name recorded in events ("mf", "popular", …). */
  readonly name: string;
  /**
   * Retrains on all interactions so far.
   *
   * @param interactions Initial plus simulated interactions.
   */
  fit(interactions: readonly Interaction[]): void | Promise<void>;
  /**
   * Ranks items for a user.
   *
   * @param userId The agent.
   * @param k How many.
   * @param exclude Items not to return (already shown).
   * @returns Best first.
   */
  recommend(userId: string, k: number, exclude: ReadonlySet<string>): ScoredItem[];
}

/** Searches the catalog by text. */
export interface SearchPort {
  /**
   * @param query Free text.
   * @param k How many.
   * @param exclude Items not to return.
   * @returns Best first.
   */
  search(
    query: string,
    k: number,
    exclude: ReadonlySet<string>,
  ): ScoredItem[] | Promise<ScoredItem[]>;
}

/** One agent's memory as the engine drives it. */
export interface MemoryPort {
  /**
   * Stores an observation or decision.
   *
   * @param text What to remember.
   * @param importance 1–10.
   * @param hours Simulated hours since the start.
   */
  store(text: string, importance: number, hours: number): Promise<void>;
  /**
   * Retrieves the memories most relevant to a behaviour.
   *
   * @param query The behaviour's context as text.
   * @param hours Simulated hours since the start.
   * @param k How many long-term memories.
   * @returns Memory texts, most relevant first.
   */
  retrieve(query: string, hours: number, k: number): Promise<string[]>;
  /** Serialisable state for checkpoints. */
  toJSON(): unknown;
}
