/**
 * Stable, fast 32-bit string hashing used to derive seeds and content keys.
 *
 * @module
 */

/**
 * Hashes a string to an unsigned 32-bit integer (FNV-1a followed by a murmur3 finaliser, so
 * similar strings land far apart).
 *
 * @param text The string to hash.
 * @param seed Optional seed mixed into the hash.
 * @returns An unsigned 32-bit integer.
 *
 * @example Same input, same hash
 * ```ts
 * import { hash32 } from "@lib/core/hash.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hash32("agent:7"), hash32("agent:7"));
 * assert.notEqual(hash32("agent:7"), hash32("agent:8"));
 * ```
 */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * The murmur3 32-bit finaliser: spreads the bits of an integer.
 *
 * @param x Any 32-bit integer.
 * @returns A well-mixed unsigned 32-bit integer.
 *
 * @example Mixing zero still gives zero, anything else scatters
 * ```ts
 * import { fmix32 } from "@lib/core/hash.ts";
 * import assert from "node:assert/strict";
 * assert.notEqual(fmix32(1), fmix32(2));
 * ```
 */
export function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * SHA-256 of a string as lowercase hex (Web Crypto), for content addressing.
 *
 * @param text The string to hash.
 * @returns 64 hex characters.
 *
 * @example Hash a cache key
 * ```ts
 * import { sha256Hex } from "@lib/core/hash.ts";
 * import assert from "node:assert/strict";
 * assert.equal((await sha256Hex("abc")).slice(0, 8), "ba7816bf");
 * ```
 */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
