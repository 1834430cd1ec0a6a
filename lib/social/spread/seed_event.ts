/**
 * What every way of running the rule dynamics does the same before the first step: read the
 * seed event from its caller, and give each agent the emotion and stance it starts with. The
 * typed-array population and the engine's agents share these, so a change to how an event is
 * read or how a population is predisposed is made once.
 *
 * @module
 */
import { ConfigError, formatPath } from "@lib/core/errors.ts";
import type { RuleParams } from "@lib/social/spread/params.ts";
import { type SeedEvent, type SeedEventInput, SeedEventSchema } from "@lib/social/spread/types.ts";

/**
 * Validates a seed event and fills its defaults.
 *
 * @param input The event as a caller wrote it.
 * @returns The validated event.
 * @throws ConfigError naming the first bad field.
 *
 * @example Defaults filled, a bad field named
 * ```ts
 * import { parseSeedEvent } from "@lib/social/spread/seed_event.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseSeedEvent({ text: "x", posters: ["a"] }).arousal, 2);
 * assert.throws(() => parseSeedEvent({ text: "x", posters: [] }), /seed event: posters/);
 * ```
 */
export function parseSeedEvent(input: SeedEventInput): SeedEvent {
  const parsed = SeedEventSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError("seed event", formatPath(issue.path) || "(root)", issue.message);
}

/**
 * An agent's emotion level and stance before the event: the level drawn in proportion to
 * `initialEmotion`, the stance from a normal around `stanceMean`, clipped to [-1, 1].
 *
 * @param params The rule parameters.
 * @param u A uniform draw in [0, 1) (the emotion level).
 * @param z A standard normal draw (the stance).
 * @returns The starting emotion level (0 calm, 1 moderate, 2 intense) and stance.
 *
 * @example A population that starts calm and undecided
 * ```ts
 * import { initialMood } from "@lib/social/spread/seed_event.ts";
 * import { ruleParams } from "@lib/social/spread/params.ts";
 * import assert from "node:assert/strict";
 * const params = ruleParams({ initialEmotion: [1, 0, 0], stanceMean: 0, stanceSd: 0.5 });
 * assert.deepEqual(initialMood(params, 0.9, 4), { emotion: 0, stance: 1 });
 * ```
 */
export function initialMood(
  params: RuleParams,
  u: number,
  z: number,
): { emotion: number; stance: number } {
  const [c0, c1, c2] = params.initialEmotion;
  const x = u * (c0 + c1 + c2);
  const s = params.stanceMean + params.stanceSd * z;
  return { emotion: x < c0 ? 0 : x < c0 + c1 ? 1 : 2, stance: s < -1 ? -1 : s > 1 ? 1 : s };
}
