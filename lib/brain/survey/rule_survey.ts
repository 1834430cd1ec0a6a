/**
 * The rule surveyor (RecSim-style choice model's answers to surveys). An agent that watched
 * the item answers with its own rating, which came from its experience (see
 * `lib/brain/rule/belief.ts`); heard opinions do not touch it. An agent that has not watched
 * it answers with what it expects: its taste's prediction plus a fixed personal offset, and
 * its belief moved by the opinions it heard (weighted by the speakers' closeness, recency and
 * its conformity) — a belief, reported as such in the reason. Satisfaction compares what the
 * agent experienced with what the page promised, not the utility it chose with.
 *
 * @module
 */
import { z } from "zod";
import { hash32 } from "../../core/hash.ts";
import { Rng } from "../../core/rng.ts";
import { DEFAULT_RULE_CONFIG, type RuleConfig } from "../rule/config.ts";
import { RULE_BRAIN_NAME } from "../rule/rule_brain.ts";
import { profileMatch, stateMatch } from "../rule/taste.ts";
import { expectedValue } from "../rule/belief.ts";
import type { SurveyAnswer, SurveyContext, Surveyor } from "./survey.ts";

/** Weights of the rule surveyor; every field has a default. */
export const ruleSurveyConfigSchema = z.object({
  /** Score points per unit of expected utility (interest match + quality) above the centre. */
  tasteScale: z.number().default(3),
  /** Expected utility that maps to the middle of the scale (5.5). */
  tasteCenter: z.number().default(0.6),
  /** Standard deviation of each agent's fixed personal offset per item (score points). */
  idiosyncrasy: z.number().nonnegative().default(1.2),
  /** Standard deviation of the noise of each answer (score points). */
  moodNoise: z.number().nonnegative().default(0.1),
  /**
   * Belief channel: weight of heard opinions in the expectation of an agent that has not
   * watched the item, at full conformity with many opinions (0–1). 0 switches it off.
   */
  opinionWeight: z.number().min(0).max(1).default(1),
  /** Opinions at which half of `opinionWeight` applies (saturation). */
  opinionHalf: z.number().positive().default(1),
  /**
   * How much an opinion heard k rounds ago still counts (recency^k): people weigh what they
   * heard lately, as retrieval weighs recent memories. 1 gives every opinion ever heard equal
   * weight.
   */
  opinionRecency: z.number().min(0).max(1).default(0.5),
  /** Satisfaction: score points per rating point the watched items beat the page's promise. */
  satisfactionSlope: z.number().positive().default(1.5),
  /** Satisfaction: the score of a page that kept its promise exactly. */
  satisfactionCenter: z.number().default(5.5),
  /** Satisfaction: score points lost when nothing on the page was worth watching. */
  emptyPagePenalty: z.number().nonnegative().default(2),
  /** Satisfaction: noise (score points). */
  satisfactionNoise: z.number().nonnegative().default(0.5),
});

/** Rule surveyor weights (all set). */
export type RuleSurveyConfig = z.infer<typeof ruleSurveyConfigSchema>;

const clampScore = (x: number) => Math.min(10, Math.max(1, Math.round(x)));

/**
 * The agent's own 1–10 view of an item, before hearing anyone: its rating (doubled) when it
 * watched it, else its taste's expectation plus a personal offset that stays the same across
 * rounds (seeded by agent and item, so it is not mood).
 *
 * @param ctx A score-question context.
 * @param cfg Surveyor weights.
 * @param rule Rule-brain weights (profile-interest bonus).
 * @returns A real number on the 1–10 scale (unrounded).
 */
export function ownScore(ctx: SurveyContext, cfg: RuleSurveyConfig, rule: RuleConfig): number {
  if (ctx.question.kind !== "score") throw new RangeError("ownScore needs a score question");
  const item = ctx.question.item;
  const rating = ctx.state.ratings[item.id];
  if (rating !== undefined) return 2 * rating;
  const expected = stateMatch(ctx.state, item) +
    rule.profileInterest * profileMatch(ctx.profile, item) + (item.quality - 0.5);
  const offset = new Rng(hash32(`${ctx.agentId}\u0000${item.id}`)).normal(0, cfg.idiosyncrasy);
  return 5.5 + cfg.tasteScale * (expected - cfg.tasteCenter) + offset;
}

/**
 * How much heard opinions weigh: conformity × opinionWeight × n / (n + opinionHalf).
 *
 * @param conformity The agent's conformity (0–1).
 * @param n Opinions heard that state a score.
 * @param cfg Surveyor weights.
 * @returns A weight in [0, 1).
 *
 * @example More opinions and more conformity weigh more
 * ```ts
 * import { opinionWeight, ruleSurveyConfigSchema } from "@lib/brain/survey/rule_survey.ts";
 * import assert from "node:assert/strict";
 * const cfg = ruleSurveyConfigSchema.parse({});
 * assert.equal(opinionWeight(0.5, 0, cfg), 0);
 * assert.ok(opinionWeight(0.5, 4, cfg) > opinionWeight(0.5, 1, cfg));
 * assert.ok(opinionWeight(0.9, 2, cfg) > opinionWeight(0.2, 2, cfg));
 * ```
 */
export function opinionWeight(conformity: number, n: number, cfg: RuleSurveyConfig): number {
  return conformity * cfg.opinionWeight * n / (n + cfg.opinionHalf);
}

/** Options of {@link RuleSurveyor}. */
export interface RuleSurveyorOptions {
  /** Surveyor weights (any subset). */
  config?: z.input<typeof ruleSurveyConfigSchema>;
  /** Rule-brain weights used for item utility (any subset). */
  rule?: Partial<RuleConfig>;
}

/**
 * Answers surveys with the rule model. Deterministic given the context's rng; no LLM calls.
 *
 * @example An agent who heard three friends say 9/10 scores higher than one who heard nothing
 * ```ts
 * import { RuleSurveyor } from "@lib/brain/survey/rule_survey.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const s = new RuleSurveyor({ config: { moodNoise: 0 } });
 * const item = { id: "m", title: "M", genres: ["Drama"], year: null, description: "", popularity: 1, quality: 0.5 };
 * const ctx = (heard: number[]) => ({ agentId: "a", callSite: "0:a", memories: [], rng: new Rng(1),
 *   time: { round: 0, iso: "", label: "" },
 *   profile: { id: "a", name: "A", gender: "f", age: 30, traits: [], career: "", interests: [], features: [], extras: {} },
 *   state: { genreWeights: { Drama: 0.2, Comedy: 0.8 }, watched: [], ratings: {}, heardOf: {}, conformity: 0.9, busyRounds: 0 },
 *   heard: heard.map((score, i) => ({ fromId: `f${i}`, fromName: "F", text: `${score}/10`, score, round: 0 })),
 *   question: { kind: "score" as const, item } });
 * const alone = (await s.answer(ctx([]))).score;
 * const told = (await s.answer(ctx([9, 9, 9]))).score;
 * assert.ok(told > alone);
 * ```
 */
export class RuleSurveyor implements Surveyor {
  readonly kind = "rule" as const;
  readonly name: string = RULE_BRAIN_NAME;
  /** Surveyor weights in use. */
  readonly config: RuleSurveyConfig;
  readonly #rule: RuleConfig;

  /** @param options Surveyor and rule-brain weights. */
  constructor(options: RuleSurveyorOptions = {}) {
    this.config = ruleSurveyConfigSchema.parse(options.config ?? {});
    this.#rule = { ...DEFAULT_RULE_CONFIG, ...options.rule };
  }

  /**
   * @param ctx The context.
   * @returns The answer (no calls, no tokens).
   */
  answer(ctx: SurveyContext): Promise<SurveyAnswer> {
    return Promise.resolve(
      ctx.question.kind === "score" ? this.#score(ctx) : this.#satisfaction(ctx),
    );
  }

  #score(ctx: SurveyContext): SurveyAnswer {
    if (ctx.question.kind !== "score") throw new RangeError("not a score question");
    const cfg = this.config;
    const rating = ctx.state.ratings[ctx.question.item.id];
    if (rating !== undefined) {
      const score = clampScore(2 * rating + ctx.rng.normal(0, cfg.moodNoise));
      return this.#reply(score, `I watched it and rated it ${rating}/5.`);
    }
    const own = ownScore(ctx, cfg, this.#rule);
    const heard = ctx.heard.filter((h) => h.score !== null);
    const scores = heard.map((h) => h.score!);
    // Closer friends and fresher opinions count more in what the agent comes to expect.
    const weights = heard.map((h) =>
      (h.closeness ?? 1) * cfg.opinionRecency ** Math.max(0, ctx.time.round - h.round)
    );
    const mass = weights.reduce((a, b) => a + b, 0);
    const w = opinionWeight(ctx.state.conformity, mass, cfg);
    const heardMean = mass > 0 ? scores.reduce((s, x, i) => s + weights[i] * x, 0) / mass : own;
    const expected = (1 - w) * own + w * heardMean;
    const score = clampScore(expected + ctx.rng.normal(0, cfg.moodNoise));
    const reason = scores.length
      ? `I have not watched it; I expect about ${score}/10 (my own guess ${
        clampScore(own)
      }/10, friends said ${scores.map((s) => `${s}/10`).join(", ")}).`
      : `I have not watched it; I expect about ${score}/10.`;
    return this.#reply(score, reason);
  }

  #reply(score: number, reason: string): SurveyAnswer {
    return { score, reason, brain: "rule", calls: 0, tokens: 0, failure: null };
  }

  #satisfaction(ctx: SurveyContext): SurveyAnswer {
    if (ctx.question.kind !== "satisfaction") throw new RangeError("not a satisfaction question");
    const cfg = this.config;
    const shown = ctx.question.shown;
    if (shown.length === 0) {
      return {
        score: 5,
        reason: "I was shown nothing.",
        brain: "rule",
        calls: 0,
        tokens: 0,
        failure: null,
      };
    }
    // The page promised what its items' expected values say (taste + quality + social
    // evidence); the agent got what it rated the items it watched. The gap, not the utility the
    // agent chose with, sets satisfaction; a page with nothing worth watching disappoints.
    const r = this.#rule;
    const promised = shown.map((seen) => {
      const own = stateMatch(ctx.state, seen.item) +
        r.profileInterest * profileMatch(ctx.profile, seen.item) + (seen.item.quality - 0.5);
      const expected = expectedValue(own, seen, ctx.state.conformity, r);
      return Math.min(5, Math.max(1, 3 + r.ratingScale * (expected - r.ratingCenter)));
    });
    const got = ctx.question.watched
      .map((id) => ctx.state.ratings[id])
      .filter((r): r is number => r !== undefined);
    const promise = Math.max(...promised);
    const gap = got.length ? got.reduce((a, b) => a + b, 0) / got.length - promise : 0;
    const score = clampScore(
      cfg.satisfactionCenter + cfg.satisfactionSlope * gap -
        (got.length ? 0 : cfg.emptyPagePenalty) + ctx.rng.normal(0, cfg.satisfactionNoise),
    );
    return {
      score,
      reason: score >= 7
        ? "The recommendations matched what I like."
        : score <= 4
        ? "Most recommendations were not for me."
        : "Some recommendations were fine, others not.",
      brain: "rule",
      calls: 0,
      tokens: 0,
      failure: null,
    };
  }
}
