/**
 * Numbers the S³ paper (social-network simulation with LLM agents) reports for information
 * spread, kept apart from anything Socius measures so that a table can show them next to this
 * run's, labelled as the paper's. They are a comparison, never a target to tune toward.
 *
 * @module
 */

/** One reported result: a model's fit to one event's spread curve. */
export interface S3PaperSpread {
  source: "S3 paper";
  event: string;
  /** LT (linear threshold), IC (independent cascade) or S3 (the paper's agents). */
  model: string;
  /** Mean squared error between the normalised curves (lower is closer). */
  MSED: number;
  /** Pearson correlation between the curves. */
  Cor: number;
}

/**
 * The paper's information-spread table: MSED and correlation of each model's spread curve
 * with the observed one, for its two events.
 *
 * @example Two events, three models each
 * ```ts
 * import { S3_PAPER_SPREAD } from "@lib/eval/s3_paper.ts";
 * import assert from "node:assert/strict";
 * assert.equal(S3_PAPER_SPREAD.length, 6);
 * assert.deepEqual([...new Set(S3_PAPER_SPREAD.map((r) => r.model))], ["LT", "IC", "S3"]);
 * ```
 */
export const S3_PAPER_SPREAD: readonly S3PaperSpread[] = [
  { source: "S3 paper", event: "nuclear energy", model: "LT", MSED: 0.081, Cor: 0.965 },
  { source: "S3 paper", event: "nuclear energy", model: "IC", MSED: 0.075, Cor: 0.971 },
  { source: "S3 paper", event: "nuclear energy", model: "S3", MSED: 0.103, Cor: 0.967 },
  { source: "S3 paper", event: "gender discrimination", model: "LT", MSED: 0.065, Cor: 0.982 },
  { source: "S3 paper", event: "gender discrimination", model: "IC", MSED: 0.074, Cor: 0.966 },
  { source: "S3 paper", event: "gender discrimination", model: "S3", MSED: 0.051, Cor: 0.996 },
];
