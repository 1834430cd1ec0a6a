/**
 * Where and how a fit's ALS sweeps run: on the calling thread, or with each half-sweep's rows
 * split over worker threads (als_pool.ts); each half-sweep rotated into the eigenbasis of its
 * Gram matrix where that saves work (als_rotate.ts). Every way gives the same factors, bit for
 * bit, so MfRecommender (mf_als.ts) decides only what to fit and from where to start.
 *
 * @module
 */
import { type EigenGram, eigenGram, rotateRows, rotationPays } from "./als_rotate.ts";
import { type AlsJob, AlsPool } from "./als_pool.ts";
import { gramJobs, halfSweepJobs, shareSide, type Side } from "./als_jobs.ts";
import { gramFromSums, gramMatrix, solveRows } from "./als_solve.ts";
import type { InteractionMatrix } from "./interaction_matrix.ts";

/**
 * Rows of a fixed side from which a parallel fit sums its Gram matrix on the workers: below
 * it (a catalogue's items, say) the sums take a few milliseconds or less, and handing them
 * over saves little.
 */
const GRAM_ROWS_ON_WORKERS = 16_384;

/** The settings of {@link AlsSweeps} (validated by the caller). */
export interface AlsSweepSettings {
  /** Latent dimensions. */
  f: number;
  /** L2 regularisation λ. */
  lambda: number;
  /** Confidence slope α. */
  alpha: number;
  /** Conjugate-gradient steps per row solve. */
  cgSteps: number;
  /** Worker threads a half-sweep is split over (1: the calling thread). */
  workers: number;
  /** Fewer stored interactions than this and the sweeps run on the calling thread. */
  minParallelNnz: number;
  /** Rotate half-sweeps where that saves work. */
  rotate: boolean;
}

/**
 * Runs the sweeps of fits, keeping the worker pool between a warm-up and the fit it serves.
 *
 * @example The same factors on this thread and on two workers
 * ```ts
 * import { AlsSweeps } from "@lib/recsys/als_sweeps.ts";
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { InteractionMatrix } from "@lib/recsys/interaction_matrix.ts";
 * import assert from "node:assert/strict";
 * const settings = { f: 8, lambda: 1, alpha: 10, cgSteps: 3, workers: 2, minParallelNnz: 0, rotate: true };
 * const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
 * const cat = new Catalog([0, 1, 2].map((i) => ({ ...base, id: `m${i}`, title: `M${i}` })));
 * const data = InteractionMatrix.build(
 *   [0, 1, 2, 3, 4, 5].map((u) => ({ userId: `u${u}`, itemId: `m${u % 3}` })),
 *   cat,
 * );
 * const start = () => ({ x: new Float32Array(6 * 8), y: new Float32Array(3 * 8).fill(0.1) });
 * const here = start(), there = start();
 * new AlsSweeps({ ...settings, workers: 1 }).here(here.x, here.y, data, 2);
 * const shared = {
 *   x: new Float32Array(new SharedArrayBuffer(6 * 8 * 4)),
 *   y: new Float32Array(new SharedArrayBuffer(3 * 8 * 4)).fill(0.1),
 * };
 * await new AlsSweeps(settings).onWorkers(shared.x, shared.y, data, 2);
 * assert.deepEqual([...shared.x], [...here.x]);
 * assert.deepEqual([...shared.y], [...here.y]);
 * ```
 */
export class AlsSweeps {
  readonly #s: AlsSweepSettings;
  #pool: AlsPool | null = null;
  #parallelFits = 0;

  /** @param settings Model size, regularisation, CG steps, workers and rotation. */
  constructor(settings: AlsSweepSettings) {
    this.#s = settings;
  }

  /** How many fits so far ran their sweeps on worker threads. */
  get parallelFits(): number {
    return this.#parallelFits;
  }

  /** Worker threads running now: none between fits, unless {@link warm} started them. */
  get alive(): number {
    return this.#pool?.alive ?? 0;
  }

  /**
   * Whether a fit on this many stored interactions runs on worker threads.
   *
   * @param nnz Stored interactions.
   * @returns True for worker threads.
   */
  usesWorkers(nnz: number): boolean {
    return this.#s.workers > 1 && nnz >= this.#s.minParallelNnz;
  }

  /**
   * Starts the workers of the next fit now, if it will use them, so that they load while the
   * caller does other work; the next {@link onWorkers}, or {@link release}, stops them.
   *
   * @param nnz About how many interactions the next fit will see.
   * @returns Whether workers were started.
   */
  warm(nnz: number): boolean {
    if (!this.usesWorkers(nnz)) return false;
    (this.#pool ??= new AlsPool(this.#s.workers)).warm();
    return true;
  }

  /** Stops any worker still running. */
  release(): void {
    this.#pool?.release();
  }

  /**
   * The sweeps on this thread.
   *
   * @param x User factors, users × f (solved in place).
   * @param y Item factors, items × f (solved in place).
   * @param data The interactions.
   * @param sweeps How many sweeps.
   */
  here(x: Float32Array, y: Float32Array, data: InteractionMatrix, sweeps: number): void {
    const userSide = { ptr: data.rowPtr, idx: data.rowItems, w: data.rowWeights };
    const itemSide = { ptr: data.colPtr, idx: data.colUsers, w: data.colWeights };
    for (let it = 0; it < sweeps; it++) {
      this.#solve(x, y, userSide);
      this.#solve(y, x, itemSide);
    }
  }

  /**
   * The sweeps with each half-sweep's rows split over the workers, then the workers stopped.
   *
   * @param x User factors on shared memory (solved in place).
   * @param y Item factors on shared memory (solved in place).
   * @param data The interactions.
   * @param sweeps How many sweeps.
   * @returns When the factors are solved.
   */
  async onWorkers(
    x: Float32Array,
    y: Float32Array,
    data: InteractionMatrix,
    sweeps: number,
  ): Promise<void> {
    const userSide = shareSide(data.rowPtr, data.rowItems, data.rowWeights);
    const itemSide = shareSide(data.colPtr, data.colUsers, data.colWeights);
    const pool = this.#pool ??= new AlsPool(this.#s.workers);
    this.#parallelFits++;
    try {
      for (let it = 0; it < sweeps; it++) {
        await pool.run(this.#jobs(x, y, userSide, this.#rotated(x, y, await this.#gram(pool, y))));
        await pool.run(this.#jobs(y, x, itemSide, this.#rotated(y, x, await this.#gram(pool, x))));
      }
    } finally {
      pool.release();
    }
  }

  /** One half-sweep on this thread: each row of `x` given the fixed `y`. */
  #solve(x: Float32Array, y: Float32Array, side: Side): void {
    const { f, lambda, alpha, cgSteps } = this.#s;
    const gram = this.#rotated(x, y, gramMatrix(y, f, lambda));
    solveRows(x, y, side.ptr, side.idx, side.w, gram, f, alpha, cgSteps, 0, side.ptr.length - 1);
  }

  /**
   * The Gram matrix a half-sweep solves with: where rotating pays, its eigen form, with the
   * fixed side `y` rotated in place (the solved rows are rotated as they are solved).
   */
  #rotated(x: Float32Array, y: Float32Array, gram: Float64Array): Float64Array | EigenGram {
    const f = this.#s.f;
    if (!this.#s.rotate || !rotationPays(x.length / f, y.length / f)) return gram;
    const eigen = eigenGram(gram, f);
    rotateRows(y, eigen.q, f);
    return eigen;
  }

  /** A half-sweep's jobs, one per worker (als_jobs.ts). */
  #jobs(x: Float32Array, y: Float32Array, side: Side, gram: Float64Array | EigenGram): AlsJob[] {
    const { f, alpha, cgSteps, workers } = this.#s;
    return halfSweepJobs(x, y, side, gram, { f, alpha, cgSteps, workers });
  }

  /**
   * The Gram matrix a half-sweep starts from: a long fixed side (the users, at scale) has its
   * sums split by rows between the workers, which would otherwise wait for this thread; a
   * short one is summed here. The same bits either way (als_jobs.ts's gramJobs).
   */
  async #gram(pool: AlsPool, y: Float32Array): Promise<Float64Array> {
    const { f, lambda, workers } = this.#s;
    if (y.length < GRAM_ROWS_ON_WORKERS * f) return gramMatrix(y, f, lambda);
    const sums = new Float64Array(new SharedArrayBuffer(f * f * 8));
    await pool.run(gramJobs(y, f, sums, workers));
    return gramFromSums(sums, f, lambda);
  }
}
