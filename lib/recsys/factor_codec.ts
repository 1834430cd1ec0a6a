/**
 * Latent factors as text for JSON checkpoints: base64 of the float32 values' bytes (in the
 * platform's byte order, little-endian wherever Deno runs), a third larger than the bytes
 * themselves and exact to the last bit, where decimal numbers would be three times larger.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";

/**
 * @param factors The values.
 * @returns base64 of their bytes.
 *
 * @example Exact round trip
 * ```ts
 * import { decodeFactors, encodeFactors } from "@lib/recsys/factor_codec.ts";
 * import assert from "node:assert/strict";
 * const y = new Float32Array([0.1, -2.5e-7, 3]);
 * assert.deepEqual(decodeFactors(encodeFactors(y), 3, "state", "y"), y);
 * ```
 */
export function encodeFactors(factors: Float32Array): string {
  return new Uint8Array(factors.buffer, factors.byteOffset, factors.byteLength).toBase64();
}

/**
 * @param text A value from {@link encodeFactors}.
 * @param length How many values it must hold.
 * @param source Where the text came from, for errors.
 * @param field The field that held it, for errors.
 * @returns The values.
 * @throws ConfigError naming the field when the text is not base64 of `length` values.
 *
 * @example The wrong number of values is refused
 * ```ts
 * import { decodeFactors, encodeFactors } from "@lib/recsys/factor_codec.ts";
 * import assert from "node:assert/strict";
 * const text = encodeFactors(new Float32Array(4));
 * assert.throws(() => decodeFactors(text, 8, "state", "y"), /state: y: expected 8 float32 values, found 4/);
 * assert.throws(() => decodeFactors("not base64!", 8, "state", "y"), /expected base64/);
 * ```
 */
export function decodeFactors(
  text: unknown,
  length: number,
  source: string,
  field: string,
): Float32Array {
  if (typeof text !== "string") {
    throw new ConfigError(source, field, `expected base64 text, found ${typeof text}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.fromBase64(text);
  } catch {
    throw new ConfigError(source, field, "expected base64 text, found other characters");
  }
  const found = bytes.length / Float32Array.BYTES_PER_ELEMENT;
  if (found !== length) {
    throw new ConfigError(source, field, `expected ${length} float32 values, found ${found}`);
  }
  // A copy on a buffer of its own, aligned for float32 whatever the decoder allocated.
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
