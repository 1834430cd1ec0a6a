/**
 * Explicit-rating matrix factorisation, the rating protocol's ALS baseline: r̂ = μ + b_u + b_i
 * + p_u·q_i, fitted by alternating ridge regressions on ratings made before a time. A user is
 * folded in at prediction time from its own history (one ridge solve against the fixed item
 * factors), so a prediction for a held-out rating uses no rating made after it.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import { solveLinear } from "../core/linear_solve.ts";

/** One rating. */
export interface AlsRating {
  user: string;
  item: string;
  rating: number;
}

/** Options of {@link ExplicitAls}. */
export interface AlsOptions {
  /** Latent factors (default 8). */
  factors?: number;
  /** Ridge penalty (default 5). */
  lambda?: number;
  /** Alternating sweeps (default 8). */
  iterations?: number;
  /** Seed of the initial factors. */
  seed?: number | string;
}

/** Ridge regression of targets on rows [1, v…] (the 1 carries the bias, unpenalised). */
function ridge(rows: readonly number[][], y: readonly number[], lambda: number): number[] {
  const p = rows[0]?.length ?? 0;
  const a = Array.from(
    { length: p },
    (_, i) => Array.from({ length: p }, (_, j) => i === j && i > 0 ? lambda : 0),
  );
  const b = new Array(p).fill(0);
  rows.forEach((r, n) => {
    for (let i = 0; i < p; i++) {
      b[i] += r[i] * y[n];
      for (let j = 0; j < p; j++) a[i][j] += r[i] * r[j];
    }
  });
  a[0][0] += lambda;
  return solveLinear(a, b);
}

/**
 * Biased explicit ALS.
 *
 * @example Predicts a user's taste from others who agree
 * ```ts
 * import { ExplicitAls } from "@lib/eval/ratings_als.ts";
 * import assert from "node:assert/strict";
 * const r = (user: string, item: string, rating: number) => ({ user, item, rating });
 * const train = [];
 * for (let u = 0; u < 20; u++) {
 *   const likesA = u % 2 === 0;
 *   for (const i of ["a1", "a2", "a3"]) train.push(r(`u${u}`, i, likesA ? 5 : 1));
 *   for (const i of ["b1", "b2", "b3"]) train.push(r(`u${u}`, i, likesA ? 1 : 5));
 * }
 * const als = new ExplicitAls(train, { lambda: 1 });
 * const fan = [r("x", "a1", 5), r("x", "a2", 5), r("x", "b1", 1)];
 * assert.ok(als.predict(fan, "a3") > als.predict(fan, "b3") + 1);
 * ```
 */
export class ExplicitAls {
  readonly mean: number;
  readonly #items = new Map<string, { bias: number; q: number[] }>();
  readonly #k: number;
  readonly #lambda: number;

  /**
   * @param ratings Training ratings.
   * @param options Factors, penalty, sweeps, seed.
   */
  constructor(ratings: readonly AlsRating[], options: AlsOptions = {}) {
    const k = this.#k = options.factors ?? 8;
    const lambda = this.#lambda = options.lambda ?? 5;
    const rng = new Rng(`als:${options.seed ?? 0}`);
    this.mean = ratings.length ? ratings.reduce((s, r) => s + r.rating, 0) / ratings.length : 3;
    const byUser = new Map<string, AlsRating[]>(), byItem = new Map<string, AlsRating[]>();
    for (const r of ratings) {
      if (!byUser.has(r.user)) byUser.set(r.user, []);
      if (!byItem.has(r.item)) byItem.set(r.item, []);
      byUser.get(r.user)!.push(r);
      byItem.get(r.item)!.push(r);
    }
    const users = new Map<string, { bias: number; p: number[] }>();
    for (const u of byUser.keys()) users.set(u, { bias: 0, p: new Array(k).fill(0) });
    for (const i of [...byItem.keys()].sort()) {
      this.#items.set(i, { bias: 0, q: Array.from({ length: k }, () => rng.normal(0, 0.1)) });
    }
    for (let it = 0; it < (options.iterations ?? 8); it++) {
      for (const [u, list] of byUser) {
        const rows = list.map((r) => [1, ...this.#items.get(r.item)!.q]);
        const y = list.map((r) => r.rating - this.mean - this.#items.get(r.item)!.bias);
        const w = ridge(rows, y, lambda);
        users.set(u, { bias: w[0], p: w.slice(1) });
      }
      for (const [i, list] of byItem) {
        const rows = list.map((r) => [1, ...users.get(r.user)!.p]);
        const y = list.map((r) => r.rating - this.mean - users.get(r.user)!.bias);
        const w = ridge(rows, y, lambda);
        this.#items.set(i, { bias: w[0], q: w.slice(1) });
      }
    }
  }

  /**
   * Predicts a rating for a user given only its own history (folded in), clipped to 1–5.
   *
   * @param history The user's ratings (items the model does not know are ignored).
   * @param item The item to rate.
   * @returns The prediction.
   */
  predict(history: readonly AlsRating[], item: string): number {
    const known = history.filter((r) => this.#items.has(r.item));
    let bias = 0, p = new Array(this.#k).fill(0);
    if (known.length) {
      const w = ridge(
        known.map((r) => [1, ...this.#items.get(r.item)!.q]),
        known.map((r) => r.rating - this.mean - this.#items.get(r.item)!.bias),
        this.#lambda,
      );
      bias = w[0];
      p = w.slice(1);
    }
    const it = this.#items.get(item);
    const r = this.mean + bias + (it ? it.bias + it.q.reduce((s, v, d) => s + v * p[d], 0) : 0);
    return Math.min(5, Math.max(1, r));
  }
}
