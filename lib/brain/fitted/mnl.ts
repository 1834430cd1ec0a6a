/**
 * Maximum-likelihood fitting of a multinomial logit with a no-choice option: the utility of
 * alternative j is w·x_j, the utility of choosing nothing is a constant w₀. Newton's method
 * with step halving and a small ridge penalty (so weights stay finite when a feature separates
 * the data); deterministic, no random starts.
 *
 * @module
 */
import { solveLinear } from "../../core/linear_solve.ts";

/** One observed choice. */
export interface ChoiceObservation {
  /** Feature rows of the alternatives shown. */
  x: readonly (readonly number[])[];
  /** Index of the chosen alternative, or −1 for "chose nothing". */
  chosen: number;
  /** How many times this observation counts (default 1). */
  weight?: number;
}

/** A fitted model. */
export interface MnlFit {
  /** Weights of the features. */
  weights: number[];
  /** Utility of choosing nothing. */
  noChoice: number;
  /** Log-likelihood of the training observations at the optimum. */
  logLik: number;
  /** Observations used (sum of weights). */
  n: number;
  /** Newton steps taken. */
  iterations: number;
}

/**
 * Log-probabilities of every alternative and of "nothing" (last entry).
 *
 * @param x Feature rows.
 * @param weights Feature weights.
 * @param noChoice Utility of nothing (−Infinity: no such option).
 * @returns log P per alternative, then log P(nothing).
 *
 * @example
 * ```ts
 * import { mnlLogProbs } from "@lib/brain/fitted/mnl.ts";
 * import assert from "node:assert/strict";
 * const lp = mnlLogProbs([[0], [0]], [1], 0);
 * assert.ok(lp.every((v) => Math.abs(v - Math.log(1 / 3)) < 1e-12));
 * ```
 */
export function mnlLogProbs(
  x: readonly (readonly number[])[],
  weights: readonly number[],
  noChoice: number,
): number[] {
  const u = x.map((row) => row.reduce((s, v, k) => s + v * weights[k], 0));
  u.push(noChoice);
  const m = Math.max(...u);
  const z = m + Math.log(u.reduce((s, v) => s + Math.exp(v - m), 0));
  return u.map((v) => v - z);
}

/**
 * Fits the weights by maximum likelihood.
 *
 * @param obs Observed choices (each set of alternatives also offers "nothing").
 * @param dims Features per alternative.
 * @param options Ridge penalty (default 1e-3) and the most Newton steps (default 50).
 * @returns The fit.
 *
 * @example Recovers a planted weight from simulated choices
 * ```ts
 * import { fitMnl, type ChoiceObservation } from "@lib/brain/fitted/mnl.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const rng = new Rng(1), obs: ChoiceObservation[] = [];
 * for (let i = 0; i < 3000; i++) {
 *   const x = [0, 1, 2].map(() => [rng.normal()]);
 *   const w = [...x.map((r) => Math.exp(1.5 * r[0])), Math.exp(-0.5)];
 *   const k = rng.categorical(w);
 *   obs.push({ x, chosen: k === 3 ? -1 : k });
 * }
 * const fit = fitMnl(obs, 1);
 * assert.ok(Math.abs(fit.weights[0] - 1.5) < 0.15, String(fit.weights[0]));
 * assert.ok(Math.abs(fit.noChoice + 0.5) < 0.15, String(fit.noChoice));
 * ```
 */
export function fitMnl(
  obs: readonly ChoiceObservation[],
  dims: number,
  options: { ridge?: number; maxIter?: number; start?: MnlFit } = {},
): MnlFit {
  const ridge = options.ridge ?? 1e-3, p = dims + 1;
  const packed = pack(obs, dims);
  let theta = options.start
    ? [options.start.noChoice, ...options.start.weights]
    : new Array(p).fill(0);
  const objective = (t: number[]) =>
    evaluate(packed, t, null, null) - ridge / 2 * t.reduce((s, v) => s + v * v, 0);
  let current = objective(theta), iterations = 0;
  for (; iterations < (options.maxIter ?? 50); iterations++) {
    const g = new Float64Array(p);
    const h = Array.from({ length: p }, () => new Float64Array(p));
    evaluate(packed, theta, g, h);
    for (let k = 0; k < p; k++) {
      g[k] -= ridge * theta[k];
      h[k][k] += ridge;
    }
    const step = solveLinear(h, g);
    let t = 1, next = theta.map((v, k) => v + step[k]), value = objective(next);
    while (value < current && t > 1e-6) {
      t /= 2;
      next = theta.map((v, k) => v + t * step[k]);
      value = objective(next);
    }
    if (value < current) break;
    const gain = value - current;
    theta = next;
    current = value;
    if (gain < 1e-9 * Math.max(1, Math.abs(current))) {
      iterations++;
      break;
    }
  }
  return {
    weights: theta.slice(1),
    noChoice: theta[0],
    logLik: evaluate(packed, theta, null, null),
    n: obs.reduce((s, o) => s + (o.weight ?? 1), 0),
    iterations,
  };
}

/** Observations packed into flat arrays (the fit's hot loop reads them many times). */
interface Packed {
  x: Float64Array;
  /** Offset of each observation's first row in `x` (rows of `dims`), plus one at the end. */
  start: Int32Array;
  chosen: Int32Array;
  weight: Float64Array;
  dims: number;
}

function pack(obs: readonly ChoiceObservation[], dims: number): Packed {
  const start = new Int32Array(obs.length + 1);
  obs.forEach((o, i) => start[i + 1] = start[i] + o.x.length);
  const x = new Float64Array(start[obs.length] * dims);
  obs.forEach((o, i) => o.x.forEach((row, j) => x.set(row, (start[i] + j) * dims)));
  return {
    x,
    start,
    chosen: Int32Array.from(obs, (o) => o.chosen),
    weight: Float64Array.from(obs, (o) => o.weight ?? 1),
    dims,
  };
}

/**
 * The log-likelihood at theta = [w₀, w…]; with g and h given, also adds the gradient and the
 * negative Hessian into them. Alternative j has z_j = [0, x_j]; "nothing" has z = [1, 0, …].
 */
function evaluate(
  d: Packed,
  theta: readonly number[],
  g: Float64Array | null,
  h: Float64Array[] | null,
): number {
  const p = d.dims + 1, u: number[] = [], mean = new Float64Array(p);
  let ll = 0;
  for (let i = 0; i < d.chosen.length; i++) {
    const n = d.start[i + 1] - d.start[i], base = d.start[i] * d.dims;
    u.length = 0;
    let m = theta[0];
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < d.dims; k++) v += d.x[base + j * d.dims + k] * theta[k + 1];
      u.push(v);
      if (v > m) m = v;
    }
    let z = Math.exp(theta[0] - m);
    for (const v of u) z += Math.exp(v - m);
    const logZ = m + Math.log(z), w = d.weight[i], c = d.chosen[i];
    ll += w * ((c < 0 ? theta[0] : u[c]) - logZ);
    if (!g || !h) continue;
    const p0 = Math.exp(theta[0] - logZ);
    mean.fill(0);
    mean[0] = p0;
    for (let j = 0; j < n; j++) {
      const pj = Math.exp(u[j] - logZ);
      for (let k = 0; k < d.dims; k++) mean[k + 1] += pj * d.x[base + j * d.dims + k];
    }
    g[0] += w * ((c < 0 ? 1 : 0) - mean[0]);
    for (let k = 1; k < p; k++) {
      g[k] += w * ((c < 0 ? 0 : d.x[base + c * d.dims + k - 1]) - mean[k]);
    }
    // Covariance of z under the choice probabilities: Σ p_j (z_j − z̄)(z_j − z̄)ᵀ.
    const dz = new Float64Array(p);
    for (let j = -1; j < n; j++) {
      const pj = j < 0 ? p0 : Math.exp(u[j] - logZ);
      dz[0] = (j < 0 ? 1 : 0) - mean[0];
      for (let k = 1; k < p; k++) dz[k] = (j < 0 ? 0 : d.x[base + j * d.dims + k - 1]) - mean[k];
      for (let k = 0; k < p; k++) {
        const a = w * pj * dz[k];
        for (let l = 0; l < p; l++) h[k][l] += a * dz[l];
      }
    }
  }
  return ll;
}
