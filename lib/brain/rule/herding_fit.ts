/**
 * The social-influence strengths of the rule brain, as fitted by `calibrateHerding`
 * (lib/studies/herding.ts) to the published effect sizes of Muchnik, Aral & Taylor, "Social
 * influence bias: a randomized experiment", Science 341:647–651 (2013): one randomly assigned
 * up-vote made the next vote 32% more likely to be positive and raised the final score by 25%.
 * The values below are the calibration's output with its default world (1,000 item pairs, 100
 * viewers each, seed 2013) and grid (coarse step 0.5 up to 4, then 0.1); a test re-runs
 * the calibration and checks that they still agree, so they cannot drift from the fit.
 * Identification: the two effect sizes pin the audience effect (synthetic recovery within
 * ±0.5); the belief strength is weakly identified (it trades off against the audience effect:
 * a true 1 came back as 2.5 with the same effects), so treat `social` as one point on a ridge.
 *
 * @module
 */

/** Fitted belief (`social`) and audience (`audience`) strengths, and the fit's residuals. */
export const HERDING_FIT = {
  social: 2,
  audience: 2.1,
  /** Relative lift of P(next vote positive) the fitted values reproduce (target 0.32). */
  nextVoteLift: 0.3195,
  /** Relative lift of the final score the fitted values reproduce (target 0.25). */
  finalScoreLift: 0.2549,
} as const;
