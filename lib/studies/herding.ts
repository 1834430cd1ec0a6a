/**
 * The herding experiment of Muchnik, Aral & Taylor ("Social influence bias: a randomized
 * experiment", Science 341:647–651, 2013), reproduced inside the rule brain's world, and a
 * calibration that sets the brain's two social-influence strengths from its published effect
 * sizes. On a news site, comments got one randomly assigned up-vote or none; the next vote
 * was 32% more likely to be positive and final scores ended 25% higher.
 *
 * Here each item (a comment) gets a stream of viewers. A viewer sees the visible average of
 * the votes so far (up = 5, down = 1), which shifts its belief about the item (the belief
 * channel, `social`); the belief decides whether it bothers to vote (a logit choice); if it
 * votes, its vote comes from its experience compared with its expectation plus the audience
 * effect of voting in public (`audience`), with the same functions the rule brain rates with.
 * Treated items start with one up-vote; control items with none. The treatment vote is not
 * counted in the final score, so the lift is only what later voters did.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import { DEFAULT_RULE_CONFIG, type RuleConfig } from "../brain/rule/config.ts";
import { audienceEffect, beliefShift, ratingFromExperience } from "../brain/rule/belief.ts";
import type { SeenItem } from "../brain/context.ts";

/** Effect sizes of the experiment (relative lifts of treated over control). */
export interface HerdingEffects {
  /** P(first organic vote is up | treated) / P(... | control) − 1. */
  nextVoteLift: number;
  /** Mean final organic score (ups − downs) treated / control − 1. */
  finalScoreLift: number;
}

/** The published anchor: Muchnik, Aral & Taylor (2013), up-treatment vs control. */
export const MUCHNIK_2013: HerdingEffects = { nextVoteLift: 0.32, finalScoreLift: 0.25 };

/** The world the experiment runs in; every field has a default. */
export interface HerdingWorld {
  /** Item pairs (control and treated share the item and its viewers). */
  items?: number;
  /** Viewers per item. */
  viewers?: number;
  /** Seed of every draw (the same seed gives the same viewers for every parameter value). */
  seed?: number;
  /** Base utility of voting (sets turnout; not fitted). */
  voteBase?: number;
  /** A vote is up when the unrounded 1–5 rating reaches this (not fitted). */
  upAt?: number;
}

/** The two fitted strengths. */
export interface HerdingParams {
  /** Belief channel (rule config `social`). */
  social: number;
  /** Audience effect (rule config `audience`). */
  audience: number;
}

/** What one simulated experiment measured. */
export interface HerdingResult extends HerdingEffects {
  pUpControl: number;
  pUpTreated: number;
  finalControl: number;
  finalTreated: number;
  /** Share of viewers who voted (control). */
  turnout: number;
}

/** The simulated experiment's default world: item pairs, viewers per item, seed, vote thresholds. */
export const HERDING_WORLD = { items: 1000, viewers: 100, seed: 2013, voteBase: -1.5, upAt: 2.5 };

interface Viewer {
  c: number;
  own: number;
  vote: number;
  surprise: number;
  noise: number;
}

function viewersOf(rng: Rng, n: number, quality: number, cfg: RuleConfig): Viewer[] {
  return Array.from({ length: n }, () => ({
    c: rng.next(),
    own: rng.next() + (quality - 0.5),
    vote: rng.next(),
    surprise: rng.normal(0, cfg.experienceNoise),
    noise: rng.normal(0, cfg.ratingNoise),
  }));
}

function runItem(
  viewers: readonly Viewer[],
  treated: boolean,
  cfg: RuleConfig,
  w: Required<HerdingWorld>,
): { first: number | null; score: number; votes: number } {
  let up = treated ? 1 : 0, down = 0, organicUp = 0, organicDown = 0;
  let first: number | null = null;
  const seen: SeenItem = {
    item: {
      id: "c",
      title: "c",
      genres: [],
      year: null,
      description: "",
      popularity: 0,
      quality: 0,
    },
    friendsWatched: 0,
    mentions: 0,
    avgRating: null,
  };
  for (const v of viewers) {
    seen.avgRating = up + down > 0 ? 1 + 4 * up / (up + down) : null;
    const shift = beliefShift(seen, v.c, cfg);
    // The belief decides whether the viewer engages at all (a logit choice against not voting).
    if (v.vote >= 1 / (1 + Math.exp(-(w.voteBase + shift)))) continue;
    const experienced = v.own + v.surprise;
    const raw = ratingFromExperience(experienced, v.own + shift, cfg) +
      audienceEffect(seen.avgRating, v.c, cfg) + v.noise;
    const isUp = raw >= w.upAt;
    if (first === null) first = isUp ? 1 : 0;
    if (isUp) up++, organicUp++;
    else down++, organicDown++;
  }
  return { first, score: organicUp - organicDown, votes: organicUp + organicDown };
}

/**
 * Runs the experiment once with given strengths.
 *
 * @param params Belief and audience strengths.
 * @param world The world (defaults: 1,000 item pairs, 100 viewers each, seed 2013).
 * @param rule Other rule-brain weights (defaults).
 * @returns The measured effects.
 *
 * @example With both channels off, the treatment changes nothing later voters do
 * ```ts
 * import { simulateHerding } from "@lib/studies/herding.ts";
 * import assert from "node:assert/strict";
 * const r = simulateHerding({ social: 0, audience: 0 }, { items: 200 });
 * assert.equal(r.nextVoteLift, 0);
 * assert.equal(r.finalScoreLift, 0);
 * ```
 */
export function simulateHerding(
  params: HerdingParams,
  world: HerdingWorld = {},
  rule: Partial<RuleConfig> = {},
): HerdingResult {
  const w = { ...HERDING_WORLD, ...world };
  const cfg: RuleConfig = { ...DEFAULT_RULE_CONFIG, ...rule, ...params };
  const rng = new Rng(w.seed);
  let firstC = 0, upC = 0, firstT = 0, upT = 0, scoreC = 0, scoreT = 0, votes = 0;
  for (let k = 0; k < w.items; k++) {
    const viewers = viewersOf(rng, w.viewers, rng.uniform(0.3, 0.9), cfg);
    const c = runItem(viewers, false, cfg, w);
    const t = runItem(viewers, true, cfg, w);
    if (c.first !== null) firstC++, upC += c.first;
    if (t.first !== null) firstT++, upT += t.first;
    scoreC += c.score;
    scoreT += t.score;
    votes += c.votes;
  }
  const pUpControl = upC / firstC, pUpTreated = upT / firstT;
  return {
    pUpControl,
    pUpTreated,
    finalControl: scoreC / w.items,
    finalTreated: scoreT / w.items,
    nextVoteLift: pUpTreated / pUpControl - 1,
    finalScoreLift: scoreT / scoreC - 1,
    turnout: votes / (w.items * w.viewers),
  };
}

/** The calibration's answer. */
export interface HerdingFit extends HerdingParams {
  /** Effects the fitted strengths reproduce. */
  reproduced: HerdingResult;
  /** Sum of squared relative errors against the targets. */
  loss: number;
  /** The targets. */
  targets: HerdingEffects;
}

/**
 * Finds the belief and audience strengths whose simulated experiment reproduces target effect
 * sizes: a grid search (common random numbers, so the loss is smooth in the parameters)
 * followed by a finer grid around the best point.
 *
 * @param targets Effect sizes to reproduce (default: {@link MUCHNIK_2013}).
 * @param world The world of the simulated experiment.
 * @param grid Largest value and step of the coarse grid (default 4 and 0.5); `social` fixes the
 *   belief strength and fits the audience strength alone.
 * @returns The fitted strengths, what they reproduce, and the loss.
 *
 * @example Recovers strengths from effects they produced
 * ```ts
 * import { calibrateHerding, simulateHerding } from "@lib/studies/herding.ts";
 * import assert from "node:assert/strict";
 * const world = { items: 300 };
 * const truth = simulateHerding({ social: 2, audience: 1.5 }, world);
 * const fit = calibrateHerding(truth, world);
 * assert.ok(fit.loss < 1e-3);
 * ```
 */
export function calibrateHerding(
  targets: HerdingEffects = MUCHNIK_2013,
  world: HerdingWorld = {},
  grid: { max: number; step: number; social?: number } = { max: 4, step: 0.5 },
): HerdingFit {
  const loss = (r: HerdingEffects) =>
    ((r.nextVoteLift - targets.nextVoteLift) / targets.nextVoteLift) ** 2 +
    ((r.finalScoreLift - targets.finalScoreLift) / targets.finalScoreLift) ** 2;
  const search = (socials: number[], audiences: number[]) => {
    let best = { social: 0, audience: 0, loss: Infinity };
    for (const social of socials) {
      for (const audience of audiences) {
        const l = loss(simulateHerding({ social, audience }, world));
        if (l < best.loss) best = { social, audience, loss: l };
      }
    }
    return best;
  };
  const steps = (from: number, to: number, step: number) =>
    Array.from(
      { length: Math.round((to - from) / step) + 1 },
      (_, i) => +(from + i * step).toFixed(6),
    )
      .filter((x) => x >= 0);
  // A fixed belief strength fits the audience strength alone (a point along the ridge).
  const socials = (xs: number[]) => grid.social === undefined ? xs : [grid.social];
  const coarse = search(socials(steps(0, grid.max, grid.step)), steps(0, grid.max, grid.step));
  const fine = grid.step / 5;
  const best = search(
    socials(steps(coarse.social - grid.step, coarse.social + grid.step, fine)),
    steps(coarse.audience - grid.step, coarse.audience + grid.step, fine),
  );
  const params = { social: best.social, audience: best.audience };
  return { ...params, reproduced: simulateHerding(params, world), loss: best.loss, targets };
}
