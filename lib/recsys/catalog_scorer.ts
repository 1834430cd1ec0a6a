/**
 * MF's whole-catalogue scoring in WebAssembly SIMD, for one set of item factors: the items are
 * laid out once in blocks of eight (as float64) in an instance's own memory, and each user's
 * scores come from eight running sums per block, each summed from 0 over the factors in order,
 * the arithmetic of {@link scoreItems}, so every score is the same to the last bit. Where the
 * runtime lacks SIMD, {@link CatalogScorer.create} gives null and callers use scoreItems.
 *
 * @module
 */
import { freshKernels } from "./gram_wasm.ts";

const PAGE = 65536;

/** Scores every item for a user against fixed item factors. */
export class CatalogScorer {
  readonly #score: (x: number, y: number, out: number, f: number, blocks: number) => void;
  readonly #x: Float64Array;
  readonly #out: Float64Array;
  readonly #f: number;
  readonly #blocks: number;
  readonly #yAt: number;
  readonly #outAt: number;

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
    const yb = new Float64Array(buf, this.#yAt, blocks * f * 8);
    for (let k = 0; k < blocks; k++) {
      for (let l = 0; l < 8; l++) {
        const i = 8 * k + l;
        if (i >= items) continue; // padding items stay 0; their scores are never read
        for (let a = 0; a < f; a++) yb[(k * f + a) * 8 + l] = y[i * f + a];
      }
    }
    this.#score = kernels.score;
    this.#f = f;
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
    out.set(this.#out.subarray(0, out.length));
  }
}
