/**
 * A user's next pages computed ahead: the `depth` best items MF would show, best first, among
 * those not blocked (already interacted with or shown) when they are computed. A page asked
 * for later, with more items blocked, is the first unblocked entries of this list, the same
 * items in the same order as scoring the catalogue again would give (top-k takes the items in
 * one strict order: higher score, then lower index).
 *
 * @module
 */
import { topK } from "../core/top_k.ts";
import { scoreItems } from "./mf_score.ts";
import type { CatalogScorer } from "./catalog_scorer.ts";

/** Buffers one thread reuses for every user it computes. */
export interface CandidateScratch {
  /** Scores by item. */
  scores: Float64Array;
  /** 1 for a blocked item (cleared again after each user). */
  mask: Uint8Array;
  /** This thread's WebAssembly scorer for the item factors, when the runtime has SIMD. */
  scorer: CatalogScorer | null;
}

/**
 * @param items Catalogue size.
 * @param scorer A scorer for the item factors (null: score in JavaScript, the same numbers).
 * @returns Fresh buffers.
 *
 * @example Buffers sized to the catalogue
 * ```ts
 * import { candidateScratch } from "@lib/recsys/page_candidates.ts";
 * import assert from "node:assert/strict";
 * assert.equal(candidateScratch(3).mask.length, 3);
 * ```
 */
export function candidateScratch(
  items: number,
  scorer: CatalogScorer | null = null,
): CandidateScratch {
  return { scores: new Float64Array(items), mask: new Uint8Array(items), scorer };
}

/**
 * Computes one user's candidates into `outIdx`/`outScore` from `outOff`.
 *
 * @param x User factors, users × f.
 * @param row The user's row in `x`.
 * @param y Item factors, items × f.
 * @param f Latent dimensions.
 * @param blocked Item indices not to return (`blocked[start..end)`).
 * @param start First blocked entry of this user.
 * @param end One past its last.
 * @param depth How many candidates at most.
 * @param scratch Buffers sized to the catalogue.
 * @param outIdx Candidate item indices, best first.
 * @param outScore Their scores.
 * @param outOff Where this user's candidates start.
 * @returns How many candidates were written (fewer than `depth` when the catalogue ran out).
 *
 * @example The best unblocked items, best first
 * ```ts
 * import { candidateScratch, pageCandidates } from "@lib/recsys/page_candidates.ts";
 * import assert from "node:assert/strict";
 * const y = new Float32Array([0.1, 0.9, 0.5, 0.7]); // four items, one factor
 * const idx = new Int32Array(2), score = new Float64Array(2);
 * const n = pageCandidates(new Float32Array([1]), 0, y, 1, new Int32Array([1]), 0, 1, 2, candidateScratch(4), idx, score, 0);
 * assert.equal(n, 2);
 * assert.deepEqual([...idx], [3, 2]);
 * ```
 */
export function pageCandidates(
  x: Float32Array,
  row: number,
  y: Float32Array,
  f: number,
  blocked: Int32Array,
  start: number,
  end: number,
  depth: number,
  scratch: CandidateScratch,
  outIdx: Int32Array,
  outScore: Float64Array,
  outOff: number,
): number {
  const { mask, scorer } = scratch;
  for (let e = start; e < end; e++) mask[blocked[e]] = 1;
  // The scorer finds topK's list without scoring the whole catalogue (catalog_scorer.ts).
  const n = scorer
    ? scorer.best(x, row * f, depth, mask, outIdx, outScore, outOff)
    : plainCandidates(x, row, y, f, depth, scratch, outIdx, outScore, outOff);
  for (let e = start; e < end; e++) mask[blocked[e]] = 0;
  return n;
}

/** Every item scored in JavaScript, then topK of the unmasked ones (no WebAssembly SIMD). */
function plainCandidates(
  x: Float32Array,
  row: number,
  y: Float32Array,
  f: number,
  depth: number,
  { scores, mask }: CandidateScratch,
  outIdx: Int32Array,
  outScore: Float64Array,
  outOff: number,
): number {
  scoreItems(x, row * f, y, f, scores);
  const best = topK(scores, depth, (i) => mask[i] === 0);
  for (let c = 0; c < best.length; c++) {
    outIdx[outOff + c] = best[c].index;
    outScore[outOff + c] = best[c].score;
  }
  return best.length;
}
