/**
 * The few pieces of the WebAssembly binary format that Socius's numeric kernels are written
 * in (gram_wasm.ts, als_row_wasm.ts): LEB128 numbers, sections, and the instructions as byte
 * arrays, so a function body reads as a list of instructions and needs no toolchain.
 *
 * @module
 */

/**
 * Unsigned LEB128.
 *
 * @param n A non-negative integer below 2³².
 * @returns Its bytes.
 * @example
 * ```ts
 * import { uleb } from "@lib/recsys/wasm_asm.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
 * ```
 */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/**
 * Signed LEB128 (i32 constants).
 *
 * @param n An integer in the i32 range.
 * @returns Its bytes.
 * @example
 * ```ts
 * import { sleb } from "@lib/recsys/wasm_asm.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
 * ```
 */
export function sleb(n: number): number[] {
  const out: number[] = [];
  while (true) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && (byte & 0x40))) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/**
 * A length-prefixed vector of encoded entries.
 *
 * @param entries The entries, each already encoded.
 * @returns The count, then the entries' bytes.
 * @example
 * ```ts
 * import { vec } from "@lib/recsys/wasm_asm.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(vec([[1], [2, 3]]), [2, 1, 2, 3]);
 * ```
 */
export function vec(entries: number[][]): number[] {
  return [...uleb(entries.length), ...entries.flat()];
}

/**
 * A module section: its id, then its body's length and bytes.
 *
 * @param id The section id (1 types, 3 functions, 5 memory, 7 exports, 10 code).
 * @param body The section's bytes.
 * @returns The section.
 * @example
 * ```ts
 * import { section } from "@lib/recsys/wasm_asm.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(section(5, [1, 0, 1]), [5, 3, 1, 0, 1]);
 * ```
 */
export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/**
 * A UTF-8 name, length-prefixed.
 *
 * @param s The name.
 * @returns Its bytes.
 * @example
 * ```ts
 * import { name } from "@lib/recsys/wasm_asm.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(name("f"), [1, 0x66]);
 * ```
 */
export function name(s: string): number[] {
  const bytes = new TextEncoder().encode(s);
  return [...uleb(bytes.length), ...bytes];
}

/** Value types. */
export const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
/** Local variables. */
export const get = (i: number): number[] => [0x20, i],
  set = (i: number): number[] => [0x21, i],
  tee = (i: number): number[] => [0x22, i];
/** Constants. */
export const i32 = (n: number): number[] => [0x41, ...sleb(n)];
/** An f64 constant, its eight bytes little-endian. */
export const f64 = (x: number): number[] => [
  0x44,
  ...new Uint8Array(new Float64Array([x]).buffer),
];
/** i32 arithmetic and comparisons. */
export const ADD = 0x6a, SUB = 0x6b, MUL = 0x6c, AND = 0x71, SHL = 0x74, SHR_U = 0x76;
export const EQZ = 0x45;
export const LT_S = 0x48, GT_S = 0x4a, GE_S = 0x4e;
/** f64 arithmetic and comparisons, and float32 → float64. */
export const F64_NE = 0x62, F64_GT = 0x64, F64_ADD = 0xa0, F64_SUB = 0xa1, F64_MUL = 0xa2;
export const F64_DIV = 0xa3, PROMOTE = 0xbb;
/** Loads and stores (alignment hint, offset 0). */
export const loadI32 = [0x28, 2, 0], loadF32 = [0x2a, 2, 0], loadF64 = [0x2b, 3, 0];
/** The next i32 or f32 (offset 4). */
export const loadNextI32 = [0x28, 2, 4], loadNextF32 = [0x2a, 2, 4];
export const storeF64 = [0x39, 3, 0];
/** A SIMD instruction: the prefix, the opcode as LEB128, then its immediates. */
export const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
/** v128.load / v128.store at a constant offset. */
export const load128 = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
export const store128 = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
/** v128.load64_zero: two float32 in the low half. */
export const load64Zero = simd(0x5d, 3, 0);
/** v128.store64_lane 0: the low half (two float32). */
export const storeLow64 = simd(0x5b, 3, 0, 0);
/** f64x2.promote_low_f32x4 and f32x4.demote_f64x2_zero. */
export const promoteLow = simd(0x5f), demoteZero = simd(0x5e);
/** v128.const 0. */
export const zero128 = simd(0x0c, ...new Array(16).fill(0));
/** f64x2 lane operations. */
export const splat = simd(0x14),
  vNeg = simd(0xed),
  vAdd = simd(0xf0),
  vSub = simd(0xf1),
  vMul = simd(0xf2);
/** f64x2.extract_lane. */
export const lane = (l: number): number[] => simd(0x21, l);
/** Structured control flow (blocks and loops of no result). */
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = [0x0b];
export const brIf = (depth: number): number[] => [0x0d, depth],
  br = (depth: number): number[] => [0x0c, depth];
/** A call of the module's function `index`. */
export const call = (index: number): number[] => [0x10, ...uleb(index)];
/** `x += n` for an i32 local. */
export const bump = (x: number, n: number): number[] => [...get(x), ...i32(n), ADD, ...set(x)];

/**
 * `for (i = start; i < limit; i += step) body`, with i and limit i32 locals.
 *
 * @param i The counter's local.
 * @param limit The local holding the bound.
 * @param step What each pass adds to the counter.
 * @param body The loop's instructions.
 * @param start Instructions that leave the first value on the stack (default: 0).
 * @returns The loop.
 * @example
 * ```ts
 * import { forLoop } from "@lib/recsys/wasm_asm.ts";
 * import assert from "node:assert/strict";
 * const loop = forLoop(1, 0, 1, [[0x01]]); // a nop for body
 * assert.deepEqual(loop.slice(0, 4), [0x41, 0, 0x21, 1]); // i = 0
 * assert.deepEqual(loop.slice(-4), [0x0c, 0, 0x0b, 0x0b]); // br 0; end; end
 * ```
 */
export function forLoop(
  i: number,
  limit: number,
  step: number,
  body: number[][],
  start: number[] = i32(0),
): number[] {
  return [
    [...start, ...set(i)],
    [...BLOCK, ...LOOP],
    [...get(i), ...get(limit), GE_S, ...brIf(1)],
    ...body,
    bump(i, step),
    [...br(0), ...END, ...END],
  ].flat();
}
