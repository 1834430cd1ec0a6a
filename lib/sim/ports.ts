/**
 * What the engine needs from search and memory, kept minimal so any implementation (ours, or a
 * researcher's own) plugs in.
 *
 * @module
 */
import type { ScoredItem } from "../recsys/item.ts";

/** Searches the catalog by text. */
export interface SearchPort {
  /**
   * @param query Free text.
   * @param k How many.
   * @param options Items not to return.
   * @returns Best first.
   */
  search(
    query: string,
    k: number,
    options: { exclude?: Iterable<string> },
  ): ScoredItem[] | Promise<ScoredItem[]>;
  /**
   * The same results at once when they need no waiting, else null (optional).
   *
   * @param query Free text.
   * @param k How many.
   * @param options Items not to return.
   * @returns Best first, or null: ask {@link search}.
   */
  searchNow?(
    query: string,
    k: number,
    options: { exclude?: Iterable<string> },
  ): ScoredItem[] | null;
}

/** One agent's memory as the engine drives it. */
export interface MemoryPort {
  /** True for a memory that stores and returns nothing, so turns need not wait on it. */
  readonly keepsNothing?: boolean;
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
  /**
   * End-of-round upkeep (forgetting).
   *
   * @param hours Simulated hours since the start.
   */
  endRound(hours: number): void;
  /** Serialisable state for checkpoints. */
  toJSON(): unknown;
}
