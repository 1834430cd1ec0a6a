/**
 * The options of MF (mf_als.ts's `MfRecommender`): model size, training schedule, warm
 * refit, seed and worker threads.
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";

/** Options of `MfRecommender` (mf_als.ts). */
export interface MfOptions {
  /** Latent dimensions (default 32). */
  factors?: number;
  /** ALS sweeps (default 10). */
  iterations?: number;
  /**
   * Warm refit (default off): every fit after one on data starts from the item factors the
   * previous fit ended with and runs this many sweeps instead of `iterations`, so a model
   * retrained every round does not relearn the catalogue from random factors each time.
   */
  warmSweeps?: number;
  /** L2 regularisation λ (default 10; small simulated data overfit with less). */
  regularization?: number;
  /** Confidence slope α: c = 1 + α·weight (default 10). */
  alpha?: number;
  /** Conjugate-gradient steps per solve (default 3). */
  cgSteps?: number;
  /** Seeded generator for the initial item factors (default seed 0). */
  rng?: Rng;
  /**
   * Worker threads `MfRecommender.fitAsync` splits each half-sweep over (default
   * `min(4, navigator.hardwareConcurrency)`; 1 solves on the calling thread).
   */
  workers?: number;
  /**
   * Fewer stored interactions than this and `MfRecommender.fitAsync` solves on the
   * calling thread, where starting workers would cost more than it saves (default 20,000).
   */
  minParallelNnz?: number;
  /**
   * Rotate each half-sweep whose rotation saves work into the eigenbasis of its Gram matrix
   * (als_rotate.ts; default true): the same model in exact arithmetic, several times fewer
   * f × f products where users far outnumber items. false runs every half-sweep unrotated.
   */
  rotate?: boolean;
}
