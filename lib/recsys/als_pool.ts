/**
 * A small pool of Deno workers that run `solveRows` (als_solve.ts) on chunks of a half-sweep. The
 * factors and the sparse interactions live on SharedArrayBuffers, so a job message carries
 * only views (no copies) plus the f × f Gram matrix.
 *
 * An idle Deno worker keeps the process alive and workers have no `unref`, so the owner calls
 * {@link AlsPool.release} when a fit is done; the next {@link AlsPool.run} starts them again.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { EigenGram } from "./als_rotate.ts";
/** One chunk of rows for one worker: the arguments of `solveRows`. */
export interface AlsJob {
  /** What the job is (rows to solve, the default). */
  kind?: "solve";
  /** Factors being solved (shared). */
  x: Float32Array;
  /** Fixed factors (shared). */
  y: Float32Array;
  /** Row pointers (shared). */
  ptr: Int32Array;
  /** Column indices (shared). */
  idx: Int32Array;
  /** Weights (shared). */
  w: Float32Array;
  /** YᵀY + λI, or its eigen form when the half-sweep is rotated (als_rotate.ts). */
  gram: Float64Array | EigenGram;
  /** Latent dimensions. */
  f: number;
  /** Confidence slope. */
  alpha: number;
  /** Conjugate-gradient steps per row. */
  cgSteps: number;
  /** First row. */
  rowStart: number;
  /** One past the last row. */
  rowEnd: number;
}

/**
 * One worker's share of a Gram matrix: rows `from` to `to` of YᵀY's sums (gram_simd.ts's
 * simdGramSums, or gramSums without SIMD), written into those rows of `out`.
 */
export interface GramJob {
  kind: "gram";
  /** Factors summed (shared). */
  y: Float32Array;
  /** Latent dimensions. */
  f: number;
  /** First row of the sums. */
  from: number;
  /** One past the last. */
  to: number;
  /** The f × f sums (shared); each job writes only its rows. */
  out: Float64Array;
}

/** What a worker of the pool is given: rows to solve, or rows of a Gram matrix to sum. */
export type PoolJob = AlsJob | GramJob;

/** A worker's answer: done, or the error it hit. */
export type AlsReply = { ok: true } | { ok: false; error: string };

/**
 * Up to `size` workers, started on first use.
 *
 * @example Two chunks solved in workers
 * ```ts
 * import { AlsPool } from "@lib/recsys/als_pool.ts";
 * import { gramMatrix } from "@lib/recsys/als_solve.ts";
 * import assert from "node:assert/strict";
 * const shared = <T extends Float32Array | Int32Array>(a: T): T => {
 *   const s = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
 *   s.set(a);
 *   return s;
 * };
 * const y = shared(new Float32Array([1])), x = shared(new Float32Array([0, 0]));
 * const ptr = shared(new Int32Array([0, 1, 2])), idx = shared(new Int32Array([0, 0]));
 * const w = shared(new Float32Array([1, 1]));
 * const job = { x, y, ptr, idx, w, gram: gramMatrix(y, 1, 1), f: 1, alpha: 1, cgSteps: 3 };
 * const pool = new AlsPool(2);
 * try {
 *   await pool.run([{ ...job, rowStart: 0, rowEnd: 1 }, { ...job, rowStart: 1, rowEnd: 2 }]);
 * } finally {
 *   pool.release();
 * }
 * assert.ok(Math.abs(x[0] - 2 / 3) < 1e-6 && x[1] === x[0]);
 * ```
 */
export class AlsPool {
  /** Most workers it runs at once. */
  readonly size: number;
  #workers: Worker[] = [];

  /** @param size Most workers (at least 1). */
  constructor(size: number) {
    if (!(size >= 1) || !Number.isInteger(size)) {
      throw new ConfigError(
        "ALS pool",
        "size",
        `pool size must be a positive integer, got ${size}`,
      );
    }
    this.size = size;
  }

  /** Number of workers now alive. */
  get alive(): number {
    return this.#workers.length;
  }

  /**
   * Runs each job on its own worker and waits for all of them. On any failure every worker
   * is stopped (their shared writes are then incomplete) and the promise rejects.
   *
   * @param jobs At most {@link size} jobs.
   * @returns When every job is done.
   */
  async run(jobs: readonly PoolJob[]): Promise<void> {
    if (jobs.length > this.size) {
      throw new RangeError(`${jobs.length} jobs for a pool of ${this.size}`);
    }
    this.warm(jobs.length);
    try {
      await Promise.all(jobs.map((job, i) => this.#one(this.#workers[i], job)));
    } catch (err) {
      this.release();
      throw err;
    }
  }

  /**
   * Starts workers, up to `count` (at most {@link size}), without giving them work: a worker
   * takes tens of milliseconds to load its module and compile its kernels, which it can do
   * while the caller is busy with something else. Started workers keep the process alive
   * until {@link release}.
   *
   * @param count How many workers to have.
   */
  warm(count: number = this.size): void {
    while (this.#workers.length < Math.min(count, this.size)) {
      this.#workers.push(
        new Worker(new URL("./als_worker.ts", import.meta.url).href, { type: "module" }),
      );
    }
  }

  /** Stops every worker, so an idle pool does not keep the process alive. */
  release(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
  }

  #one(worker: Worker, job: PoolJob): Promise<void> {
    return new Promise((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<AlsReply>) => {
        if (e.data.ok) resolve();
        else reject(new Error(`ALS worker failed: ${e.data.error}`));
      };
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        reject(new Error(`ALS worker failed: ${e.message}`));
      };
      worker.postMessage(job);
    });
  }
}
