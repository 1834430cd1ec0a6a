/**
 * The item and interaction schemas every recommender, loader and agent agrees on.
 *
 * @module
 */
import { z } from "zod";

/** One catalogue item (a film): what agents see and what recommenders rank. */
export const ItemSchema = z.object({
  /** Unique, stable id (a MovieLens id, a slug, or the user's own). */
  id: z.string().min(1),
  /** Display title. */
  title: z.string().min(1),
  /** Genre labels (MovieLens vocabulary where the source allows it); at least one. */
  genres: z.array(z.string().min(1)).min(1),
  /** Release year, when known. */
  year: z.number().int().nullable(),
  /** A one-line description shown to agents. */
  description: z.string(),
  /** How many people rated or voted for it (a count, not normalised). */
  popularity: z.number().nonnegative(),
  /** Perceived quality in [0, 1] (a rescaled mean rating). */
  quality: z.number().min(0).max(1),
  /** Director, when known. */
  director: z.string().min(1).optional(),
  /** Source-specific extras (raw ratings, MPAA rating, ...). */
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
});

/** A catalogue item. */
export type Item = z.infer<typeof ItemSchema>;

/** One piece of implicit feedback: a user watched, clicked or rated an item. */
export const InteractionSchema = z.object({
  userId: z.string().min(1),
  itemId: z.string().min(1),
  /** Strength of the signal (default 1); ratings can be passed as weights. */
  weight: z.number().positive().optional(),
  /** Simulation round it happened in, when it came from a simulation. */
  round: z.number().int().nonnegative().optional(),
});

/** An implicit-feedback interaction. */
export type Interaction = z.infer<typeof InteractionSchema>;

/** A ranked recommendation. */
export interface ScoredItem {
  itemId: string;
  /** Higher is better; comparable only within one recommender. */
  score: number;
}

/**
 * What a loader dropped, repaired or filled in, so that a cleaning step is never silent.
 * Keys of `dropped`, `fixed` and `filled` are short reasons ("missing genre").
 */
export interface LoadReport {
  /** The file or logical source read. */
  source: string;
  /** Records read. */
  read: number;
  /** Items kept in the catalogue. */
  kept: number;
  /** Records dropped, by reason. */
  dropped: Record<string, number>;
  /** Records kept after a repair, by repair. */
  fixed: Record<string, number>;
  /** Fields filled with a default, by field. */
  filled: Record<string, number>;
  /** Up to three example titles or lines per reason, for a reader to check. */
  examples: Record<string, string[]>;
}

/**
 * Starts an empty report.
 *
 * @param source The file or logical source.
 * @returns A report with zero counts.
 */
export function emptyReport(source: string): LoadReport {
  return { source, read: 0, kept: 0, dropped: {}, fixed: {}, filled: {}, examples: {} };
}

/**
 * Counts one event of a kind in a report, keeping a few examples.
 *
 * @param report The report to update.
 * @param kind "dropped", "fixed" or "filled".
 * @param reason The reason or field.
 * @param example A title or line to show as an example.
 */
export function noteReport(
  report: LoadReport,
  kind: "dropped" | "fixed" | "filled",
  reason: string,
  example?: string,
): void {
  report[kind][reason] = (report[kind][reason] ?? 0) + 1;
  if (example === undefined) return;
  const key = `${kind}: ${reason}`;
  const list = report.examples[key] ??= [];
  if (list.length < 3) list.push(example);
}
