/**
 * What an {@link Engine} is given and what it reports: its options, a run's progress for
 * displays, a round's summary, and the hooks run at the end of every round.
 *
 * @module
 */
import type { Engine } from "./engine.ts";
import type { RunStore } from "./run_store.ts";
import type { DriftFn } from "./turn.ts";
import type { TurnTotals } from "./round_effects.ts";

/** Progress of a run, for displays (wall-clock ETA lives here, never in events). */
export interface Progress {
  round: number;
  rounds: number;
  agentsDone: number;
  agentsActive: number;
  calls: number;
  tokens: number;
  failures: number;
  elapsedMs: number;
  etaMs: number | null;
}

/** A round's summary: how many agents acted, and what their turns added up to. */
export interface RoundSummary extends TurnTotals {
  round: number;
  active: number;
}

/**
 * Work done at the end of every round, after messages are delivered and before the
 * recommender retrains (surveys, custom observations). It may append events to the log.
 */
export type RoundHook = (engine: Engine, round: number) => Promise<void>;

/** Options of {@link Engine}. */
export interface EngineOptions {
  /** Interest drift after each watch. */
  drift: DriftFn;
  /** The run folder, when the run is saved. */
  store?: RunStore;
  /** Called as agents finish and rounds end. */
  onProgress?: (p: Progress) => void;
  /** How many leading interactions of the world came from data. */
  initialInteractions?: number;
  /** Caps on LLM calls and tokens (default: the scenario's budget). */
  budget?: { calls?: number; tokens?: number };
}
