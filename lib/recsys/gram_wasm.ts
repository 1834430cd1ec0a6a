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
   * `accumulate(g, y, rows, f, a0, a1)`: for each row o of the float32 matrix y and each a in
   * [a0, a1) with y[o][a] ≠ 0, g[a][b] += y[o][a] · y[o][b] for b from a rounded down to even
   * up to f−1.
   */
  accumulate: (g: number, y: number, rows: number, f: number, a0: number, a1: number) => void;
  /**
   * `solve(g, vectors, y, x, ptr, idx, w, f, blocks, rows, cgSteps, alpha)`: the row solves
   * of an ALS half-sweep, as als_solve.ts's solveRows (see als_row_wasm.ts).
   */
  solve: (
    g: number,
    vectors: number,
    y: number,
    x: number,
    ptr: number,
    idx: number,
    w: number,
    f: number,
    blocks: number,
    rows: number,
    cgSteps: number,
    alpha: number,
  ) => void;
  /**
   * `solveRotated`, with `solve`'s parameters: the row solves of a rotated half-sweep
   * (als_rotate.ts), g holding the rotation and `vectors` a fifth vector, the diagonal.
   */
  solveRotated: GramKernels["solve"];
  /** The instance's memory (grow it for larger arrays; views must then be made again). */
  memory: WebAssembly.Memory;
}

import { solveBody } from "./als_row_wasm.ts";
import { accumulateBody } from "./gram_accumulate_wasm.ts";
import {
  ADD,
  BLOCK,
  br,
  brIf,
  bump,
  END,
  F64,
  GE_S,
  get,
  I32,
  i32,
  load128,
  loadF64,
  LOOP,
  name,
  section,
  set,
  SHL,
  splat,
  store128,
  uleb,
  V128,
  vAdd,
  vec,
  vMul,
  zero128,
} from "./wasm_asm.ts";

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
      solve: exports.solve as GramKernels["solve"],
      solveRotated: exports.solveRotated as GramKernels["solve"],
      memory: exports.memory as WebAssembly.Memory,
    };
  } catch {
    loaded = null; // no SIMD here: the callers' plain loops give the same numbers
  }
  return loaded;
}

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
  const type = (params: number, last = I32) => [
    0x60,
    ...vec([...new Array(params - 1).fill([I32]), [last]]),
    0,
  ];
  const magic = [0x00, 0x61, 0x73, 0x6d], version = [1, 0, 0, 0];
  return new Uint8Array([
    ...magic,
    ...version,
    // (i32 × 5) → (), (i32 × 6) → (), (i32 × 11, f64) → ()
    ...section(1, vec([type(5), type(6), type(12, F64)])),
    // times: type 0, accumulate: type 1, score: type 0, solve and solveRotated: type 2
    ...section(3, vec([[0], [1], [0], [2], [2]])),
    ...section(5, vec([[0, 1]])), // one memory, at least one page
    ...section(
      7,
      vec([
        [...name("times"), 0, 0],
        [...name("accumulate"), 0, 1],
        [...name("score"), 0, 2],
        [...name("solve"), 0, 3],
        [...name("solveRotated"), 0, 4],
        [...name("memory"), 2, 0],
      ]),
    ),
    ...section(
      10,
      vec([
        fn(timesBody()),
        fn(accumulateBody()),
        fn(scoreBody()),
        fn(solveBody()),
        fn(solveBody(true)),
      ]),
    ),
  ]);
}
