/**
 * Who acts in a round. Each agent has an activity level drawn once from a Pareto
 * distribution p(x) = α·x_min^α / x^(α+1) (RecAgent fits it to real activity data); in each
 * round an agent acts with probability min(1, rate · x), so its number of active rounds over a
 * long run follows the same law, truncated at "every round".
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";

/** Activity settings. */
export interface ActivityConfig {
  /** Pareto shape α. */
  alpha: number;
  /** Pareto scale x_min. */
  xMin: number;
  /** Probability of acting per unit of activity per round. */
  rate: number;
}

/**
 * Draws activity levels for agents that do not have one.
 *
 * @param ids Agent ids, in a fixed order.
 * @param given Activity levels already set in profiles (by id).
 * @param config Pareto parameters.
 * @param rng The run's rng (a fork named "activity" is used).
 * @returns Activity level by agent id.
 */
export function drawActivity(
  ids: readonly string[],
  given: ReadonlyMap<string, number | undefined>,
  config: ActivityConfig,
  rng: Rng,
): Map<string, number> {
  const r = rng.fork("activity");
  const out = new Map<string, number>();
  for (const id of ids) {
    const draw = r.pareto(config.alpha, config.xMin);
    out.set(id, given.get(id) ?? draw);
  }
  return out;
}

/**
 * The agents that act this round, in id order of the input.
 *
 * @param ids Agent ids, in a fixed order.
 * @param activity Activity level by id.
 * @param rate Probability per unit of activity.
 * @param rng A generator forked for this round.
 * @returns The active ids.
 *
 * @example Higher activity acts more often
 * ```ts
 * import { activeAgents } from "@lib/sim/activity.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const act = new Map([["a", 1], ["b", 5]]);
 * let a = 0, b = 0;
 * for (let r = 0; r < 200; r++) {
 *   const on = activeAgents(["a", "b"], act, 0.15, new Rng(1).fork(r));
 *   if (on.includes("a")) a++;
 *   if (on.includes("b")) b++;
 * }
 * assert.ok(b > a);
 * ```
 */
export function activeAgents(
  ids: readonly string[],
  activity: { get(id: string): number | undefined },
  rate: number,
  rng: Rng,
): string[] {
  return ids.filter((id) => rng.next() < Math.min(1, rate * (activity.get(id) ?? 0)));
}
