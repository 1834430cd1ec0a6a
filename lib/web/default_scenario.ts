/**
 * The small offline scenario the dashboard opens without an argument: 30 agents from
 * data/profiles.csv with the rule brain, vega movies, matrix factorisation retrained every
 * round, and a preferential-attachment friend graph.
 *
 * @module
 */
import type { ScenarioInput } from "../sim/scenario.ts";

/** The dashboard's default scenario (rule brain, no LLM needed). */
export const DEFAULT_DASHBOARD_SCENARIO: ScenarioInput = {
  name: "dashboard",
  seed: 7,
  rounds: 50,
  agents: { source: "csv", count: 30 },
  activity: { alpha: 1.5, xMin: 1, rate: 0.5 },
  recommender: {
    model: { algorithm: "mf", factors: 8, iterations: 3 },
    retrainEvery: 1,
    pageSize: 5,
  },
  social: { graph: "ba", m: 2 },
  brain: { kind: "rule", params: {} },
};
