/**
 * Matrix factorisation for implicit feedback: alternating least squares with confidence
 * weights (Hu, Koren & Volinsky 2008), each least-squares solve done by a few
 * conjugate-gradient steps warm-started from the previous factors (Takács, Pilászy & Tikk
 * 2011), so a sweep costs O(nnz·f + (users + items)·f²) instead of a dense solve per row.
 * A half-sweep whose solved side far outnumbers its fixed side (users against a catalogue, at
 * scale) runs rotated into the eigenbasis of its Gram matrix, where that matrix is diagonal:
 * one f × f product per row instead of four, the same model to rounding (als_rotate.ts).
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { sharedOrPlain } from "./als_jobs.ts";
import { AlsSweeps } from "./als_sweeps.ts";
import { scoreItems } from "./mf_score.ts";
import type { IndexScore } from "../core/top_k.ts";
import { CatalogScorer } from "./catalog_scorer.ts";
import type { Catalog } from "./catalog.ts";
import { decodeFactors, encodeFactors } from "./factor_codec.ts";
import type { InteractionMatrix } from "./interaction_matrix.ts";
import type { Interaction } from "./item.ts";
import { type RecommenderState, ScoringRecommender } from "./recommender.ts";
import type { MfOptions } from "./mf_options.ts";

export type { MfOptions };

/**
 * Implicit-feedback ALS. Refitting starts from the same seeded item factors, so `fit` is a
 * pure function of the interactions and the seed. With `warmSweeps` set, a refit starts from
 * the item factors the previous fit ended with: it is then a pure function of the
 * interactions and those start factors, which {@link MfRecommender.exportState} carries so a
 * resumed run re-runs its last fit exactly.
 *
 * @example Two taste groups are told apart
 * ```ts
 * import { Catalog } from "@lib/recsys/catalog.ts";
 * import { MfRecommender } from "@lib/recsys/mf_als.ts";
 * import assert from "node:assert/strict";
 * const base = { year: null, description: "", popularity: 0, quality: 0.5 };
 * const cat = new Catalog([0, 1, 2, 3].map((i) => ({ ...base, id: `m${i}`, title: `M${i}`, genres: [i < 2 ? "Horror" : "Romance"] })));
 * const rows = [];
 * for (let u = 0; u < 10; u++) for (const i of u % 2 ? [0, 1] : [2, 3]) if (u > 1 || i % 2 === 0) rows.push({ userId: `u${u}`, itemId: `m${i}` });
 * const mf = new MfRecommender(cat, { factors: 4 });
 * mf.fit(rows);
 * assert.equal(mf.recommend("u1", 1)[0].itemId, "m1");
 * assert.equal(mf.recommend("u0", 1)[0].itemId, "m3");
 * ```
 */
export class MfRecommender extends ScoringRecommender {
  readonly name = "mf";
  readonly #f: number;
  readonly #iterations: number;
  readonly #warmSweeps: number | undefined;
  readonly #rng: Rng;
  readonly #workers: number;
  /** Where and how the sweeps run (on this thread or on workers, rotated or not). */
  readonly #sweepsRun: AlsSweeps;
  /** User factors, users × f, row-major. */
  #x = new Float32Array(0);
  /** Item factors, items × f, row-major. */
  #y = new Float32Array(0);
  /**
   * The catalogue scorer for the current item factors (undefined: not made yet since they
   * changed; null: no WebAssembly SIMD here, so pages are scored in JavaScript).
   */
  #scorer: CatalogScorer | null | undefined = undefined;
  /** Warm refit: the item factors the next fit starts from (null: the seeded init). */
  #warmFrom: Float32Array | null = null;
  /** Warm refit: the item factors the last fit started from (null: the seeded init). */
  #startedFrom: Float32Array | null = null;
  /** ALS sweeps of the fit in progress. */
  #sweeps = 0;
  /** Set while {@link fitAsync} runs the base fit: train only allocates, on shared memory. */
  #deferSweeps = false;
  /** The fitAsync in progress, so a second one waits for it. */
  #pending: Promise<void> = Promise.resolve();

  /**
   * @param catalog The items.
   * @param options Model size, training schedule, seed and worker count.
   */
  constructor(catalog: Catalog, options: MfOptions = {}) {
    super(catalog);
    this.#f = options.factors ?? 32;
    this.#iterations = options.iterations ?? 10;
    this.#warmSweeps = options.warmSweeps;
    if (
      this.#warmSweeps !== undefined &&
      !(this.#warmSweeps >= 1 && Number.isInteger(this.#warmSweeps))
    ) {
      throw new ConfigError(
        "mf recommender",
        "warmSweeps",
        `warmSweeps must be a positive integer, got ${this.#warmSweeps}`,
      );
    }
    this.#rng = (options.rng ?? new Rng(0)).fork("mf");
    this.#workers = options.workers ?? Math.min(4, navigator.hardwareConcurrency || 1);
    if (!(this.#workers >= 1) || !Number.isInteger(this.#workers)) {
      throw new ConfigError(
        "mf recommender",
        "workers",
        `workers must be a positive integer, got ${this.#workers}`,
      );
    }
    this.#sweepsRun = new AlsSweeps({
      f: this.#f,
      lambda: options.regularization ?? 10,
      alpha: options.alpha ?? 10,
      cgSteps: options.cgSteps ?? 3,
      workers: this.#workers,
      minParallelNnz: options.minParallelNnz ?? 20_000,
      rotate: options.rotate ?? true,
    });
  }

  /**
   * The same model as {@link fit}, bit for bit, with each half-sweep's rows split over worker
   * threads. Workers start on the first half-sweep and stop when the fit ends, so nothing
   * keeps the process alive afterwards. Concurrent calls run one after the other; calling
   * `recommend` before the promise settles sees the new users with half-trained factors.
   *
   * @param interactions Every interaction to learn from.
   * @returns When the factors are trained.
   * @example Same pages as the synchronous fit
   * ```ts
   * import { Catalog } from "@lib/recsys/catalog.ts";
   * import { MfRecommender } from "@lib/recsys/mf_als.ts";
   * import assert from "node:assert/strict";
   * const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
   * const cat = new Catalog([0, 1, 2, 3].map((i) => ({ ...base, id: `m${i}`, title: `M${i}` })));
   * const rows = [0, 1, 2, 3, 4, 5].map((u) => ({ userId: `u${u}`, itemId: `m${u % 4}` }));
   * const sync = new MfRecommender(cat, { factors: 4 });
   * sync.fit(rows);
   * const par = new MfRecommender(cat, { factors: 4, workers: 2, minParallelNnz: 0 });
   * await par.fitAsync(rows);
   * assert.deepEqual(par.recommend("u1", 4), sync.recommend("u1", 4));
   * ```
   */
  fitAsync(interactions: readonly Interaction[]): Promise<void> {
    // The sweeps change the factors after fit() returns: scores kept meanwhile are stale.
    const run = this.#pending.then(() => this.#fitShared(interactions))
      .finally(() => this.scoresChanged());
    this.#pending = run.catch(() => {});
    return run;
  }

  /** Worker threads a fit's sweeps are split over (1: the calling thread). */
  get workers(): number {
    return this.#workers;
  }

  /** How many fits so far ran their sweeps on worker threads. */
  get parallelFits(): number {
    return this.#sweepsRun.parallelFits;
  }

  /**
   * Starts the worker threads of the next {@link fitAsync} now, if it will use them, so that
   * they load while the caller does other work (a round's turns) instead of when the fit
   * starts. The next fitAsync, or {@link close}, stops them.
   *
   * @param nnz About how many interactions the next fit will see.
   * @returns Whether workers were started.
   */
  warmWorkers(nnz: number): boolean {
    return this.#sweepsRun.warm(nnz);
  }

  /** Worker threads running now: none between fits, unless {@link warmWorkers} started them. */
  get workersAlive(): number {
    return this.#sweepsRun.alive;
  }

  /** Stops any worker still running (fitAsync already stops them when it ends). */
  close(): void {
    this.#sweepsRun.release();
  }

  /**
   * The state a resumed run needs to re-run the last fit: with warm refit on, the item
   * factors that fit started from (`warmStart`, base64 of the float32 values, null for the
   * seeded init); nothing otherwise.
   *
   * @returns JSON-serialisable state.
   * @example A warm refit's start factors survive a round trip
   * ```ts
   * import { Catalog } from "@lib/recsys/catalog.ts";
   * import { MfRecommender } from "@lib/recsys/mf_als.ts";
   * import assert from "node:assert/strict";
   * const base = { year: null, description: "", popularity: 0, quality: 0.5, genres: ["Drama"] };
   * const cat = new Catalog([0, 1, 2, 3].map((i) => ({ ...base, id: `m${i}`, title: `M${i}` })));
   * const day1 = [0, 1, 2, 3].map((u) => ({ userId: `u${u}`, itemId: `m${u}` }));
   * const day2 = [...day1, { userId: "u0", itemId: "m1" }];
   * const live = new MfRecommender(cat, { factors: 4, warmSweeps: 1 });
   * live.fit(day1);
   * assert.deepEqual(live.exportState(), { warmStart: null });
   * live.fit(day2);
   * const resumed = new MfRecommender(cat, { factors: 4, warmSweeps: 1 });
   * resumed.fit(day2);
   * resumed.importState(live.exportState());
   * assert.deepEqual(resumed.recommend("u2", 4), live.recommend("u2", 4));
   * assert.deepEqual(new MfRecommender(cat).exportState(), {});
   * ```
   */
  override exportState(): RecommenderState {
    if (this.#warmSweeps === undefined) return {};
    return { warmStart: this.#startedFrom && encodeFactors(this.#startedFrom) };
  }

  /**
   * Restores {@link exportState}'s state into a model fitted on the same interactions: with
   * warm refit on, re-runs that fit from the saved start factors, so the model and every
   * later warm refit are those of the run that saved it.
   *
   * @param state State from {@link exportState}.
   * @throws ConfigError when the start factors are not base64 of items × factors floats.
   */
  override importState(state: RecommenderState): void {
    if (this.#warmSweeps === undefined) return;
    const saved = state.warmStart ?? null;
    this.#warmFrom = saved === null ? null : decodeFactors(
      saved,
      this.catalog.size * this.#f,
      "recommender state",
      "warmStart",
    );
    this.train(this.data);
    this.scoresChanged();
  }

  protected train(data: InteractionMatrix): void {
    const f = this.#f;
    this.#scorer = undefined;
    const shared = this.#deferSweeps;
    const start = this.#warmSweeps === undefined ? null : this.#warmFrom;
    this.#startedFrom = start;
    this.#sweeps = start ? this.#warmSweeps! : this.#iterations;
    this.#y = sharedOrPlain(Float32Array, this.catalog.size * f, shared);
    if (start) this.#y.set(start);
    else {
      const init = this.#rng.fork("init");
      for (let i = 0; i < this.#y.length; i++) this.#y[i] = init.normal(0, 0.01);
    }
    this.#x = sharedOrPlain(Float32Array, data.nUsers * f, shared);
    if (shared || data.nnz === 0) return;
    this.#sweepHere(data);
  }

  /** The fit's sweeps on this thread, then what the next warm fit starts from. */
  #sweepHere(data: InteractionMatrix): void {
    this.#sweepsRun.here(this.#x, this.#y, data, this.#sweeps);
    this.#ended();
  }

  /**
   * A fit on data ended: a warm model starts its next fit here. The next fit allocates new
   * factors, so this array never changes again and needs no copy.
   */
  #ended(): void {
    if (this.#warmSweeps !== undefined) this.#warmFrom = this.#y;
  }

  async #fitShared(interactions: readonly Interaction[]): Promise<void> {
    this.#deferSweeps = true;
    try {
      this.fit(interactions);
    } catch (e) {
      this.#sweepsRun.release();
      throw e;
    } finally {
      this.#deferSweeps = false;
    }
    const data = this.data;
    if (data.nnz === 0 || !this.#sweepsRun.usesWorkers(data.nnz)) {
      // Workers warmed for this fit are not needed after all.
      this.#sweepsRun.release();
      if (data.nnz > 0) this.#sweepHere(data);
      return;
    }
    await this.#sweepsRun.onWorkers(this.#x, this.#y, data, this.#sweeps);
    this.#ended();
  }

  protected override pageFactors(): { x: Float32Array; y: Float32Array; f: number } {
    return { x: this.#x, y: this.#y, f: this.#f };
  }

  /** The factors changed after a fit returned (workers' sweeps, an imported start). */
  protected override scoresChanged(): void {
    super.scoresChanged();
    this.#scorer = undefined;
  }

  protected scoreUser(u: number, out: Float64Array): void {
    // The same scores either way, bit for bit (tests/recsys/catalog_scorer_test.ts).
    this.#scorer ??= CatalogScorer.create(this.#y, this.#f, this.catalog.size);
    if (this.#scorer) this.#scorer.score(this.#x, u * this.#f, out);
    else scoreItems(this.#x, u * this.#f, this.#y, this.#f, out);
  }

  protected override bestItems(u: number, k: number, blocked: Uint8Array): IndexScore[] | null {
    this.#scorer ??= CatalogScorer.create(this.#y, this.#f, this.catalog.size);
    if (!this.#scorer) return null;
    const n = Math.max(0, Math.min(Math.floor(k), this.catalog.size));
    return this.#scorer.bestList(this.#x, u * this.#f, n, blocked);
  }

  protected explainKnown(u: number, i: number): string {
    const score = new Float64Array(this.catalog.size);
    this.scoreUser(u, score);
    let best = -1, bestCos = -Infinity;
    for (const j of this.data.itemsOf(u)) {
      const c = this.#itemCosine(i, j);
      if (c > bestCos && j !== i) [best, bestCos] = [j, c];
    }
    const tail = best >= 0 && bestCos > 0
      ? `; close to ${this.quoted(best)}, which you watched`
      : "";
    return `Matches your taste profile (score ${score[i].toFixed(2)})${tail}.`;
  }

  #itemCosine(i: number, j: number): number {
    const f = this.#f, y = this.#y;
    let d = 0, ni = 0, nj = 0;
    for (let a = 0; a < f; a++) {
      d += y[i * f + a] * y[j * f + a];
      ni += y[i * f + a] ** 2;
      nj += y[j * f + a] ** 2;
    }
    return ni && nj ? d / Math.sqrt(ni * nj) : 0;
  }
}
