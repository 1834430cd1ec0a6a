/**
 * What a dashboard session is built with and what it tells its listeners.
 *
 * @module
 */
import type { RoundSummary } from "../sim/engine.ts";
import type { SimulationOptions } from "../sim/simulation.ts";
import type { SeatView } from "./seat_view.ts";
import type { LogLine } from "./views.ts";

/** What the session tells its listeners (the page's event stream). */
export type DashboardMessage =
  | { kind: "event"; line: LogLine }
  | { kind: "round"; summary: RoundSummary }
  | { kind: "status"; running: boolean; branch: string; round: number; error: string | null }
  | { kind: "seat"; agent: string; pending: SeatView | null };

/** Options of {@link DashboardSession}. */
export interface DashboardOptions {
  /** LLM, embedder and data overrides used to build, reset and fork (never saved or shown). */
  build?: Omit<SimulationOptions, "out" | "onProgress">;
  /** How long a seat waits for the person per decision before the safe fallback (ms). */
  seatTimeoutMs?: number;
  /** Pause between rounds when running continuously (ms), so the page can follow. */
  roundDelayMs?: number;
  /** Where the run came from, for the page ("default scenario", a file, a run folder). */
  source?: string;
}
