/**
 * The sentences printed with a selection table: exactly how many users and draws were used,
 * how many users had their last ratings tied in time, and the fitted choice model's weights
 * with its log-likelihood on the held-out choices.
 *
 * @module
 */
import type { FitReport } from "./selection_fitted.ts";
import type { SelectionResult } from "./selection_run.ts";

/**
 * What the run used, in one paragraph.
 *
 * @param result The run's result.
 * @returns Text.
 */
export function describeSelection(result: SelectionResult): string {
  const s = result.settings;
  const perPair = s.usersUsed * s.seeds;
  return `${s.source}: ${s.usersUsed} users per seed (${
    s.users === "all" ? "all" : "drawn from"
  } ${s.eligible} with enough ratings) × ${s.seeds} seeds = ${perPair} draws per (a,b), ` +
    `${s.draws} draws per brain, ${s.negatives} negatives. ${s.tiedUsers} users had their last ` +
    `two ratings at the same second; ties are ordered by a draw seeded with the run's seed.`;
}

/**
 * The fitted choice model's weights and held-out log-likelihood.
 *
 * @param fit The fit report.
 * @returns Text.
 *
 * @example
 * ```ts
 * import { describeFit } from "@lib/eval/selection_summary.ts";
 * import assert from "node:assert/strict";
 * const last = { weights: [1, 0.5], noChoice: 2, logLik: -10, n: 8, iterations: 3 };
 * const text = describeFit({ features: ["a", "b"], last, fits: [], heldOutLogLik: -1.5, uniformLogLik: -2, heldOut: 4 });
 * assert.match(text, /a 1\.000, b 0\.500/);
 * ```
 */
export function describeFit(fit: FitReport): string {
  const w = fit.features.map((f, k) => `${f} ${fit.last.weights[k].toFixed(3)}`).join(", ");
  return `Fitted choice model: weights ${w}; no-choice ${fit.last.noChoice.toFixed(3)} ` +
    `(maximum likelihood on ${Math.round(fit.last.n)} training choices before the latest ` +
    `held-out time; ${fit.fits.length} checkpoints). Held-out log-likelihood per choice ` +
    `${fit.heldOutLogLik.toFixed(3)} vs ${fit.uniformLogLik.toFixed(3)} for uniform guessing ` +
    `(${fit.heldOut} held-out choices on pages with a single real pick).`;
}
