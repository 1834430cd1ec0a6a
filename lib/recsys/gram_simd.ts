/**
 * The Gram-matrix product of the ALS row solves (g·v, f × f, four times per row and sweep)
 * with WebAssembly SIMD: two outputs per lane pair, no bounds checks. The product is the same
 * number, bit for bit, as the plain loop: WebAssembly's f64 multiply and add are IEEE-754
 * operations with no fusing, and every output is still summed from 0 over b = 0..f−1.
 *
 * The kernel reads g by columns, which are its rows since g is symmetric: column a's
 * entries g[b][a], g[b][a+1], … lie next to each other in row b, so output a and its seven
 * neighbours accumulate from one contiguous load per pair.
 *
 * @module
 */

/** A workspace in WebAssembly memory: the Gram matrix, vectors, and g·v over them. */
export interface SimdGram {
  /** The f × f matrix, row-major, to fill; it must be symmetric (g[a][b] = g[b][a]). */
  gram: Float64Array;
  /** Vectors of length f, zeroed, for the caller's iterates. */
  vectors: Float64Array[];
  /**
   * out = gram · v, both of them views from {@link vectors}.
   *
   * @param v The vector multiplied.
   * @param out Where the product goes (not `v`).
   */
  times(v: Float64Array, out: Float64Array): void;
}

type Kernel = (g: number, v: number, out: number, f: number, blocks: number) => void;

/** One instance per thread: solves run synchronously, so a workspace never outlives a call. */
let loaded: { times: Kernel; memory: WebAssembly.Memory } | null | undefined;

/**
 * A workspace for dimension f with `vectors` vectors, or null where this runtime has no
 * WebAssembly SIMD (callers then use their plain loop). Each call reuses the same memory,
 * so the views of an earlier workspace must no longer be used.
 *
 * @param f Latent dimensions.
 * @param vectors How many vectors of length f.
 * @returns The workspace, or null.
 * @example g·v for a symmetric 2 × 2 matrix
 * ```ts
 * import { simdGram } from "@lib/recsys/gram_simd.ts";
 * import assert from "node:assert/strict";
 * const ws = simdGram(2, 2);
 * assert.ok(ws !== null); // Deno has WebAssembly SIMD
 * ws.gram.set([2, 1, 1, 3]);
 * const [v, out] = ws.vectors;
 * v.set([1, 10]);
 * ws.times(v, out);
 * assert.deepEqual([...out], [12, 31]);
 * ```
 */
export function simdGram(f: number, vectors: number): SimdGram | null {
  const kernel = load();
  if (kernel === null) return null;
  const bytes = (f * f + vectors * f) * 8;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  const buffer = kernel.memory.buffer;
  const gram = new Float64Array(buffer, 0, f * f);
  const vecs = Array.from(
    { length: vectors },
    (_, k) => new Float64Array(buffer, (f * f + k * f) * 8, f).fill(0),
  );
  const blocks = f >> 3, rest = blocks * 8, run = kernel.times;
  return {
    gram,
    vectors: vecs,
    times(v: Float64Array, out: Float64Array): void {
      if (blocks > 0) run(0, v.byteOffset, out.byteOffset, f, blocks);
      // The last f mod 8 outputs, by rows as the plain loop does.
      for (let a = rest, ga = rest * f; a < f; a++, ga += f) {
        let s = 0;
        for (let b = 0; b < f; b++) s += gram[ga + b] * v[b];
        out[a] = s;
      }
    },
  };
}

function load(): { times: Kernel; memory: WebAssembly.Memory } | null {
  if (loaded !== undefined) return loaded;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
    loaded = {
      times: instance.exports.times as Kernel,
      memory: instance.exports.memory as WebAssembly.Memory,
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

/**
 * The module: one memory and `times(g, v, out, f, blocks)`, byte offsets for the arrays.
 * For each block k < blocks (outputs 8k..8k+7) it keeps four f64x2 sums, starts them at 0,
 * and for b = 0..f−1 adds row b's entries 8k..8k+7 times v[b]; then stores them to out.
 */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const I32 = 0x7f, V128 = 0x7b;
  // Parameters 0..4, then locals: 5 block, 6 b, 7 row (byte offset), 8 vb, 9..12 sums.
  const G = 0, V = 1, OUT = 2, F = 3, BLOCKS = 4, BLOCK = 5, B = 6, ROW = 7, VB = 8, SUM = 9;
  const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i];
  const i32 = (n: number) => [0x41, n]; // small non-negative constants only (< 64)
  const add = 0x6a, shl = 0x74, geS = 0x4e;
  const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
  const load128 = (offset: number) => simd(0x00, 4, ...uleb(offset)); // v128.load align=16
  const store128 = (offset: number) => simd(0x0b, 4, ...uleb(offset)); // v128.store align=16
  const zero = simd(0x0c, ...new Array(16).fill(0)); // v128.const 0
  const splat = simd(0x14), fadd = simd(0xf0), fmul = simd(0xf2); // f64x2.*
  const loadF64 = [0x2b, 3, 0]; // f64.load align=8
  const BLOCK_START = [0x02, 0x40], LOOP_START = [0x03, 0x40], END = 0x0b;
  const brIf = (depth: number) => [0x0d, depth], br = (depth: number) => [0x0c, depth];
  const lanes = [0, 1, 2, 3];
  const body = [
    ...i32(0),
    ...set(BLOCK),
    ...BLOCK_START,
    ...LOOP_START, // for (block = 0; block < blocks; block++)
    ...get(BLOCK),
    ...get(BLOCKS),
    geS,
    ...brIf(1),
    ...lanes.flatMap((k) => [...zero, ...set(SUM + k)]),
    ...get(G), // row = g + block · 64: entries 8·block.. of row 0
    ...get(BLOCK),
    ...i32(6),
    shl,
    add,
    ...set(ROW),
    ...i32(0),
    ...set(B),
    ...BLOCK_START,
    ...LOOP_START, // for (b = 0; b < f; b++, row += 8f)
    ...get(B),
    ...get(F),
    geS,
    ...brIf(1),
    ...get(V), // vb = (v[b], v[b])
    ...get(B),
    ...i32(3),
    shl,
    add,
    ...loadF64,
    ...splat,
    ...set(VB),
    ...lanes.flatMap((k) => [
      ...get(SUM + k), // sum_k = sum_k + row[2k..2k+1] · vb
      ...get(ROW),
      ...load128(16 * k),
      ...get(VB),
      ...fmul,
      ...fadd,
      ...set(SUM + k),
    ]),
    ...get(ROW),
    ...get(F),
    ...i32(3),
    shl,
    add,
    ...set(ROW),
    ...get(B),
    ...i32(1),
    add,
    ...set(B),
    ...br(0),
    END,
    END,
    ...lanes.flatMap((k) => [
      ...get(OUT), // out[8·block + 2k ..] = sum_k
      ...get(BLOCK),
      ...i32(6),
      shl,
      add,
      ...get(SUM + k),
      ...store128(16 * k),
    ]),
    ...get(BLOCK),
    ...i32(1),
    add,
    ...set(BLOCK),
    ...br(0),
    END,
    END,
    END,
  ];
  const code = [...vec([[3, I32], [5, V128]]), ...body];
  const params = [I32, I32, I32, I32, I32].map((t) => [t]);
  const magic = [0x00, 0x61, 0x73, 0x6d], version = [1, 0, 0, 0];
  return new Uint8Array([
    ...magic,
    ...version,
    ...section(1, vec([[0x60, ...vec(params), 0]])), // type: (i32 × 5) → ()
    ...section(3, vec([[0]])), // function 0 has type 0
    ...section(5, vec([[0, 1]])), // memory: at least one page
    ...section(7, vec([[...name("times"), 0, 0], [...name("memory"), 2, 0]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}
