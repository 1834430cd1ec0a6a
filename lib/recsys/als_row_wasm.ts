/**
 * The body of the WebAssembly `solve` and `solveRotated` kernels (assembled into
 * gram_wasm.ts's module): the row solves of one ALS half-sweep, als_solve.ts's `solveRows`
 * instruction for instruction. Where a loop runs over the f factors element by element, two
 * elements share an f64x2 operation, each lane doing what one JavaScript iteration does;
 * where a loop sums over them (dot products, residual norms), each lane keeps its own running
 * sum (the even-indexed terms in one, the odd in the other) and the two are added at the end,
 * as als_solve.ts's dot64 sums them, so every number is the JavaScript loop's, bit for bit.
 *
 * @module
 */
import {
  ADD,
  BLOCK,
  br,
  brIf,
  bump,
  call,
  demoteZero,
  END,
  EQZ,
  F64,
  f64,
  F64_ADD,
  F64_DIV,
  F64_GT,
  F64_MUL,
  F64_SUB,
  forLoop,
  GE_S,
  get,
  I32,
  i32,
  IF,
  lane,
  load128,
  load64Zero,
  loadF32,
  loadI32,
  loadNextF32,
  loadNextI32,
  LOOP,
  MUL,
  PROMOTE,
  promoteLow,
  set,
  SHL,
  SHR_U,
  splat,
  store128,
  storeLow64,
  tee,
  V128,
  vAdd,
  vec,
  vMul,
  vNeg,
  vSub,
  zero128,
} from "./wasm_asm.ts";

/** Parameters (byte offsets unless said): see {@link solveBody}. */
const G = 0, VEC = 1, Y = 2, X = 3, PTR = 4, IDX = 5, W = 6, F = 7, BLOCKS = 8, ROWS = 9;
const CG = 10, ALPHA = 11;
/** i32 locals: the four vectors, the row, its interactions, the pair offset, rows of y. */
const R = 12, P = 13, AP = 14, XU = 15, U = 16, E = 17, START = 18, STOP = 19, O = 20;
const YO0 = 21, YO1 = 22, STEP = 23, XROW = 24, FB8 = 25, FB4 = 26;
/** f64 locals. */
const D0 = 27, D1 = 28, C = 29, RS = 30, RSNEW = 31, CURV = 32, STEPSIZE = 33, BETA = 34;
/** v128 locals: two scratch vectors, two splatted scalars, two running sums of lane pairs. */
const V = 35, T = 36, S0 = 37, S1 = 38, A0 = 39, A1 = 40;

/** `for (o = 0; o < 8f; o += 16) body`: o is the byte offset of a pair of float64 factors. */
const pairs = (body: number[][]) => forLoop(O, FB8, 16, body);

/** The address of the current pair of a float64 vector. */
const at = (base: number) => [...get(base), ...get(O), ADD];
/** The current pair of a float32 row (its address in `row`), as two float64. */
const rowPair = (row: number) => [
  ...get(row),
  ...get(O),
  ...i32(1),
  SHR_U,
  ADD,
  ...load64Zero,
  ...promoteLow,
];
/**
 * A dot product's running sums: lane 0 sums the even-indexed terms and lane 1 the odd ones,
 * each from 0 in index order; {@link sumLanes} adds the two at the end. Two chains of f/2
 * additions instead of one of f, and no lane taken out per pair (als_solve.ts's dot64).
 */
const addPair = (acc: number, v: number) => [...get(acc), ...get(v), ...vAdd, ...set(acc)];
/** `d = lane 0 of acc + lane 1 of acc`. */
const sumLanes = (d: number, acc: number) => [
  ...[...get(acc), ...lane(0), ...get(acc), ...lane(1), F64_ADD, ...set(d)],
];
/** `yo = y + idx[e + next]·4f`: the address of an interaction's row of the fixed factors. */
const rowOf = (yo: number, next: boolean) => [
  ...[...get(Y), ...get(IDX), ...get(E), ...i32(2), SHL, ADD, ...(next ? loadNextI32 : loadI32)],
  ...[...get(FB4), MUL, ADD, ...set(yo)],
];
/** w[e + next] as float64. */
const weight = (next: boolean) => [
  ...[...get(W), ...get(E), ...i32(2), SHL, ADD, ...(next ? loadNextF32 : loadF32), PROMOTE],
];
/** `d = Σ_a y[yo][a] · v[a]`, summed as {@link addPair} says. */
const dotRow = (d: number, yo: number, v: number) => [
  ...[...zero128, ...set(A0)],
  ...pairs([[...rowPair(yo), ...at(v), ...load128(0), ...vMul, ...set(T)], addPair(A0, T)]),
  ...sumLanes(d, A0),
];
/** `gᵀ·v` into out by the module's `times` (function 0); g·v for a symmetric g. */
const times = (v: number, out: number) => [
  ...[...get(G), ...get(v), ...get(out), ...get(F), ...get(BLOCKS), ...call(0)],
];
/** The current pair of the diagonal, the fifth float64 vector (after xu). */
const diagPair = [...get(XU), ...get(FB8), ADD, ...get(O), ADD, ...load128(0)];
/** out = d ∘ v, element by element, for a diagonal Gram matrix d (als_rotate.ts). */
const timesDiagonal = (v: number, out: number) =>
  pairs([[...at(out), ...diagPair, ...at(v), ...load128(0), ...vMul, ...store128(0)]]);

/**
 * `solve(g, vectors, y, x, ptr, idx, w, f, blocks, rows, cgSteps, alpha)`: for each of `rows`
 * rows u, a few conjugate-gradient steps on (g + Yᵀ(Cᵤ−I)Y) xᵤ = YᵀCᵤpᵤ from xᵤ's current
 * value, exactly as solveRows. g is the f × f Gram matrix (float64, symmetric); `vectors`
 * holds four float64 vectors of f (r, p, g·p, xᵤ); y and x are float32 rows of f; ptr holds
 * rows + 1 int32 interaction indices e, whose column is the int32 at idx + 4e and weight the
 * float32 at w + 4e; f = 8 · blocks.
 *
 * Rotated (`solveRotated`, als_rotate.ts), g holds the rotation Q instead, `vectors` a fifth
 * vector with the diagonal Gram matrix d, and y is already rotated: each row starts from
 * Qᵀ·xᵤ and every product with the Gram matrix is d ∘ v.
 *
 * @param rotated Whether to build the rotated kernel.
 * @returns The function body (locals, then instructions).
 */
export function solveBody(rotated = false): number[] {
  const gramTimes = rotated ? timesDiagonal : times;
  const locals = vec([[15, I32], [8, F64], [6, V128]]);
  const ptrAt = [...get(PTR), ...get(U), ...i32(2), SHL, ADD];
  return [
    locals,
    [...get(F), ...i32(3), SHL, ...set(FB8), ...get(F), ...i32(2), SHL, ...set(FB4)],
    [...get(VEC), ...set(R), ...get(R), ...get(FB8), ADD, ...set(P)],
    [...get(P), ...get(FB8), ADD, ...set(AP), ...get(AP), ...get(FB8), ADD, ...set(XU)],
    [...i32(0), ...set(U), ...get(X), ...set(XROW)],
    [...BLOCK, ...LOOP], // for each row
    [...get(U), ...get(ROWS), GE_S, ...brIf(1)],
    [...ptrAt, ...loadI32, ...set(START), ...ptrAt, ...loadNextI32, ...set(STOP)],
    rotated
      ? [
        pairs([[...at(AP), ...rowPair(XROW), ...store128(0)]]), // ap = x[u]
        times(AP, XU), // xu = Qᵀ·x[u]
      ].flat()
      : pairs([[...at(XU), ...rowPair(XROW), ...store128(0)]]), // xu = x[u]
    gramTimes(XU, R),
    pairs([[...at(R), ...at(R), ...load128(0), ...vNeg, ...store128(0)]]), // r = −g·xu
    residual(),
    // p = r, rs = r·r
    [...zero128, ...set(A0)],
    pairs([
      [...at(R), ...load128(0), ...set(V)],
      [...at(P), ...get(V), ...store128(0)],
      [...get(V), ...get(V), ...vMul, ...set(T)],
      addPair(A0, T),
    ]),
    sumLanes(RS, A0),
    conjugateGradient(gramTimes),
    // x[u] = xu, rounded to float32
    pairs([[
      ...[...get(XROW), ...get(O), ...i32(1), SHR_U, ADD],
      ...[...at(XU), ...load128(0), ...demoteZero, ...storeLow64],
    ]]),
    [...get(XROW), ...get(FB4), ADD, ...set(XROW)],
    bump(U, 1),
    [...br(0), ...END, ...END],
    END,
  ].flat();
}

/**
 * target += Σₑ k(yₑ·v)·yₑ over the row's interactions, in interaction order, two per pass as
 * addResidual and addConfidenceTimes take them: both dot products read v only, and the target
 * then takes the first term before the second. `factor(d, next)` leaves k(d) on the stack for
 * the dot product in local d of interaction e (next: e + 1).
 */
function eachInteraction(
  v: number,
  target: number,
  factor: (d: number, next: boolean) => number[],
): number[] {
  const update = (two: boolean) =>
    pairs([[
      ...[
        ...at(target),
        ...at(target),
        ...load128(0),
        ...get(S0),
        ...rowPair(YO0),
        ...vMul,
        ...vAdd,
      ],
      ...(two ? [...get(S1), ...rowPair(YO1), ...vMul, ...vAdd] : []),
      ...store128(0),
    ]]);
  return [
    [...get(START), ...set(E)],
    [...BLOCK, ...LOOP],
    [...get(E), ...i32(1), ADD, ...get(STOP), GE_S, ...brIf(1)],
    [...rowOf(YO0, false), ...rowOf(YO1, true), ...zero128, ...set(A0), ...zero128, ...set(A1)],
    pairs([
      [...at(v), ...load128(0), ...set(V)],
      [...rowPair(YO0), ...get(V), ...vMul, ...set(T)],
      addPair(A0, T),
      [...rowPair(YO1), ...get(V), ...vMul, ...set(T)],
      addPair(A1, T),
    ]),
    [...sumLanes(D0, A0), ...sumLanes(D1, A1)],
    [...factor(D0, false), ...splat, ...set(S0), ...factor(D1, true), ...splat, ...set(S1)],
    update(true),
    bump(E, 2),
    [...br(0), ...END, ...END],
    // The last interaction when the count is odd.
    [...get(E), ...get(STOP), GE_S, EQZ, ...IF],
    [...rowOf(YO0, false), ...dotRow(D0, YO0, v), ...factor(D0, false), ...splat, ...set(S0)],
    update(false),
    END,
  ].flat();
}

/** r += Σₑ (cₑ − (cₑ−1)·yₑ·xu)·yₑ with cₑ = 1 + α·wₑ (addResidual). */
const residual = () =>
  eachInteraction(XU, R, (d, next) => [
    ...[...f64(1), ...get(ALPHA), ...weight(next), F64_MUL, F64_ADD, ...tee(C)],
    ...[...get(C), ...f64(1), F64_SUB, ...get(d), F64_MUL, F64_SUB],
  ]);

/** ap += Σₑ (yₑ·p)·(α·wₑ)·yₑ (addConfidenceTimes). */
const confidenceTimes = () =>
  eachInteraction(
    P,
    AP,
    (d, next) => [...get(d), ...get(ALPHA), ...weight(next), F64_MUL, F64_MUL],
  );

/** The CG steps of one row, as solveRows takes them, with g·v by `gramTimes`. */
function conjugateGradient(gramTimes: (v: number, out: number) => number[]): number[] {
  return [
    [...i32(0), ...set(STEP)],
    [...BLOCK, ...LOOP],
    [...get(STEP), ...get(CG), GE_S, ...brIf(1)],
    [...get(RS), ...f64(1e-20), F64_GT, EQZ, ...brIf(1)],
    gramTimes(P, AP),
    confidenceTimes(),
    [...zero128, ...set(A0)],
    pairs([
      [...at(P), ...load128(0), ...at(AP), ...load128(0), ...vMul, ...set(T)],
      addPair(A0, T),
    ]),
    sumLanes(CURV, A0),
    [...get(CURV), ...f64(0), F64_GT, EQZ, ...brIf(1)],
    [...get(RS), ...get(CURV), F64_DIV, ...set(STEPSIZE), ...get(STEPSIZE), ...splat, ...set(S0)],
    [...zero128, ...set(A0)],
    pairs([
      // xu += stepSize·p
      [...at(XU), ...at(XU), ...load128(0), ...get(S0), ...at(P), ...load128(0), ...vMul, ...vAdd],
      store128(0),
      // r −= stepSize·ap, and its square into rsNew
      [...at(R), ...load128(0), ...get(S0), ...at(AP), ...load128(0), ...vMul, ...vSub, ...set(V)],
      [...at(R), ...get(V), ...store128(0), ...get(V), ...get(V), ...vMul, ...set(T)],
      addPair(A0, T),
    ]),
    sumLanes(RSNEW, A0),
    [...get(RSNEW), ...get(RS), F64_DIV, ...set(BETA), ...get(BETA), ...splat, ...set(S1)],
    // p = r + beta·p
    pairs([[...at(P), ...at(R), ...load128(0), ...get(S1), ...at(P), ...load128(0), ...vMul]
      .concat(vAdd, store128(0))]),
    [...get(RSNEW), ...set(RS)],
    bump(STEP, 1),
    [...br(0), ...END, ...END],
  ].flat();
}
