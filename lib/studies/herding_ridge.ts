/**
 * The ridge of herding fits: the herding experiment fixes only a trade-off between the
 * social weight and the audience weight of the rule brain, so for each social weight the
 * audience weight that best reproduces it is found, and the conformity study is run under
 * each pair. If the study's result moves along the ridge, the experiment does not pin it down.
 *
 * @module
 */
import { type AblationArm, conformityAblation, type ConformityOptions } from "./conformity.ts";
import { calibrateHerding, MUCHNIK_2013 } from "./herding.ts";

/** One point of the ridge and the conformity study under it. */
export interface RidgePoint {
  social: number;
  /** The audience weight fitted for this social weight. */
  audience: number;
  /** The herding effects the pair reproduces. */
  nextVoteLift: number;
  finalScoreLift: number;
  /** The full-model conformity arm under the pair; null for an LLM brain (no such weights). */
  study: AblationArm | null;
}

/**
 * Fits the audience weight for each social weight (grid 0–4 in steps of 0.5, against Muchnik
 * et al. 2013) and runs the full-model conformity arm under each pair.
 *
 * @param base The conformity study's options (brain, agents, rounds, watchers).
 * @param seeds Seeds of each study run.
 * @param socials Social weights along the ridge.
 * @returns One point per social weight, in order.
 *
 * @example The fit alone, for an LLM brain (no study runs)
 * ```ts
 * import { herdingRidge } from "@lib/studies/herding_ridge.ts";
 * import assert from "node:assert/strict";
 * const ridge = await herdingRidge({ kind: "llm", agents: 4, rounds: 1 }, [1], [1]);
 * assert.equal(ridge.length, 1);
 * assert.equal(ridge[0].study, null);
 * assert.ok(ridge[0].nextVoteLift > 0);
 * ```
 */
export async function herdingRidge(
  base: Omit<ConformityOptions, "seed" | "arm" | "social">,
  seeds: readonly number[],
  socials: readonly number[] = [1, 2, 3],
): Promise<RidgePoint[]> {
  const out: RidgePoint[] = [];
  for (const social of socials) {
    const fit = calibrateHerding(MUCHNIK_2013, {}, { max: 4, step: 0.5, social });
    const [study] = base.kind === "rule"
      ? await conformityAblation({ ...base, rule: { social, audience: fit.audience } }, seeds, [
        "full",
      ])
      : [];
    out.push({
      social,
      audience: fit.audience,
      nextVoteLift: fit.reproduced.nextVoteLift,
      finalScoreLift: fit.reproduced.finalScoreLift,
      study: study ?? null,
    });
  }
  return out;
}
