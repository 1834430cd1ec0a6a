/**
 * What a run will cost before it starts: calls, tokens and dollars by behaviour. The mix of
 * decisions comes from a short dry run of the same scenario with the rule brain (free and
 * offline); tokens per decision come from measurements of the LLM brain (bench/llm_bench.ts
 * against the local server, or the user's own figures); prices from the LLM layer's table.
 *
 * @module
 */
import type { Behaviour } from "../brain/action.ts";
import { DEFAULT_PRICES, estimateCost, type Price } from "../llm/prices.ts";
import type { BuildOptions } from "./build.ts";
import { parseScenario, type Scenario, type ScenarioInput } from "./scenario.ts";
import { createSimulation } from "./simulation.ts";
import { assignBrains } from "./brain_mix.ts";
import { Rng } from "../core/rng.ts";

/** Tokens one decision of a behaviour uses. */
export interface TokensPerDecision {
  promptTokens: number;
  completionTokens: number;
}

/**
 * Tokens per decision of the LLM brain with the default templates, measured by
 * bench/llm_bench.ts (prompt ≈ characters / 4); pass your model's own figures for precision.
 */
export const MEASURED_TOKENS: Readonly<Record<Behaviour, TokensPerDecision>> = {
  choose: { promptTokens: 330, completionTokens: 60 },
  browse: { promptTokens: 530, completionTokens: 70 },
  feel: { promptTokens: 345, completionTokens: 65 },
  social: { promptTokens: 400, completionTokens: 100 },
  interview: { promptTokens: 400, completionTokens: 100 },
};

/** One row of an estimate. */
export interface EstimateRow {
  behaviour: Behaviour;
  decisions: number;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** Options of {@link estimateRun}. */
export interface EstimateOptions extends BuildOptions {
  /** Model name for the price table (default: the scenario's llm.model, else gpt-4o-mini). */
  model?: string;
  /** Prices per million tokens, overriding the defaults. */
  prices?: Record<string, Price>;
  /** Tokens per decision by behaviour (default {@link MEASURED_TOKENS}). */
  tokens?: Partial<Record<Behaviour, TokensPerDecision>>;
  /** Rounds of the dry run (default: min(rounds, 5)). */
  sampleRounds?: number;
}

/**
 * Estimates a run's LLM use and cost.
 *
 * @param input The scenario.
 * @param options Model, prices, tokens per decision, dry-run length.
 * @returns Rows by behaviour and their total.
 *
 * @example Estimate a run from two sampled rounds
 * ```ts
 * import { estimateRun } from "@lib/sim/budget.ts";
 * import assert from "node:assert/strict";
 * const e = await estimateRun({ rounds: 10, agents: { source: "csv", count: 10 } }, { sampleRounds: 2 });
 * assert.ok(e.total.calls > 0 && e.total.costUsd > 0);
 * ```
 */
export async function estimateRun(
  input: ScenarioInput | Scenario,
  options: EstimateOptions = {},
): Promise<{ rows: EstimateRow[]; total: Omit<EstimateRow, "behaviour">; model: string }> {
  const sc = parseScenario(input);
  const sample = Math.max(1, Math.min(sc.rounds, options.sampleRounds ?? 5));
  const { llm: _llm, ...build } = options;
  const rule = { kind: "rule" as const, params: {} };
  const dry = await createSimulation(
    {
      ...sc,
      rounds: sample,
      brain: rule,
      brains: sc.brains.map((share) => ({ ...share, brain: rule })),
    },
    build,
  );
  await dry.run();
  // In a mixed population only the agents of LLM shares call the model; the dry run has the
  // same agents, so the same draw names them.
  const llmShares = sc.brains.flatMap((share, i) => share.brain.kind === "llm" ? [i] : []);
  const mix = assignBrains(sc.brains, dry.world.ids, new Rng(sc.seed).fork("brains"));
  const callsModel = (agent: string) => {
    const share = mix.get(agent);
    return share === undefined
      ? sc.brain.kind === "llm" || llmShares.length === 0
      : llmShares.includes(share);
  };
  const counts = new Map<Behaviour, number>();
  for (const d of dry.log.ofType("decision")) {
    if (!callsModel(d.agent)) continue;
    counts.set(d.behaviour, (counts.get(d.behaviour) ?? 0) + 1);
  }
  const model = options.model ?? (typeof sc.llm.model === "string" ? sc.llm.model : "gpt-4o-mini");
  const prices = { ...DEFAULT_PRICES, ...options.prices };
  const scale = sc.rounds / sample;
  const rows: EstimateRow[] = [...counts].map(([behaviour, n]) => {
    const per = options.tokens?.[behaviour] ?? MEASURED_TOKENS[behaviour];
    const decisions = Math.round(n * scale);
    const promptTokens = decisions * per.promptTokens;
    const completionTokens = decisions * per.completionTokens;
    return {
      behaviour,
      decisions,
      calls: decisions,
      promptTokens,
      completionTokens,
      costUsd: estimateCost(model, promptTokens, completionTokens, prices),
    };
  });
  const total = rows.reduce((t, r) => ({
    decisions: t.decisions + r.decisions,
    calls: t.calls + r.calls,
    promptTokens: t.promptTokens + r.promptTokens,
    completionTokens: t.completionTokens + r.completionTokens,
    costUsd: t.costUsd + r.costUsd,
  }), { decisions: 0, calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
  return { rows, total, model };
}
