/**
 * A typed identity for scenarios written in code: a scenario kept in a variable before it is
 * passed on loses its literal types ("mf" widens to string) and no longer fits the union-typed
 * options; written through {@link defineScenario}, it is checked where it is written.
 *
 * @module
 */
import type { ScenarioInput } from "./scenario.ts";

/**
 * Returns its argument, typed as a scenario input (checked, not yet validated or defaulted).
 *
 * @param input The scenario as a notebook writes it.
 * @returns The same object.
 *
 * @example A scenario in a variable keeps its union-typed options
 * ```ts
 * import { defineScenario } from "@lib/sim/define_scenario.ts";
 * import { parseScenario } from "@lib/sim/scenario.ts";
 * import assert from "node:assert/strict";
 * const base = defineScenario({ rounds: 2, recommender: { model: { algorithm: "popular" } } });
 * assert.equal(parseScenario(base).recommender.model.algorithm, "popular");
 * ```
 */
export function defineScenario(input: ScenarioInput): ScenarioInput {
  return input;
}
