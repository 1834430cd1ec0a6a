// The local model server's sampler settings: llama.cpp's cut-offs and node-llama-cpp's repeat
// penalty by default, a request's own values taken as given, and bad values named.
import assert from "node:assert/strict";
import { SamplerFieldError, samplerSettings } from "@lib/llm/sampler_settings.mjs";

Deno.test("a request without sampler fields gets top-k 40, top-p 0.95, min-p 0.05 and a 1.1 repeat penalty over 64 tokens", () => {
  assert.deepEqual(samplerSettings({ messages: [], temperature: 0.7 }), {
    topK: 40,
    topP: 0.95,
    minP: 0.05,
    repeatPenalty: { penalty: 1.1, frequencyPenalty: 0, presencePenalty: 0, lastTokens: 64 },
  });
  // null is JSON's way of leaving a field out.
  assert.deepEqual(samplerSettings({ top_p: null, repeat_penalty: null }), samplerSettings({}));
});

Deno.test("each field a request gives is used as given, 0 included", () => {
  const s = samplerSettings({
    top_k: 0,
    top_p: 1,
    min_p: 0,
    repeat_penalty: 1.3,
    frequency_penalty: 0.4,
    presence_penalty: 0.2,
  });
  assert.deepEqual(s, {
    topK: 0,
    topP: 1,
    minP: 0,
    repeatPenalty: { penalty: 1.3, frequencyPenalty: 0.4, presencePenalty: 0.2, lastTokens: 64 },
  });
});

Deno.test("the penalty is off only when every penalty is neutral", () => {
  assert.equal(samplerSettings({ repeat_penalty: 1 }).repeatPenalty, false);
  assert.deepEqual(samplerSettings({ repeat_penalty: 1, frequency_penalty: 0.5 }).repeatPenalty, {
    penalty: 1,
    frequencyPenalty: 0.5,
    presencePenalty: 0,
    lastTokens: 64,
  });
  assert.deepEqual(samplerSettings({ repeat_penalty: 1, presence_penalty: 0.5 }).repeatPenalty, {
    penalty: 1,
    frequencyPenalty: 0,
    presencePenalty: 0.5,
    lastTokens: 64,
  });
});

Deno.test("a field that is not a finite number is an error naming it", () => {
  for (
    const [key, value] of [
      ["top_k", "40"],
      ["top_p", Number.NaN],
      ["min_p", Infinity],
      ["repeat_penalty", true],
      ["frequency_penalty", [0.1]],
      ["presence_penalty", {}],
    ] as const
  ) {
    assert.throws(
      () => samplerSettings({ [key]: value }),
      (e: unknown) => e instanceof SamplerFieldError && e.message === `${key}: expected a number`,
      key,
    );
  }
});
