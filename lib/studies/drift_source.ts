/**
 * Where a study's interest-drift rate comes from: fitted by `fitInterestDrift` on a MovieLens
 * log when one is given (SOCIUS_MOVIELENS_DIR, a folder in the ml-100k or ml-1m layout), else
 * the scenario default of 0.1, which is a hand-set value and is reported as such.
 *
 * @module
 */
import { envString } from "../core/params.ts";
import { fitInterestDrift } from "../metrics/interest_drift.ts";
import { readMovieLens } from "../profile/movielens_read.ts";

/** A drift rate and where it came from. */
export interface DriftSource {
  rate: number;
  /** 95% interval (equal to the rate when not fitted). */
  lo: number;
  hi: number;
  /** How it was set, in words for a table or a caption. */
  source: string;
  fitted: boolean;
}

/** The rate used when no log is given (hand-set, not fitted). */
export const DEFAULT_DRIFT = 0.1;

/**
 * The drift rate for a study.
 *
 * @param dir A MovieLens folder (default: SOCIUS_MOVIELENS_DIR, else SOCIUS_MOVIELENS; none gives the default).
 * @returns The rate, its interval and its source.
 *
 * @example Without a log the default is returned and named as not fitted
 * ```ts
 * import { driftSource } from "@lib/studies/drift_source.ts";
 * import assert from "node:assert/strict";
 * const d = await driftSource("");
 * assert.equal(d.fitted, false);
 * assert.equal(d.rate, 0.1);
 * ```
 */
export async function driftSource(
  // Either name: the profile notebook reads SOCIUS_MOVIELENS_DIR, the realism one SOCIUS_MOVIELENS.
  dir = envString("SOCIUS_MOVIELENS_DIR", envString("SOCIUS_MOVIELENS", "")),
): Promise<DriftSource> {
  if (!dir) {
    return {
      rate: DEFAULT_DRIFT,
      lo: DEFAULT_DRIFT,
      hi: DEFAULT_DRIFT,
      source:
        "hand-set default 0.1 (no MovieLens log given; set SOCIUS_MOVIELENS_DIR or SOCIUS_MOVIELENS to fit it)",
      fitted: false,
    };
  }
  const data = await readMovieLens(dir);
  const fit = fitInterestDrift(data, { bootstrap: 100 });
  return {
    rate: fit.rate,
    lo: fit.lo,
    hi: fit.hi,
    source: `fitted on ${data.source} (${fit.users} users, ${fit.events} ratings)`,
    fitted: true,
  };
}
