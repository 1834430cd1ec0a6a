/**
 * The information-cocoon study (RecAgent §5): agents browse a recommender retrained after
 * every round, search, chat and post freely; the genre entropy of what each user is
 * recommended is tracked per round. Settings vary the algorithm and switch on, at a chosen
 * round, the Rec-strategy (N random items per page every k rounds) and the Soc-strategy
 * (N new friends with different interests). Entropy is measured twice: on what agents were
 * shown (the paper's definition, which counts injected random items by construction) and on
 * what they chose to watch (consumption, the measure claims rest on). Quality is the agents'
 * 1–10 satisfaction (a survey comparing what they experienced with what the page promised)
 * and their click and watch rates. Pages never repeat an item by default, as in the paper's
 * system; `repeatPages` lets later rounds show items again, to measure what that rule does.
 *
 * @module
 */
import { clickThrough, watchRate } from "../metrics/quality.ts";
import { recagentEntropyByRound } from "../metrics/entropy.ts";
import { createSimulation } from "../sim/simulation.ts";
import type { ScenarioInput } from "../sim/scenario.ts";
import { consumptionRows, exposureRows } from "../sim/tables.ts";
import { attachSurvey, surveyRows } from "../sim/survey.ts";
import type { Engine } from "../sim/engine.ts";
import { type StudyBrain, surveyorFor } from "./env.ts";

/** One arm of the study. */
export interface CocoonSetting {
  /** Label in tables and figures. */
  label: string;
  algorithm: "random" | "popular" | "mf" | "itemknn";
  /** Rec-strategy: N random items per page every k rounds, from `fromRound`. */
  exploration?: { randomItems: number; everyRounds: number };
  /** Soc-strategy: new friends with different interests per agent, added at `fromRound`. */
  heterogeneousFriends?: number;
  /** Round the strategies switch on (default 0). */
  fromRound?: number;
}

/** Size and mechanism switches shared by every arm. */
export interface CocoonOptions extends StudyBrain {
  agents: number;
  rounds: number;
  seed: number;
  /** Items per page (paper: 5). */
  pageSize?: number;
  /** Interest drift rate (default: the scenario's; 0 switches drift off). */
  drift?: number;
  /** Retrain every k rounds (paper: 1; more than `rounds` means never). */
  retrainEvery?: number;
  /** Ask agents their 1–10 satisfaction after each round (default true). */
  satisfaction?: boolean;
  /**
   * Let pages show again items shown in earlier rounds (default false: never repeat). Without
   * repeats a fixed ranking such as MostPopular is walked downwards round after round.
   */
  repeatPages?: boolean;
}

/** One run's numbers. */
export interface CocoonRun {
  setting: string;
  seed: number;
  /**
   * Entropy (bits) of the genres recommended in each round, mean over users shown a page: the
   * paper's definition (shown items).
   */
  entropy: { round: number; entropy: number; users: number }[];
  /** Cumulative entropy of shown items: each user's recommendations up to the round. */
  cumulative: { round: number; entropy: number; users: number }[];
  /** Entropy of the genres each user watched in the round, mean over users who watched. */
  consumed: { round: number; entropy: number; users: number }[];
  /** Cumulative entropy of watched items: each user's consumption up to the round. */
  consumedCumulative: { round: number; entropy: number; users: number }[];
  /** Mean 1–10 satisfaction per round (rounds with answers). */
  satisfaction: { round: number; mean: number; n: number }[];
  /** From `fromRound` on: mean entropy, satisfaction, click-through and watch rate. */
  after: {
    entropy: number;
    consumedEntropy: number;
    satisfaction: number;
    clickThrough: number;
    watchRate: number;
  };
  /** The engine (events, world) for a closer look. */
  engine: Engine;
}

/**
 * The scenario of one arm: the paper's setup (pages of 5, MF retrained after every round,
 * Barabási–Albert friends, agents free to search, chat and post).
 *
 * @param setting The arm.
 * @param opts Size, seed and switches.
 * @returns A scenario input.
 *
 * @example Rec- and Soc-strategy become interventions at the chosen round
 * ```ts
 * import { cocoonScenario } from "@lib/studies/cocoon.ts";
 * import assert from "node:assert/strict";
 * const sc = cocoonScenario(
 *   { label: "both", algorithm: "mf", exploration: { randomItems: 1, everyRounds: 1 }, heterogeneousFriends: 1, fromRound: 3 },
 *   { kind: "rule", agents: 10, rounds: 5, seed: 1 });
 * assert.deepEqual(sc.interventions!.map((i) => [i.round, i.kind]), [[3, "exploration"], [3, "heterogeneous_friends"]]);
 * ```
 */
export function cocoonScenario(setting: CocoonSetting, opts: CocoonOptions): ScenarioInput {
  const from = setting.fromRound ?? 0;
  const interventions: NonNullable<ScenarioInput["interventions"]> = [];
  if (setting.exploration && setting.exploration.randomItems > 0) {
    interventions.push({ round: from, kind: "exploration", ...setting.exploration });
  }
  if (setting.heterogeneousFriends) {
    interventions.push({
      round: from,
      kind: "heterogeneous_friends",
      count: setting.heterogeneousFriends,
    });
  }
  return {
    name: `cocoon-${setting.label.replace(/[^\w.-]+/g, "_")}`,
    seed: opts.seed,
    rounds: opts.rounds,
    agents: { source: "csv", path: "data/profiles.csv", count: opts.agents },
    recommender: {
      model: { algorithm: setting.algorithm, seed: opts.seed },
      retrainEvery: opts.retrainEvery ?? 1,
      pageSize: opts.pageSize ?? 5,
    },
    social: { graph: "ba", m: 2 },
    brain: { kind: opts.kind },
    ...(opts.drift === undefined ? {} : { drift: opts.drift }),
    interventions,
  };
}

const meanOf = (xs: number[]) => xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;

/**
 * Runs one arm with one seed.
 *
 * @param setting The arm.
 * @param opts Size, seed, brain and switches.
 * @returns Entropy per round, satisfaction, and quality after the strategies switch on.
 */
export async function runCocoon(setting: CocoonSetting, opts: CocoonOptions): Promise<CocoonRun> {
  const engine = await createSimulation(cocoonScenario(setting, opts), { llm: opts.llm });
  if (opts.satisfaction ?? true) {
    attachSurvey(engine, { surveyor: surveyorFor(opts), question: { kind: "satisfaction" } });
  }
  if (opts.repeatPages) {
    // Forgetting what was shown at the end of a round lets the next round's pages repeat it.
    engine.addRoundHook((eng) => {
      for (const shown of eng.world.shown.values()) shown.clear();
      return Promise.resolve();
    });
  }
  await engine.run();
  const events = engine.log.events;
  const catalog = engine.world.catalog;
  const from = setting.fromRound ?? 0;
  const shown = exposureRows(events, catalog, "recommender");
  const watched = consumptionRows(events, catalog);
  const entropy = recagentEntropyByRound(shown, { cumulative: false });
  const consumed = recagentEntropyByRound(watched, { cumulative: false });
  const sat = surveyRows(events, "satisfaction");
  const byRound = new Map<number, number[]>();
  for (const r of sat) byRound.set(r.round, [...(byRound.get(r.round) ?? []), r.score]);
  const after = <T extends { round: number }>(rows: T[]) => rows.filter((r) => r.round >= from);
  return {
    setting: setting.label,
    seed: opts.seed,
    entropy,
    cumulative: recagentEntropyByRound(shown, { cumulative: true }),
    consumed,
    consumedCumulative: recagentEntropyByRound(watched, { cumulative: true }),
    satisfaction: [...byRound].sort((a, b) => a[0] - b[0])
      .map(([round, xs]) => ({ round, mean: meanOf(xs), n: xs.length })),
    after: {
      entropy: meanOf(after(entropy).map((r) => r.entropy)),
      consumedEntropy: meanOf(after(consumed).map((r) => r.entropy)),
      satisfaction: meanOf(after(sat).map((r) => r.score)),
      clickThrough: clickThrough(after(shown), after(watched)),
      watchRate: watchRate(after(shown), after(watched)),
    },
    engine,
  };
}

/**
 * Runs every arm with every seed (sequentially: runs are deterministic per seed).
 *
 * @param settings The arms.
 * @param seeds Replicate seeds.
 * @param opts Size, brain and switches (the seed is taken from `seeds`).
 * @param onRun Called after each run (progress displays).
 * @returns All runs, arm by arm, seed by seed; engines are dropped to keep memory small.
 */
export async function runCocoonArms(
  settings: readonly CocoonSetting[],
  seeds: readonly number[],
  opts: Omit<CocoonOptions, "seed">,
  onRun?: (run: Omit<CocoonRun, "engine">) => void,
): Promise<Omit<CocoonRun, "engine">[]> {
  const out: Omit<CocoonRun, "engine">[] = [];
  for (const setting of settings) {
    for (const seed of seeds) {
      const { engine: _engine, ...run } = await runCocoon(setting, { ...opts, seed });
      out.push(run);
      onRun?.(run);
    }
  }
  return out;
}
