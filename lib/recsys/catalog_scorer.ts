/**
 * MF's whole-catalogue scoring in WebAssembly SIMD, for one set of item factors: the items are
 * laid out once in blocks of eight (as float64) in an instance's own memory, and each user's
 * scores come from eight running sums per block, each summed from 0 over the factors in order,
 * the arithmetic of {@link scoreItems}, so every score is the same to the last bit. Where the
 * runtime lacks SIMD, {@link CatalogScorer.create} gives null and callers use scoreItems.
 *
 * The blocks hold the items by decreasing length of their factor vector. A user's best items
 * ({@link CatalogScorer.best}) are then found without scoring the whole catalogue: a score is
 * at most the product of the two lengths (Cauchy–Schwarz), so once the best kept are above
 * that bound for the next block, no later item can enter. Implicit-feedback factors of
 * rarely seen items are short, so a page usually scores a few percent of the catalogue.
 *
 * @module
 */
import { BestOf } from "../core/best_of.ts";
import type { IndexScore } from "../core/top_k.ts";
import { freshKernels } from "./gram_wasm.ts";

const PAGE = 65536;

/** Blocks of eight items scored between two checks of the bound in {@link CatalogScorer.best}. */
const BLOCKS_PER_CHECK = 2;

/**
 * Slack on the Cauchy–Schwarz bound: a score adds f exact products in float64 and the lengths
 * are float64 square roots, so the computed values stray from the exact ones by a few parts
 * in 10¹⁶ per factor. A millionth covers that for any f below 10⁹.
 */
const BOUND_SLACK = 1 + 1e-6;

/** Scores items for a user against fixed item factors: every item, or only what a page needs. */
export class CatalogScorer {
  readonly #score: (x: number, y: number, out: number, f: number, blocks: number) => void;
  readonly #x: Float64Array;
  readonly #out: Float64Array;
  readonly #f: number;
  readonly #items: number;
  readonly #blocks: number;
  readonly #yAt: number;
  readonly #outAt: number;
  /** The item at each position of the layout, longest factor vector first. */
  readonly #order: Int32Array;
  /** The length of each position's factor vector (decreasing). */
  readonly #lengths: Float64Array;
  readonly #best = new BestOf(0);
  #blocksScored = 0;

  private constructor(
    kernels: NonNullable<ReturnType<typeof freshKernels>>,
    y: Float32Array,
    f: number,
    items: number,
  ) {
    const blocks = Math.ceil(items / 8);
    // Memory: the user's factors, then the scores, then the item blocks.
    const xBytes = f * 8, outBytes = blocks * 64, yBytes = blocks * f * 64;
    const need = xBytes + outBytes + yBytes;
    const have = kernels.memory.buffer.byteLength;
    if (need > have) kernels.memory.grow(Math.ceil((need - have) / PAGE));
    const buf = kernels.memory.buffer;
    this.#x = new Float64Array(buf, 0, f);
    this.#out = new Float64Array(buf, xBytes, blocks * 8);
    this.#outAt = xBytes;
    this.#yAt = xBytes + outBytes;
    const length = new Float64Array(items);
    for (let i = 0; i < items; i++) length[i] = vectorLength(y, i * f, f);
    // Longest first; equal lengths by index, so the layout is a function of the factors.
    const order = Int32Array.from({ length: items }, (_, i) => i)
      .sort((a, b) => length[b] - length[a] || a - b);
    this.#order = order;
    this.#lengths = Float64Array.from(order, (i) => length[i]);
    const yb = new Float64Array(buf, this.#yAt, blocks * f * 8);
    for (let k = 0; k < blocks; k++) {
      for (let l = 0; l < 8; l++) {
        const p = 8 * k + l;
        if (p >= items) continue; // padding items stay 0; their scores are never read
        const i = order[p];
        for (let a = 0; a < f; a++) yb[(k * f + a) * 8 + l] = y[i * f + a];
      }
    }
    this.#score = kernels.score;
    this.#f = f;
    this.#items = items;
    this.#blocks = blocks;
  }

  /**
   * @param y Item factors, items × f, row-major (copied: later changes to y are not seen).
   * @param f Latent dimensions.
   * @param items How many items.
   * @returns A scorer, or null where the runtime lacks WebAssembly SIMD.
   *
   * @example The same scores as the JavaScript loop
   * ```ts
   * import { CatalogScorer } from "@lib/recsys/catalog_scorer.ts";
   * import { scoreItems } from "@lib/recsys/mf_score.ts";
   * import assert from "node:assert/strict";
   * const y = new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]); // three items, two factors
   * const x = new Float32Array([0.7, -0.3]);
   * const a = new Float64Array(3), b = new Float64Array(3);
   * CatalogScorer.create(y, 2, 3)!.score(x, 0, a);
   * scoreItems(x, 0, y, 2, b);
   * assert.deepEqual([...a], [...b]);
   * ```
   */
  static create(y: Float32Array, f: number, items: number): CatalogScorer | null {
    const kernels = freshKernels();
    return kernels === null ? null : new CatalogScorer(kernels, y, f, items);
  }

  /** Blocks of eight items scored over the scorer's life (what {@link best} saves shows here). */
  get blocksScored(): number {
    return this.#blocksScored;
  }

  /**
   * Scores every item for one user.
   *
   * @param x User factors, users × f.
   * @param off The user's row offset in `x`.
   * @param out Scores by item (its length is the number of items).
   */
  score(x: Float32Array, off: number, out: Float64Array): void {
    const f = this.#f;
    for (let a = 0; a < f; a++) this.#x[a] = x[off + a];
    this.#score(0, this.#yAt, this.#outAt, f, this.#blocks);
    this.#blocksScored += this.#blocks;
    const order = this.#order, scores = this.#out;
    for (let p = 0; p < this.#items; p++) out[order[p]] = scores[p];
  }

  /**
   * A user's best unmasked items, best first (higher score, then lower index): the list
   * `topK` makes from {@link score}'s scores, with the same scores, found by scoring the
   * blocks longest first and stopping where no later item can enter.
   *
   * @param x User factors, users × f.
   * @param off The user's row offset in `x`.
   * @param k How many items at most.
   * @param mask 1 for an item to leave out.
   * @param outIdx Item indices go here from `at`.
   * @param outScore Their scores go here from `at`.
   * @param at First slot written.
   * @returns How many items were written (fewer than k only when fewer are unmasked).
   *
   * @example The best two of three, the first one masked
   * ```ts
   * import { CatalogScorer } from "@lib/recsys/catalog_scorer.ts";
   * import assert from "node:assert/strict";
   * const y = new Float32Array([3, 0, 0.1, 0.1, 1, 1]); // three items, two factors
   * const idx = new Int32Array(2), score = new Float64Array(2);
   * const n = CatalogScorer.create(y, 2, 3)!.best(new Float32Array([1, 1]), 0, 2, new Uint8Array([1, 0, 0]), idx, score, 0);
   * assert.equal(n, 2);
   * assert.deepEqual([...idx], [2, 1]);
   * assert.deepEqual([...score], [2, 0.20000000298023224]);
   * ```
   */
  best(
    x: Float32Array,
    off: number,
    k: number,
    mask: Uint8Array,
    outIdx: Int32Array,
    outScore: Float64Array,
    at: number,
  ): number {
    return this.#search(x, off, k, mask).drain(outIdx, outScore, at);
  }

  /**
   * {@link best}'s items as a list of index and score, best first.
   *
   * @param x User factors, users × f.
   * @param off The user's row offset in `x`.
   * @param k How many items at most.
   * @param mask 1 for an item to leave out.
   * @returns The items.
   * @example
   * ```ts
   * import { CatalogScorer } from "@lib/recsys/catalog_scorer.ts";
   * import assert from "node:assert/strict";
   * const y = new Float32Array([3, 0, 0.1, 0.1, 1, 1]);
   * const list = CatalogScorer.create(y, 2, 3)!.bestList(new Float32Array([1, 1]), 0, 1, new Uint8Array(3));
   * assert.deepEqual(list, [{ index: 0, score: 3 }]);
   * ```
   */
  bestList(x: Float32Array, off: number, k: number, mask: Uint8Array): IndexScore[] {
    return this.#search(x, off, k, mask).list();
  }

  /** The heap of a user's best unmasked items, scoring blocks longest first until none can enter. */
  #search(x: Float32Array, off: number, k: number, mask: Uint8Array): BestOf {
    const best = this.#best;
    best.reset(k);
    if (!(k >= 1)) return best;
    const f = this.#f, items = this.#items, blocks = this.#blocks;
    const order = this.#order, lengths = this.#lengths, scores = this.#out;
    for (let a = 0; a < f; a++) this.#x[a] = x[off + a];
    const xLength = vectorLength(x, off, f) * BOUND_SLACK;
    for (let k0 = 0; k0 < blocks; k0 += BLOCKS_PER_CHECK) {
      // Every later item scores at most xLength × its own length, which only decreases; NaN
      // lengths never stop the scan.
      if (best.full && xLength * lengths[8 * k0] < best.worst) break;
      const n = Math.min(BLOCKS_PER_CHECK, blocks - k0);
      this.#score(0, this.#yAt + k0 * f * 64, this.#outAt + k0 * 64, f, n);
      this.#blocksScored += n;
      const end = Math.min(items, 8 * (k0 + n));
      for (let p = 8 * k0; p < end; p++) {
        const i = order[p];
        if (mask[i] === 0) best.offer(i, scores[p]);
      }
    }
    return best;
  }
}

/** The Euclidean length of a row, summed in float64 from its first factor. */
function vectorLength(v: Float32Array, off: number, f: number): number {
  let s = 0;
  for (let a = 0; a < f; a++) s += v[off + a] * v[off + a];
  return Math.sqrt(s);
}
