/**
 * The WebAssembly module behind gram_simd.ts, assembled here from its instructions (no
 * toolchain, nothing downloaded), one instance per thread. Its f64 and f64x2 multiplies and
 * adds are IEEE-754 operations that WebAssembly never fuses or reorders, so each kernel gives
 * the bits of the JavaScript loop it mirrors.
 *
 * @module
 */

/** The kernels and the memory their byte offsets point into. */
export interface GramKernels {
  /**
   * `times(g, v, out, f, blocks)`: for each block k < blocks, out[8k..8k+7] = Σ_b row b of g
   * (entries 8k..8k+7) · v[b], summed from 0 over b = 0..f−1 (g symmetric: g·v).
   */
  times: (g: number, v: number, out: number, f: number, blocks: number) => void;
  /**
   * `accumulate(g, y, rows, f)`: for each row o of the float32 matrix y and each a with
   * y[o][a] ≠ 0, g[a][b] += y[o][a] · y[o][b] for b from a rounded down to even up to f−1.
   */
  accumulate: (g: number, y: number, rows: number, f: number) => void;
  /** The instance's memory (grow it for larger arrays; views must then be made again). */
  memory: WebAssembly.Memory;
}

let loaded: GramKernels | null | undefined;
let compiled: WebAssembly.Module | null | undefined;

/**
 * A fresh instance of the module with its own memory (for a kernel that keeps data there
 * between calls, such as MF's item factors), or null where the runtime lacks WebAssembly SIMD.
 *
 * @returns The instance's exports: `score` and `memory` among them.
 * @example Two instances do not share memory
 * ```ts
 * import { freshKernels } from "@lib/recsys/gram_wasm.ts";
 * import assert from "node:assert/strict";
 * const a = freshKernels(), b = freshKernels();
 * assert.ok(a !== null && b !== null && a.memory !== b.memory);
 * ```
 */
export function freshKernels(): { score: GramKernels["times"]; memory: WebAssembly.Memory } | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return null;
  const { exports } = new WebAssembly.Instance(compiled);
  return {
    score: exports.score as GramKernels["times"],
    memory: exports.memory as WebAssembly.Memory,
  };
}

/**
 * This thread's instance of the kernels, or null where the runtime lacks WebAssembly SIMD.
 *
 * @returns The kernels, or null.
 * @example The module loads in Deno
 * ```ts
 * import { gramKernels } from "@lib/recsys/gram_wasm.ts";
 * import assert from "node:assert/strict";
 * const k = gramKernels();
 * assert.ok(k !== null && k.memory.buffer.byteLength >= 65536);
 * ```
 */
export function gramKernels(): GramKernels | null {
  if (loaded !== undefined) return loaded;
  try {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
    loaded = {
      times: exports.times as GramKernels["times"],
      accumulate: exports.accumulate as GramKernels["accumulate"],
      memory: exports.memory as WebAssembly.Memory,
    };
  } catch {
    loaded = null; // no SIMD here: the callers' plain loops give the same numbers
  }
  return loaded;
}

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32 constants). */
function sleb(n: number): number[] {
  const out: number[] = [];
  while (true) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && (byte & 0x40))) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** A length-prefixed vector of encoded entries. */
function vec(entries: number[][]): number[] {
  return [...uleb(entries.length), ...entries.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A UTF-8 name, length-prefixed. */
function name(s: string): number[] {
  const bytes = new TextEncoder().encode(s);
  return [...uleb(bytes.length), ...bytes];
}

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const get = (i: number) => [0x20, i],
  set = (i: number) => [0x21, i],
  tee = (i: number) => [0x22, i];
const i32 = (n: number) => [0x41, ...sleb(n)];
const f64Zero = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const ADD = 0x6a, MUL = 0x6c, AND = 0x71, SHL = 0x74, LT_S = 0x48, GT_S = 0x4a, GE_S = 0x4e;
const F64_NE = 0x62, F64_ADD = 0xa0, F64_MUL = 0xa2, PROMOTE = 0xbb;
const loadF32 = [0x2a, 2, 0], loadF64 = [0x2b, 3, 0], storeF64 = [0x39, 3, 0];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const load128 = (offset: number) => simd(0x00, 4, ...uleb(offset)); // v128.load
const store128 = (offset: number) => simd(0x0b, 4, ...uleb(offset)); // v128.store
const load64Zero = simd(0x5d, 3, 0); // v128.load64_zero: two float32 in the low half
const promoteLow = simd(0x5f); // f64x2.promote_low_f32x4
const zero128 = simd(0x0c, ...new Array(16).fill(0)); // v128.const 0
const splat = simd(0x14), vAdd = simd(0xf0), vMul = simd(0xf2); // f64x2.splat / add / mul
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = [0x0b];
const brIf = (depth: number) => [0x0d, depth], br = (depth: number) => [0x0c, depth];
/** `x += n` for an i32 local. */
const bump = (x: number, n: number) => [...get(x), ...i32(n), ADD, ...set(x)];

/** `times`: parameters 0 g, 1 v, 2 out, 3 f, 4 blocks (byte offsets; g row-major f × f). */
function timesBody(): number[] {
  return blockedProductBody({ matrix: 0, vector: 1, rowMajor: true });
}

/**
 * out[8k..8k+7] = Σ_j m[j][8k..8k+7] · v[j], summed from 0 over j = 0..f−1, eight lanes per
 * block k (parameters 2 out, 3 f, 4 blocks; the matrix and vector parameters as given). Row
 * major (`times`), block k's column j is at m + j·8f + 64k; in blocks of eight (`score`), at
 * m + (k·f + j)·64, so the pointer walks the matrix once.
 */
function blockedProductBody(
  { matrix: M, vector: V, rowMajor }: { matrix: number; vector: number; rowMajor: boolean },
): number[] {
  const OUT = 2, F = 3, BLOCKS = 4, K = 5, J = 6, P = 7, VJ = 8, SUM = 9;
  const lanes = [0, 1, 2, 3];
  const locals = vec([[3, I32], [5, V128]]); // 5 k, 6 j, 7 p; 8 (v[j], v[j]), 9..12 sums
  return [
    locals,
    [...i32(0), ...set(K)],
    rowMajor ? [] : [...get(M), ...set(P)],
    [...BLOCK, ...LOOP], // for (k = 0; k < blocks; k++)
    [...get(K), ...get(BLOCKS), GE_S, ...brIf(1)],
    lanes.flatMap((l) => [...zero128, ...set(SUM + l)]),
    rowMajor ? [...get(M), ...get(K), ...i32(6), SHL, ADD, ...set(P)] : [], // p = &m[0][8k]
    [...i32(0), ...set(J)],
    [...BLOCK, ...LOOP], // for (j = 0; j < f; j++)
    [...get(J), ...get(F), GE_S, ...brIf(1)],
    [...get(V), ...get(J), ...i32(3), SHL, ADD, ...loadF64, ...splat, ...set(VJ)], // (v[j], v[j])
    // sum_l = sum_l + m[j][8k+2l .. 8k+2l+1] · v[j]
    lanes.flatMap((l) => [
      ...[...get(SUM + l), ...get(P), ...load128(16 * l), ...get(VJ), ...vMul, ...vAdd],
      ...set(SUM + l),
    ]),
    rowMajor ? [...get(P), ...get(F), ...i32(3), SHL, ADD, ...set(P)] : bump(P, 64),
    bump(J, 1),
    [...br(0), ...END, ...END],
    // out[8k+2l ..] = sum_l
    lanes.flatMap((l) => [
      ...[...get(OUT), ...get(K), ...i32(6), SHL, ADD, ...get(SUM + l), ...store128(16 * l)],
    ]),
    bump(K, 1),
    [...br(0), ...END, ...END],
    END,
  ].flat();
}

/** `accumulate`: parameters 0 g, 1 y, 2 rows, 3 f (byte offsets; y float32 rows × f). */
function accumulateBody(): number[] {
  const G = 0, Y = 1, ROWS = 2, F = 3, O = 4, A = 5, B = 6, GP = 7, YP = 8, YROW = 9;
  const YA = 10, YAV = 11;
  const locals = vec([[6, I32], [1, F64], [1, V128]]); // 4 o … 9 yrow; 10 ya; 11 (ya, ya)
  return [
    locals,
    [...i32(0), ...set(O), ...get(Y), ...set(YROW)],
    [...BLOCK, ...LOOP], // for (o = 0; o < rows; o++, yrow += 4f)
    [...get(O), ...get(ROWS), GE_S, ...brIf(1)],
    [...i32(0), ...set(A)],
    [...BLOCK, ...LOOP], // for (a = 0; a < f; a++)
    [...get(A), ...get(F), GE_S, ...brIf(1)],
    // ya = y[o][a]; a zero factor's products are skipped, as the plain loop skips them
    [...get(YROW), ...get(A), ...i32(2), SHL, ADD, ...loadF32, PROMOTE, ...tee(YA)],
    [...f64Zero, F64_NE, ...IF],
    [...get(YA), ...splat, ...set(YAV)],
    [...get(A), ...i32(-2), AND, ...set(B)], // b = a rounded down to even
    [...get(G), ...get(A), ...get(F), MUL, ...get(B), ADD, ...i32(3), SHL, ADD, ...set(GP)],
    [...get(YROW), ...get(B), ...i32(2), SHL, ADD, ...set(YP)],
    [...BLOCK, ...LOOP], // while (b + 2 <= f): g[a][b..b+1] += ya · y[o][b..b+1]
    [...get(B), ...i32(2), ADD, ...get(F), GT_S, ...brIf(1)],
    [...get(GP), ...get(GP), ...load128(0)],
    [...get(YAV), ...get(YP), ...load64Zero, ...promoteLow, ...vMul, ...vAdd, ...store128(0)],
    [...bump(GP, 16), ...bump(YP, 8), ...bump(B, 2)],
    [...br(0), ...END, ...END],
    [...get(B), ...get(F), LT_S, ...IF], // the last column when f − b is odd
    [...get(GP), ...get(GP), ...loadF64, ...get(YA), ...get(YP), ...loadF32, PROMOTE],
    [F64_MUL, F64_ADD, ...storeF64, ...END],
    END, // if ya ≠ 0
    bump(A, 1),
    [...br(0), ...END, ...END],
    [...get(YROW), ...get(F), ...i32(2), SHL, ADD, ...set(YROW)],
    bump(O, 1),
    [...br(0), ...END, ...END],
    END,
  ].flat();
}

/**
 * `score`: parameters 0 x, 1 y, 2 out, 3 f, 4 blocks (byte offsets). x holds one user's f
 * factors as float64; y holds the items in blocks of eight, block k's factor a at
 * y + (k·f + a)·64 as eight float64; out[8k..8k+7] = Σ_a x[a] · y[8k+l][a], summed from 0 over
 * a = 0..f−1, the order of the JavaScript scoring loop.
 */
function scoreBody(): number[] {
  return blockedProductBody({ matrix: 1, vector: 0, rowMajor: false });
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const fn = (body: number[]) => [...uleb(body.length), ...body];
  const type = (params: number) => [0x60, ...vec(new Array(params).fill([I32])), 0];
  const magic = [0x00, 0x61, 0x73, 0x6d], version = [1, 0, 0, 0];
  return new Uint8Array([
    ...magic,
    ...version,
    ...section(1, vec([type(5), type(4)])), // (i32 × 5) → (), (i32 × 4) → ()
    ...section(3, vec([[0], [1], [0]])), // times: type 0, accumulate: type 1, score: type 0
    ...section(5, vec([[0, 1]])), // one memory, at least one page
    ...section(
      7,
      vec([
        [...name("times"), 0, 0],
        [...name("accumulate"), 0, 1],
        [...name("score"), 0, 2],
        [...name("memory"), 2, 0],
      ]),
    ),
    ...section(10, vec([fn(timesBody()), fn(accumulateBody()), fn(scoreBody())])),
  ]);
}
