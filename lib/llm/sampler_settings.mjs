// @ts-check
/**
 * The sampler settings of a chat request to the local model server: OpenAI's `top_p`,
 * `frequency_penalty` and `presence_penalty`, and the llama.cpp server's `top_k`, `min_p` and
 * `repeat_penalty`, as node-llama-cpp's generation options. Left out, the cut-offs are the
 * llama.cpp server's defaults (top-k 40, top-p 0.95, min-p 0.05) and the repeat penalty is
 * node-llama-cpp's (1.1 over the last 64 tokens). Sampling from the whole vocabulary without a
 * penalty let SmolLM2-135M draw one emoji in a free-text field and repeat it until max_tokens
 * cut the JSON off: the grammar bounds a string in characters, and an emoji is several tokens.
 * Plain JavaScript, run by the Node.js server and tested from Deno.
 *
 * @module
 */

/**
 * @typedef {object} SamplerSettings
 * @property {number} topK
 * @property {number} topP
 * @property {number} minP
 * @property {false | { penalty: number, frequencyPenalty: number, presencePenalty: number,
 *   lastTokens: number }} repeatPenalty false when every penalty is off.
 */

/** A request field that is not a finite number (its message names the field). */
export class SamplerFieldError extends Error {}

/**
 * Reads the sampler settings of a request body.
 *
 * @param {Record<string, unknown>} body The request.
 * @returns {SamplerSettings} The settings, with defaults where the request has none.
 * @throws {SamplerFieldError} A field that is present but not a finite number.
 *
 * @example Defaults, a request's own value, and the penalty switched off
 * ```ts
 * import { samplerSettings } from "@lib/llm/sampler_settings.mjs";
 * import assert from "node:assert/strict";
 * const d = samplerSettings({});
 * assert.deepEqual([d.topK, d.topP, d.minP], [40, 0.95, 0.05]);
 * assert.equal(samplerSettings({ top_p: 0.5 }).topP, 0.5);
 * assert.equal(samplerSettings({ repeat_penalty: 1 }).repeatPenalty, false);
 * assert.throws(() => samplerSettings({ top_k: "many" }), /top_k: expected a number/);
 * ```
 */
export function samplerSettings(body) {
  /** @param {string} key @param {number} fallback */
  const num = (key, fallback) => {
    const v = body[key];
    if (v == null) return fallback;
    // Number.isFinite is false for anything but a finite number: it never coerces "40".
    if (!Number.isFinite(v)) {
      throw new SamplerFieldError(`${key}: expected a number`);
    }
    return /** @type {number} */ (v);
  };
  const frequencyPenalty = num("frequency_penalty", 0);
  const presencePenalty = num("presence_penalty", 0);
  const penalty = num("repeat_penalty", 1.1);
  return {
    topK: num("top_k", 40),
    topP: num("top_p", 0.95),
    minP: num("min_p", 0.05),
    repeatPenalty: penalty === 1 && frequencyPenalty === 0 && presencePenalty === 0
      ? false
      : { penalty, frequencyPenalty, presencePenalty, lastTokens: 64 },
  };
}
