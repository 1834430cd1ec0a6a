// AlsSweeps: where a fit's sweeps run and whether they are rotated. On this thread or on
// workers, with the Gram matrix summed here or on the workers, the factors are the same bits;
// the rotation is taken exactly where it pays; the pool lives from a warm-up to the fit.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { AlsSweeps, type AlsSweepSettings } from "@lib/recsys/als_sweeps.ts";
import { type EigenGram, eigenGram, rotateRows } from "@lib/recsys/als_rotate.ts";
import { gramMatrix, solveRows } from "@lib/recsys/als_solve.ts";
import { InteractionMatrix } from "@lib/recsys/interaction_matrix.ts";
import type { Interaction } from "@lib/recsys/item.ts";
import { twoBlockCatalog } from "./helpers.ts";
import { sameBits } from "./kernel_reference.ts";

const settings: AlsSweepSettings = {
  f: 8,
  lambda: 2,
  alpha: 10,
  cgSteps: 3,
  workers: 2,
  minParallelNnz: 0,
  rotate: true,
};

/** `users` users with two to four interactions each, over `items` items. */
function matrix(users: number, items: number, seed = 1): InteractionMatrix {
  const catalog = twoBlockCatalog(items), rng = new Rng(seed), rows: Interaction[] = [];
  for (let u = 0; u < users; u++) {
    const k = 2 + rng.int(3);
    for (let e = 0; e < k; e++) {
      rows.push({ userId: `u${u}`, itemId: `m${rng.int(items)}`, weight: 1 + rng.int(5) });
    }
  }
  return InteractionMatrix.build(rows, catalog);
}

/** Starting factors on shared memory: users at 0, items seeded. */
function start(data: InteractionMatrix, items: number, f: number) {
  const x = new Float32Array(new SharedArrayBuffer(data.nUsers * f * 4));
  const y = new Float32Array(new SharedArrayBuffer(items * f * 4));
  const rng = new Rng("init");
  for (let i = 0; i < y.length; i++) y[i] = rng.normal(0, 0.1);
  return { x, y };
}

Deno.test("sweeps on this thread and on workers give the same factors, rotated or not", async () => {
  const items = 40, data = matrix(300, items);
  const result = new Map<string, { x: Float32Array; y: Float32Array }>();
  for (const rotate of [true, false]) {
    const here = start(data, items, 8);
    new AlsSweeps({ ...settings, rotate, workers: 1 }).here(here.x, here.y, data, 3);
    for (const workers of [2, 3]) {
      const there = start(data, items, 8);
      const sweeps = new AlsSweeps({ ...settings, rotate, workers });
      await sweeps.onWorkers(there.x, there.y, data, 3);
      assert.ok(sameBits(there.x, here.x) && sameBits(there.y, here.y), `${workers} workers`);
      assert.equal(sweeps.parallelFits, 1);
      assert.equal(sweeps.alive, 0, "the workers stop with the fit");
    }
    result.set(String(rotate), here);
  }
  // 300 users against 40 items: the users' half-sweep is rotated, and only rounding differs.
  const a = result.get("true")!, b = result.get("false")!;
  assert.ok(!sameBits(a.x, b.x), "the rotation ran");
  let gap = 0;
  for (let u = 0; u < data.nUsers; u++) {
    for (let i = 0; i < items; i++) {
      let sa = 0, sb = 0;
      for (let k = 0; k < 8; k++) {
        sa += a.x[u * 8 + k] * a.y[i * 8 + k];
        sb += b.x[u * 8 + k] * b.y[i * 8 + k];
      }
      gap = Math.max(gap, Math.abs(sa - sb));
    }
  }
  assert.ok(gap < 1e-4, `scores differ by ${gap}`);
});

/** One sweep by hand: each half-sweep rotated exactly when 3 × solved rows > fixed rows. */
function referenceSweep(x: Float32Array, y: Float32Array, data: InteractionMatrix): void {
  const { f, lambda, alpha, cgSteps } = settings;
  const half = (
    x: Float32Array,
    y: Float32Array,
    ptr: Int32Array,
    idx: Int32Array,
    w: Float32Array,
  ) => {
    let gram: Float64Array | EigenGram = gramMatrix(y, f, lambda);
    if (3 * (x.length / f) > y.length / f) {
      gram = eigenGram(gram, f);
      rotateRows(y, gram.q, f);
    }
    solveRows(x, y, ptr, idx, w, gram, f, alpha, cgSteps, 0, ptr.length - 1);
  };
  half(x, y, data.rowPtr, data.rowItems, data.rowWeights);
  half(y, x, data.colPtr, data.colUsers, data.colWeights);
}

Deno.test("a half-sweep is rotated exactly where its solved side has over a third the fixed side's rows", () => {
  // 10 users against 31 items: the users' half-sweep runs plain (30 < 31), the items' rotated;
  // against 29 items both run rotated.
  for (const items of [31, 29, 30]) {
    const data = matrix(10, items, 3);
    assert.equal(data.nUsers, 10);
    const got = start(data, items, 8), want = { x: got.x.slice(), y: got.y.slice() };
    new AlsSweeps({ ...settings, workers: 1 }).here(got.x, got.y, data, 1);
    referenceSweep(want.x, want.y, data);
    assert.ok(sameBits(got.x, want.x) && sameBits(got.y, want.y), `${items} items`);
  }
});

Deno.test("a long fixed side has its Gram matrix summed on the workers, the same bits", async () => {
  // 17,000 users: past the 16,384 rows from which the workers sum the users' Gram matrix.
  const items = 30, data = matrix(17_000, items, 7);
  const here = start(data, items, 8), there = start(data, items, 8);
  new AlsSweeps({ ...settings, workers: 1 }).here(here.x, here.y, data, 1);
  await new AlsSweeps({ ...settings, workers: 3 }).onWorkers(there.x, there.y, data, 1);
  assert.ok(sameBits(there.x, here.x) && sameBits(there.y, here.y));
});

Deno.test("workers run a fit from the threshold on, start when warmed and stop on release", () => {
  const sweeps = new AlsSweeps({ ...settings, minParallelNnz: 100 });
  assert.equal(sweeps.usesWorkers(99), false);
  assert.equal(sweeps.usesWorkers(100), true);
  assert.equal(new AlsSweeps({ ...settings, workers: 1 }).usesWorkers(1e9), false);
  assert.equal(sweeps.warm(99), false);
  assert.equal(sweeps.alive, 0);
  assert.equal(sweeps.warm(100), true);
  assert.equal(sweeps.alive, 2);
  // Warming again keeps the same workers.
  assert.equal(sweeps.warm(100), true);
  assert.equal(sweeps.alive, 2);
  sweeps.release();
  assert.equal(sweeps.alive, 0);
  sweeps.release();
  // Sweeps that never had a pool have nothing to stop.
  const fresh = new AlsSweeps(settings);
  fresh.release();
  assert.equal(fresh.alive, 0);
});
