// The rule dynamics' scalar functions worked by hand: the share chance's formula term by
// term, the emotion chain's thresholds (strict, capped, decaying) and bounded confidence.
import assert from "node:assert/strict";
import {
  boundedConfidence,
  emotionStep,
  shareProbability,
  withinConfidence,
} from "@lib/social/spread/dynamics.ts";
import { ruleParams } from "@lib/social/spread/params.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

Deno.test("share chance: base × (1 + gain·level) × ((1 − w) + 2w·agree) × relevance", () => {
  const p = ruleParams({ shareBase: 0.1, emotionGain: 0.5, agreementWeight: 0.4 });
  // agree = (1 + 0.5 · −0.5) / 2 = 0.375; (0.6 + 0.8 · 0.375) = 0.9; 1 + 0.5 · 2 = 2.
  close(shareProbability(2, 0.5, -0.5, p), 0.1 * 2 * 0.9);
  close(shareProbability(2, 0.5, -0.5, p, 0.5), 0.09);
  // Calm and neutral: agree = 1/2, the agreement factor is 1.
  close(shareProbability(0, 0, 0.7, p), 0.1);
  // Full agreement: (0.6 + 0.8) = 1.4; full disagreement: 0.6.
  close(shareProbability(1, 1, 1, p), 0.1 * 1.5 * 1.4);
  close(shareProbability(1, 1, -1, p), 0.1 * 1.5 * 0.6);
});

Deno.test("share chance is clamped to [0, 1]", () => {
  const p = ruleParams({ shareBase: 0.9, emotionGain: 3, agreementWeight: 0 });
  assert.equal(shareProbability(2, 0, 0, p), 1);
  assert.equal(shareProbability(2, 0, 0, p, -1), 0);
  const exact = ruleParams({ shareBase: 0.5, emotionGain: 1, agreementWeight: 0 });
  assert.equal(shareProbability(1, 0, 0, exact), 1);
});

Deno.test("emotion heats with chance contagion · decay^t · gap, strictly below, capped at 2", () => {
  const p = ruleParams({ contagion: 0.5, emotionDecay: 0.5, calmRate: 0.2 });
  // Level 0, feed mean 1.5, two steps after the event: 0.5 · 0.25 · 1.5 = 0.1875.
  assert.equal(emotionStep(0, 1.5, 2, p, 0.1874), 1);
  assert.equal(emotionStep(0, 1.5, 2, p, 0.1875), 0);
  // Before the event (negative steps) the coefficient is not raised above contagion.
  assert.equal(emotionStep(1, 2, -3, p, 0.49), 2);
  assert.equal(emotionStep(1, 2, -3, p, 0.5), 1);
  // One level per step, never past 2.
  const hot = ruleParams({ contagion: 1, emotionDecay: 1 });
  assert.equal(emotionStep(0, 2, 0, hot, 0), 1);
  assert.equal(emotionStep(1, 2.5, 0, hot, 0), 2);
});

Deno.test("without a hotter feed, emotion cools one level with chance calmRate, never below 0", () => {
  const p = ruleParams({ contagion: 1, calmRate: 0.2 });
  assert.equal(emotionStep(2, 2, 0, p, 0.19), 1, "an equal feed is not hotter");
  assert.equal(emotionStep(2, 1, 0, p, 0.2), 2);
  assert.equal(emotionStep(1, NaN, 0, p, 0), 0);
  assert.equal(emotionStep(0, NaN, 0, p, 0), 0);
  assert.equal(emotionStep(0, 0, 0, p, 0), 0);
});

Deno.test("bounded confidence moves a stance towards the mean by `convergence`, clamped", () => {
  const p = ruleParams({ convergence: 0.25, confidence: 0.5 });
  // 0.2 + 0.25 · (1.6 / 2 − 0.2) = 0.35.
  close(boundedConfidence(0.2, 1.6, 2, p), 0.35);
  close(boundedConfidence(-0.4, -0.6, 3, p), -0.4 + 0.25 * (-0.2 + 0.4));
  assert.equal(boundedConfidence(0.3, 5, 0, p), 0.3, "nothing close: unchanged");
  const wild = { ...p, convergence: 2 };
  assert.equal(boundedConfidence(0.5, 1, 1, wild), 1);
  assert.equal(boundedConfidence(-0.5, -1, 1, wild), -1);
  close(boundedConfidence(0.5, 0.75, 1, wild), 1);
});

Deno.test("a message moves the agent when its stance is within `confidence`, bounds included", () => {
  const p = ruleParams({ confidence: 0.5 });
  assert.equal(withinConfidence(0, 0.5, p), true);
  assert.equal(withinConfidence(0, -0.5, p), true);
  assert.equal(withinConfidence(0.25, 0.75, p), true);
  assert.equal(withinConfidence(0, 0.5000001, p), false);
  assert.equal(withinConfidence(0.1, -0.5, p), false);
});
