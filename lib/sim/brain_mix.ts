/**
 * A mixed population: which agent gets which brain. Named agents take their share first; the
 * counted and fractional shares then take consecutive slices of the other agents in an order
 * shuffled with the run's seed, so the same scenario and seed always give the same agents the
 * same brains, and a resumed run rebuilds the mix it started with.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import type { BrainShare } from "./scenario.ts";

/**
 * Assigns the shares of a mixed population to agents.
 *
 * @param shares The scenario's `brains` (validated: one of fraction, count or agents each).
 * @param ids The population's agent ids, in population order.
 * @param rng The stream the draw uses (a fork of the run's rng kept for it).
 * @param source Where the scenario came from, named in errors.
 * @returns Agent id → index of its share; agents not in the map keep the scenario's brain.
 * @throws ConfigError naming the share's field for an unknown agent id or more agents than the
 *   population holds.
 *
 * @example Two named agents, then a fifth of the population drawn from the others
 * ```ts
 * import { assignBrains } from "@lib/sim/brain_mix.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const ids = Array.from({ length: 10 }, (_, i) => String(i + 1));
 * const llm = { kind: "llm" as const, params: {} };
 * const shares = [{ brain: llm, agents: ["3", "7"] }, { brain: llm, fraction: 0.2 }];
 * const mix = assignBrains(shares, ids, new Rng(1));
 * assert.equal(mix.get("3"), 0);
 * assert.equal([...mix.values()].filter((s) => s === 1).length, 2);
 * assert.deepEqual(assignBrains(shares, ids, new Rng(1)), mix);
 * assert.throws(() => assignBrains([{ brain: llm, agents: ["x"] }], ids, new Rng(1), "m.json"),
 *   /m\.json: brains\[0\]\.agents\[0\]: expected an agent id of the population, found "x"/);
 * ```
 */
export function assignBrains(
  shares: readonly BrainShare[],
  ids: readonly string[],
  rng: Rng,
  source = "scenario",
): Map<string, number> {
  const known = new Set(ids);
  const out = new Map<string, number>();
  shares.forEach((share, i) =>
    share.agents?.forEach((id, j) => {
      if (!known.has(id)) {
        throw new ConfigError(
          source,
          `brains[${i}].agents[${j}]`,
          `expected an agent id of the population, found "${id}"`,
        );
      }
      out.set(id, i);
    })
  );
  const rest = rng.shuffle(ids.filter((id) => !out.has(id)));
  let next = 0;
  // Fractions are rounded on their running sum, so fractions that sum to at most 1 never ask
  // for more agents than there are, whatever the rounding of each one.
  let fractionSoFar = 0;
  shares.forEach((share, i) => {
    if (share.agents) return;
    let n = share.count ?? 0;
    if (share.fraction !== undefined) {
      const before = Math.round(fractionSoFar * ids.length);
      fractionSoFar += share.fraction;
      n = Math.round(fractionSoFar * ids.length) - before;
    }
    if (next + n > rest.length) {
      throw new ConfigError(
        source,
        `brains[${i}].${share.count !== undefined ? "count" : "fraction"}`,
        `expected at most ${rest.length - next} agents (the population of ${ids.length} less ` +
          `the shares before), found ${n}`,
      );
    }
    for (const id of rest.slice(next, next + n)) out.set(id, i);
    next += n;
  });
  return out;
}
