/** Reading the seed event and drawing a starting mood, at the thresholds and by distribution. */
import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { ruleParams } from "@lib/social/spread/params.ts";
import { initialMood, parseSeedEvent } from "@lib/social/spread/seed_event.ts";
import { StepStream } from "@lib/social/spread/stream.ts";
import type { SeedEventInput } from "@lib/social/spread/types.ts";

// Weights 0.5, 0.5, 1 (sum 2): the scaled draw x = 2u meets the cumulative thresholds 0.5 and 1.
const params = ruleParams({ initialEmotion: [0.5, 0.5, 1], stanceMean: 0.25, stanceSd: 0.5 });

Deno.test("the emotion level is the first cumulative weight above u · total", () => {
  assert.equal(initialMood(params, 0, 0).emotion, 0);
  assert.equal(initialMood(params, 0.125, 0).emotion, 0); // x = 0.25
  assert.equal(initialMood(params, 0.25, 0).emotion, 1); // x = 0.5, on the first threshold
  assert.equal(initialMood(params, 0.375, 0).emotion, 1); // x = 0.75
  assert.equal(initialMood(params, 0.5, 0).emotion, 2); // x = 1, on the second threshold
  assert.equal(initialMood(params, 0.75, 0).emotion, 2);
});

Deno.test("the stance is stanceMean + stanceSd · z, clipped to [-1, 1]", () => {
  assert.equal(initialMood(params, 0, 1).stance, 0.75);
  assert.equal(initialMood(params, 0, -1).stance, -0.25);
  assert.equal(initialMood(params, 0, -2.5).stance, -1);
  assert.equal(initialMood(params, 0, -6).stance, -1);
  assert.equal(initialMood(params, 0, 1.5).stance, 1);
  assert.equal(initialMood(params, 0, 6).stance, 1);
});

Deno.test("over many seeded draws each level turns up in proportion to its weight", () => {
  const stream = new StepStream(11);
  const counts = [0, 0, 0];
  const n = 40_000;
  for (let i = 0; i < n; i++) counts[initialMood(params, stream.uniform(-1, i, 0), 0).emotion]++;
  // Expected shares 0.25, 0.25, 0.5; the binomial sd at 40 000 draws is under 0.0025.
  const expected = [0.25, 0.25, 0.5];
  counts.forEach((c, k) => assert.ok(Math.abs(c / n - expected[k]) < 0.01, `level ${k}: ${c}`));
});

Deno.test("an event that is not an object is refused at its root", () => {
  assert.throws(
    () => parseSeedEvent(null as unknown as SeedEventInput),
    (e: unknown) => e instanceof ConfigError && e.message.startsWith("seed event: (root): "),
  );
  assert.throws(
    () => parseSeedEvent({ text: "x", posters: ["a"], arousal: 3 }),
    (e: unknown) => e instanceof ConfigError && e.field === "arousal",
  );
});

Deno.test("defaults: posted at step 0, intense, stance 0.6", () => {
  const e = parseSeedEvent({ text: "x", posters: ["a"] });
  assert.deepEqual(e, { text: "x", posters: ["a"], time: 0, arousal: 2, stance: 0.6 });
});
