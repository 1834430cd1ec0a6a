/**
 * What a study reads from the environment: run size, which brain (rule or an LLM through
 * OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL), how many replicate seeds.
 *
 * @module
 */
import { envNumber, envString, runSize } from "../core/params.ts";
import { ConfigError } from "../core/errors.ts";
import { createLlmFromEnv } from "../llm/from_env.ts";
import type { StructuredLlm } from "../llm/types.ts";
import type { Surveyor } from "../brain/survey/survey.ts";
import { RuleSurveyor } from "../brain/survey/rule_survey.ts";
import { LlmSurveyor } from "../brain/survey/llm_survey.ts";

/** The brain a study runs with and what it needs. */
export interface StudyBrain {
  /** "rule" (offline RecSim-style choice model) or "llm". */
  kind: "rule" | "llm";
  /** The LLM, when kind is "llm". */
  llm?: StructuredLlm;
}

/** A study's settings from the environment. */
export interface StudyEnv extends StudyBrain {
  size: "small" | "full";
  /** Replicate seeds. */
  seeds: number[];
}

/**
 * Reads SOCIUS_SIZE, SOCIUS_BRAIN ("rule" default, or "llm"), SOCIUS_SEEDS (how many) and
 * SOCIUS_SEED (the first).
 *
 * @param seeds Replicates by size when SOCIUS_SEEDS is not set.
 * @returns The settings (an LLM client is made only for SOCIUS_BRAIN=llm).
 *
 * @example
 * ```ts
 * import { studyEnv } from "@lib/studies/env.ts";
 * import assert from "node:assert/strict";
 * const env = studyEnv({ small: 2, full: 5 });
 * assert.equal(env.kind, Deno.env.get("SOCIUS_BRAIN") === "llm" ? "llm" : "rule");
 * assert.ok(env.seeds.length >= 1);
 * ```
 */
export function studyEnv(seeds: { small: number; full: number }): StudyEnv {
  const size = runSize();
  const kind = envString("SOCIUS_BRAIN", "rule");
  if (kind !== "rule" && kind !== "llm") {
    throw new ConfigError("environment", "SOCIUS_BRAIN", `expected "rule" or "llm", got "${kind}"`);
  }
  const n = envNumber("SOCIUS_SEEDS", seeds[size]);
  const first = envNumber("SOCIUS_SEED", 1);
  return {
    size,
    kind,
    llm: kind === "llm" ? createLlmFromEnv() : undefined,
    seeds: Array.from({ length: Math.max(1, Math.round(n)) }, (_, i) => first + i),
  };
}

/**
 * The surveyor that matches a study brain.
 *
 * @param brain The brain settings.
 * @returns A rule surveyor, or an LLM surveyor over the same LLM.
 */
export function surveyorFor(brain: StudyBrain): Surveyor {
  if (brain.kind === "llm") {
    if (!brain.llm) throw new ConfigError("study", "brain.llm", '"llm" needs an LLM client');
    return new LlmSurveyor(brain.llm);
  }
  return new RuleSurveyor();
}
