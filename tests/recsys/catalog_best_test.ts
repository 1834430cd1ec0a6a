// CatalogScorer.best against scoring the whole catalogue and topK: the same items, in the same
// order, with the same scores to the bit, on factors where the length bound stops early, where
// it never can, and with ties.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { topK } from "@lib/core/top_k.ts";
import { CatalogScorer } from "@lib/recsys/catalog_scorer.ts";
import { scoreItems } from "@lib/recsys/mf_score.ts";

/** Item factors whose lengths fall off as implicit-feedback ones do, with zero rows and twins. */
function skewed(rng: Rng, items: number, f: number): Float32Array {
  const y = new Float32Array(items * f);
  for (let i = 0; i < items; i++) {
    const r = rng.next();
    if (r < 0.2) continue; // never seen: a zero row
    if (r < 0.3 && i > 0) {
      y.copyWithin(i * f, (i - 1) * f, i * f); // the same factors as the item before: tied scores
      continue;
    }
    const scale = 10 ** (-4 * rng.next());
    for (let a = 0; a < f; a++) y[i * f + a] = rng.normal(0, 1) * scale;
  }
  return y;
}

function check(
  y: Float32Array,
  x: Float32Array,
  f: number,
  items: number,
  rng: Rng,
  label: string,
) {
  const made = CatalogScorer.create(y, f, items);
  assert.ok(made, "this runtime has WebAssembly SIMD");
  const scorer: CatalogScorer = made;
  const users = x.length / f;
  const scores = new Float64Array(items);
  for (let u = 0; u < users; u++) {
    const mask = new Uint8Array(items).map(() => (rng.next() < 0.1 ? 1 : 0));
    for (const k of [0, 1, 5, 15, items, items + 3]) {
      // The reference scores the factors as given, in JavaScript: a search that wrote outside
      // its own part of the scorer's memory would show up in later users' pages.
      scoreItems(x, u * f, y, f, scores);
      const want = topK(scores, k, (i) => mask[i] === 0);
      const idx = new Int32Array(k + 2).fill(-7), val = new Float64Array(k + 2);
      const n = scorer.best(x, u * f, k, mask, idx, val, 1);
      const got = Array.from({ length: n }, (_, c) => ({ index: idx[1 + c], score: val[1 + c] }));
      assert.equal(idx[0], -7, "nothing written before the slot given");
      assert.deepEqual(got, want, `${label}: user ${u}, k ${k}`);
      for (let c = 0; c < n; c++) {
        assert.ok(Object.is(got[c].score, want[c].score), `${label}: the same bits`);
      }
    }
  }
}

Deno.test("best is topK over the whole catalogue's scores, for skewed, signed and tied factors", () => {
  const rng = new Rng(21);
  for (const [items, f] of [[1, 8], [7, 3], [9, 8], [100, 16], [2935, 32], [513, 5]]) {
    const y = skewed(rng, items, f);
    const x = new Float32Array(6 * f).map(() => rng.normal(0, 1));
    x.fill(0, 0, f); // a user with zero factors: every score is 0, ties everywhere
    check(y, x, f, items, rng, `${items} items × ${f}`);
  }
});

Deno.test("best scans on when every score is negative, where the length bound cannot stop it", () => {
  const rng = new Rng(22);
  const items = 200, f = 8;
  // Every item points the same way; the user the other way: all scores are below zero.
  const y = new Float32Array(items * f).map(() => Math.abs(rng.normal(0, 1)) * 10 ** -rng.int(4));
  const x = new Float32Array(2 * f).map(() => -Math.abs(rng.normal(0, 1)));
  check(y, x, f, items, rng, "negative");
});

Deno.test("best stops early on factors whose lengths fall off, and every page is still exact", () => {
  const rng = new Rng(23);
  const items = 4000, f = 16;
  const y = new Float32Array(items * f);
  for (let i = 0; i < items; i++) {
    const scale = 1 / (1 + i) ** 1.5; // a long tail of short vectors
    for (let a = 0; a < f; a++) y[i * f + a] = rng.normal(0, 1) * scale;
  }
  const x = new Float32Array(3 * f).map(() => rng.normal(0, 1));
  check(y, x, f, items, rng, "long tail");
  // Far fewer blocks scored than the catalogue holds.
  const scorer = CatalogScorer.create(y, f, items)!;
  const idx = new Int32Array(15), val = new Float64Array(15);
  const before = scorer.blocksScored;
  scorer.best(x, 0, 15, new Uint8Array(items), idx, val, 0);
  const blocks = scorer.blocksScored - before;
  assert.ok(blocks > 0 && blocks < items / 8 / 4, `scored ${blocks} of ${items / 8} blocks`);
  scorer.score(x, 0, new Float64Array(items));
  assert.equal(scorer.blocksScored - before - blocks, items / 8, "score counts every block");
});

Deno.test("an item scoring exactly its length bound is still found behind longer items", () => {
  // x = (1, 0). Sixteen long items come first; one of them scores 0.9999995, the rest 0. Then
  // an item of length 1 along x scores 1, exactly the bound for its block: a bound a millionth
  // tighter would stop before it. Short items after it keep the blocks behind it from looking
  // empty.
  const items = 40, f = 2;
  const y = new Float32Array(items * f);
  y.set([0.9999995, Math.sqrt(4 - 0.9999995 * 0.9999995)], 0);
  for (let i = 1; i < 16; i++) y.set([0, 2], i * f);
  y.set([1, 0], 16 * f);
  for (let i = 17; i < items; i++) y.set([0, 0.1], i * f);
  const scorer = CatalogScorer.create(y, f, items)!;
  const idx = new Int32Array(2), val = new Float64Array(2);
  const x = new Float32Array([1, 0]);
  assert.equal(scorer.best(x, 0, 1, new Uint8Array(items), idx, val, 0), 1);
  assert.deepEqual([idx[0], val[0]], [16, 1]);
  assert.equal(scorer.best(x, 0, 2, new Uint8Array(items), idx, val, 0), 2);
  assert.deepEqual([...idx], [16, 0]);
});
