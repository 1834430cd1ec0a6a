/**
 * The body of the WebAssembly `accumulate` kernel (assembled into gram_wasm.ts's module): the
 * sums YᵀY of the ALS Gram matrix, g[a][b] += y[o][a] · y[o][b] row by row. Four rows share a
 * pass over g where all four of a column's factors are non-zero, so each pair of g's entries
 * is loaded and stored once for four rows' products, still added one row at a time in row
 * order; elsewhere, and for the last rows, one row at a time, skipping a zero factor's
 * products as the plain loop does (0 · ∞ would be NaN).
 *
 * @module
 */
import {
  ADD,
  AND,
  BLOCK,
  br,
  brIf,
  bump,
  END,
  F64,
  f64,
  F64_ADD,
  F64_MUL,
  F64_NE,
  forLoop,
  GE_S,
  get,
  GT_S,
  I32,
  i32,
  IF,
  load128,
  load64Zero,
  loadF32,
  loadF64,
  LOOP,
  LT_S,
  MUL,
  PROMOTE,
  promoteLow,
  set,
  SHL,
  splat,
  store128,
  storeF64,
  tee,
  V128,
  vAdd,
  vec,
  vMul,
} from "./wasm_asm.ts";

/** Parameters: g, y (byte offsets), rows, f, and the range [a0, a1) of g's rows to sum. */
const G = 0, Y = 1, ROWS = 2, F = 3, A0 = 4, A1 = 5;
/** i32 locals: the row, column a, column b, pointers into g and into the four rows. */
const O = 6, A = 7, B = 8, GP = 9, YROW = 10, FB4 = 11, YP = [12, 13, 14, 15];
/** f64 locals: the four rows' factor a; v128 locals: the same, in both lanes. */
const YA = [16, 17, 18, 19], YAV = [20, 21, 22, 23];

/** `b = a rounded down to even; gp = &g[a][b]`. */
const startColumn = [
  ...[...get(A), ...i32(-2), AND, ...set(B)],
  ...[...get(G), ...get(A), ...get(F), MUL, ...get(B), ADD, ...i32(3), SHL, ADD, ...set(GP)],
];

/** y[row k of the pass][a] as float64, into YA[k] (and left on the stack). */
const factorA = (k: number) => [
  ...[...get(YROW), ...(k ? [...get(FB4), ...i32(k), MUL, ADD] : [])],
  ...[...get(A), ...i32(2), SHL, ADD, ...loadF32, PROMOTE, ...tee(YA[k])],
];

/**
 * g[a][b..f−1] (from b = a rounded down to even) += the products of the given rows of the
 * pass, one row after another for each entry: `rows` are indices 0..3 into the pass.
 */
function addRows(rows: number[]): number[] {
  const pointers = rows.flatMap((k) => [
    ...[...get(YROW), ...(k ? [...get(FB4), ...i32(k), MUL, ADD] : [])],
    ...[...get(B), ...i32(2), SHL, ADD, ...set(YP[k])],
  ]);
  return [
    rows.flatMap((k) => [...get(YA[k]), ...splat, ...set(YAV[k])]),
    startColumn,
    pointers,
    [...BLOCK, ...LOOP], // while (b + 2 <= f): two entries of row a of g
    [...get(B), ...i32(2), ADD, ...get(F), GT_S, ...brIf(1)],
    [...get(GP), ...get(GP), ...load128(0)],
    rows.flatMap((
      k,
    ) => [...get(YAV[k]), ...get(YP[k]), ...load64Zero, ...promoteLow, ...vMul, ...vAdd]),
    store128(0),
    [...bump(GP, 16), ...rows.flatMap((k) => bump(YP[k], 8)), ...bump(B, 2)],
    [...br(0), ...END, ...END],
    [...get(B), ...get(F), LT_S, ...IF], // the last column when f − b is odd
    [...get(GP), ...get(GP), ...loadF64],
    rows.flatMap((k) => [...get(YA[k]), ...get(YP[k]), ...loadF32, PROMOTE, F64_MUL, F64_ADD]),
    [...storeF64, ...END],
  ].flat();
}

/** For each column a in [a0, a1): `body`. */
const columns = (body: number[][]) => forLoop(A, A1, 1, body, get(A0));

/** Row k of the pass alone, when its factor a is not zero. */
const oneRow = (k: number) => [...factorA(k), ...f64(0), F64_NE, ...IF, ...addRows([k]), ...END];

/**
 * `accumulate(g, y, rows, f, a0, a1)`: for each row o of the float32 matrix y (byte offsets g
 * and y) and each a in [a0, a1) with y[o][a] ≠ 0, g[a][b] += y[o][a] · y[o][b] for b from a
 * rounded down to even up to f − 1, in row order. Each a is summed on its own, so g's rows can
 * be split between threads and come out the same, bit for bit.
 *
 * @returns The function body (locals, then instructions).
 */
export function accumulateBody(): number[] {
  const allNonZero = [
    ...[...factorA(0), ...f64(0), F64_NE, ...factorA(1), ...f64(0), F64_NE, AND],
    ...[...factorA(2), ...f64(0), F64_NE, AND, ...factorA(3), ...f64(0), F64_NE, AND],
  ];
  return [
    vec([[10, I32], [4, F64], [4, V128]]),
    [...get(F), ...i32(2), SHL, ...set(FB4), ...i32(0), ...set(O), ...get(Y), ...set(YROW)],
    [...BLOCK, ...LOOP], // four rows at a time
    [...get(O), ...i32(4), ADD, ...get(ROWS), GT_S, ...brIf(1)],
    columns([
      [...allNonZero, ...IF],
      addRows([0, 1, 2, 3]),
      [0x05], // else: row by row, each skipping its zero factor
      [0, 1, 2, 3].flatMap(oneRow),
      END,
    ]),
    [...get(YROW), ...get(FB4), ...i32(2), SHL, ADD, ...set(YROW), ...bump(O, 4)],
    [...br(0), ...END, ...END],
    [...BLOCK, ...LOOP], // the rows left, one at a time
    [...get(O), ...get(ROWS), GE_S, ...brIf(1)],
    columns([oneRow(0)]),
    [...get(YROW), ...get(FB4), ADD, ...set(YROW), ...bump(O, 1)],
    [...br(0), ...END, ...END],
    END,
  ].flat();
}
