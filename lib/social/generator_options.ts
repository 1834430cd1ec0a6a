/**
 * Options every graph generator takes.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { Rng } from "@lib/core/rng.ts";

/** Options shared by the generators. */
export interface GeneratorOptions {
  /** The seeded generator every random draw comes from. */
  rng: Rng;
  /** Agent ids, one per node (default "0", "1", …). */
  ids?: readonly string[];
  /** Relationship type of every tie (default "friend"). */
  type?: string;
  /** Closeness of every tie (default 0.5). */
  closeness?: number;
}

/**
 * @param n Number of nodes.
 * @param ids Optional ids (must be n of them).
 * @returns The ids to use.
 */
export function resolveIds(n: number, ids?: readonly string[]): readonly string[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigError("graph generator", "n", `n must be a non-negative integer, got ${n}`);
  }
  if (!ids) return Array.from({ length: n }, (_, i) => String(i));
  if (ids.length !== n) {
    throw new ConfigError("graph generator", "ids", `expected ${n} ids, got ${ids.length}`);
  }
  return ids;
}
