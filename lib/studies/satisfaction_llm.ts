/**
 * The satisfaction survey answered by an LLM next to the rule surveyor, in the same contexts:
 * agents (rule brain) browse an MF recommender retrained every round, as in the cocoon study,
 * and at the end of each round both surveyors answer "compared with what these recommendations
 * promised, how satisfied are you with what you got?" for every agent shown a page. Both
 * answers land in the same log, so they can be paired question by question. The record says
 * whether each surveyor's score follows the experience (the ratings of what the agent watched)
 * and how much the two agree; on the bundled 135M model it is a dry run of the machinery.
 *
 * @module
 */
import { z } from "zod";
import { meanCI } from "../core/stats.ts";
import { LlmSurveyor } from "../brain/survey/llm_survey.ts";
import { RuleSurveyor } from "../brain/survey/rule_survey.ts";
import { replyTallySchema, TalliedLlm } from "../llm/reply_tally.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { pearson } from "../metrics/curves.ts";
import { createSimulation } from "../sim/simulation.ts";
import { attachSurvey } from "../sim/survey.ts";
import type { SimEvent, SurveyEvent } from "../sim/events.ts";
import { ratingRows } from "../sim/tables.ts";
import { cocoonScenario } from "./cocoon.ts";

const interval = z.object({ value: z.number(), lo: z.number(), hi: z.number() });
const surveyorStats = z.object({
  /** Mean 1–10 satisfaction, mean over seeds [95% CI]. */
  mean: interval,
  /**
   * Correlation of the score with the mean rating of what was watched, mean over seeds (null
   * when the scores never vary).
   */
  followsExperience: interval.nullable(),
  /** Mean score when nothing on the page was watched, and when something was. */
  nothingWatched: z.number().nullable(),
  somethingWatched: z.number().nullable(),
  /** How many of the ten scores were used, and the share of the most common one. */
  distinctScores: z.number().int(),
  modeShare: z.number(),
});

/** The recorded satisfaction dry run (figures/satisfaction_llm_dry_run.json). */
export const satisfactionLlmRecordSchema = z.object({
  brain: z.literal("llm"),
  model: z.string(),
  purpose: z.string(),
  made: z.string(),
  command: z.string(),
  seconds: z.number(),
  agents: z.number().int().positive(),
  rounds: z.number().int().positive(),
  seeds: z.array(z.number().int()),
  /** Questions asked of each surveyor (the same ones). */
  questions: z.number().int(),
  replies: replyTallySchema,
  rule: surveyorStats,
  llm: surveyorStats,
  /** Correlation between the two surveyors' scores on the same questions (null: constant). */
  agreement: interval.nullable(),
});
/** The recorded dry run. */
export type SatisfactionLlmRecord = z.infer<typeof satisfactionLlmRecordSchema>;

/** Sizes of the run. */
export interface SatisfactionLlmOptions {
  agents: number;
  rounds: number;
  seeds: readonly number[];
}

/** One question answered by both surveyors, with what the agent experienced. */
interface Pair {
  rule: number;
  llm: number;
  /** Mean 1–5 rating of what the agent watched that round, or null when it watched nothing. */
  experience: number | null;
}

/**
 * Runs the survey with both surveyors over seeds and summarises each (without `made`,
 * `command` and `seconds`, which the caller knows).
 *
 * @param llm Any structured LLM (the bundled model for a dry run).
 * @param opts Agents, rounds and seeds.
 * @returns The measured part of the record.
 *
 * @example A scripted LLM that always answers 6 agrees with nobody
 * ```ts
 * import { satisfactionLlmDryRun } from "@lib/studies/satisfaction_llm.ts";
 * import assert from "node:assert/strict";
 * const llm = {
 *   model: "scripted",
 *   complete: () => Promise.resolve({ ok: true as const, value: { score: 6, reason: "fine" } as never,
 *     raw: "", usage: { promptTokens: 1, completionTokens: 1 }, cached: false, attempts: 1, calls: 1, latencyMs: 0 }),
 * };
 * const r = await satisfactionLlmDryRun(llm, { agents: 6, rounds: 3, seeds: [1, 2] });
 * assert.equal(r.replies.requests, r.questions);
 * assert.equal(r.llm.distinctScores, 1);
 * assert.equal(r.llm.mean.value, 6);
 * ```
 */
export async function satisfactionLlmDryRun(
  llm: StructuredLlm,
  opts: SatisfactionLlmOptions,
): Promise<Omit<SatisfactionLlmRecord, "made" | "command" | "seconds">> {
  const tallied = new TalliedLlm(llm);
  const bySeed: Pair[][] = [];
  for (const seed of opts.seeds) {
    const engine = await createSimulation(
      cocoonScenario({ label: "mf", algorithm: "mf" }, {
        kind: "rule",
        agents: opts.agents,
        rounds: opts.rounds,
        seed,
      }),
    );
    // Both surveyors answer the same question in the same context; a satisfaction answer
    // changes no agent state, so neither sees the other's reply.
    attachSurvey(engine, { surveyor: new RuleSurveyor(), question: { kind: "satisfaction" } });
    attachSurvey(engine, {
      surveyor: new LlmSurveyor(tallied),
      question: { kind: "satisfaction" },
    });
    await engine.run();
    bySeed.push(pairs(engine.log.events));
  }
  const all = bySeed.flat();
  return {
    brain: "llm",
    model: llm.model,
    purpose: "A dry run of the satisfaction survey through an LLM surveyor, answering the same " +
      "questions in the same contexts as the rule surveyor: it exercises the prompt and the " +
      "structured reply; a model this small does not tell how satisfied people are.",
    agents: opts.agents,
    rounds: opts.rounds,
    seeds: [...opts.seeds],
    questions: all.length,
    replies: { ...tallied.tally },
    rule: stats(bySeed, (p) => p.rule),
    llm: stats(bySeed, (p) => p.llm),
    agreement: ci(bySeed.map((ps) => corr(ps.map((p) => p.rule), ps.map((p) => p.llm)))),
  };
}

function pairs(events: readonly SimEvent[]): Pair[] {
  const ratings = new Map<string, number[]>();
  for (const r of ratingRows(events)) {
    const k = `${r.round}:${r.agentId}`;
    ratings.set(k, [...(ratings.get(k) ?? []), r.score]);
  }
  const answers = new Map<string, { rule?: number; llm?: number }>();
  for (const e of events) {
    if (e.type !== "survey" || e.question !== "satisfaction") continue;
    const s = e as SurveyEvent;
    const k = `${s.round}:${s.agent}`;
    const a = answers.get(k) ?? {};
    if (s.brain === "rule") a.rule = s.score;
    else a.llm = s.score;
    answers.set(k, a);
  }
  return [...answers].flatMap(([k, a]) => {
    if (a.rule === undefined || a.llm === undefined) return [];
    const rs = ratings.get(k);
    return [{
      rule: a.rule,
      llm: a.llm,
      experience: rs ? rs.reduce((x, y) => x + y, 0) / rs.length : null,
    }];
  });
}

/** Pearson's r, NaN with fewer than three pairs or a constant series. */
function corr(a: number[], b: number[]): number {
  return a.length < 3 ? NaN : pearson(a, b);
}

function ci(xs: number[]): { value: number; lo: number; hi: number } | null {
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const { mean, lo, hi } = meanCI(finite);
  return { value: mean, lo, hi };
}

function stats(bySeed: Pair[][], score: (p: Pair) => number): z.infer<typeof surveyorStats> {
  const avg = (xs: number[]) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  const all = bySeed.flat();
  const counts = new Map<number, number>();
  for (const p of all) counts.set(score(p), (counts.get(score(p)) ?? 0) + 1);
  return {
    mean: ci(bySeed.map((ps) => avg(ps.map(score)) ?? NaN)) ?? { value: NaN, lo: NaN, hi: NaN },
    followsExperience: ci(bySeed.map((ps) => {
      const w = ps.filter((p) => p.experience !== null);
      return corr(w.map(score), w.map((p) => p.experience!));
    })),
    nothingWatched: avg(all.filter((p) => p.experience === null).map(score)),
    somethingWatched: avg(all.filter((p) => p.experience !== null).map(score)),
    distinctScores: counts.size,
    modeShare: all.length ? Math.max(...counts.values()) / all.length : 0,
  };
}

/** The committed figures/satisfaction_llm_dry_run.json (not SOCIUS_FIGURES_DIR). */
export const COMMITTED_SATISFACTION_LLM = new URL(
  "../../figures/satisfaction_llm_dry_run.json",
  import.meta.url,
);

/**
 * Reads a recorded satisfaction dry run.
 *
 * @param path The record's JSON file.
 * @returns The record, or null when the file is missing.
 * @throws ZodError when the file is there but malformed.
 */
export async function readSatisfactionLlmRecord(
  path: string | URL,
): Promise<SatisfactionLlmRecord | null> {
  try {
    return satisfactionLlmRecordSchema.parse(JSON.parse(await Deno.readTextFile(path)));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}
