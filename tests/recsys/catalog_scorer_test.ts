import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { CatalogScorer } from "../../lib/recsys/catalog_scorer.ts";
import { scoreItems } from "../../lib/recsys/mf_score.ts";

/** Factors over many orders of magnitude, with exact zeros and signed zeros, where any reordering of a sum shows. */
function wide(rng: Rng, n: number): Float32Array {
  return new Float32Array(n).map(() => {
    const r = rng.next();
    if (r < 0.05) return 0;
    if (r < 0.08) return -0;
    return rng.normal(0, 1) * 10 ** rng.int(13) / 1e6;
  });
}

Deno.test("WebAssembly scores are the JavaScript loop's, bit for bit, for every shape", () => {
  const rng = new Rng(11);
  for (const f of [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 32, 33]) {
    for (const items of [1, 7, 8, 9, 17, 100]) {
      const users = 3;
      const x = wide(rng, users * f), y = wide(rng, items * f);
      const scorer = CatalogScorer.create(y, f, items);
      assert.ok(scorer, "this runtime has WebAssembly SIMD");
      for (let u = 0; u < users; u++) {
        const got = new Float64Array(items), want = new Float64Array(items);
        scorer.score(x, u * f, got);
        scoreItems(x, u * f, y, f, want);
        assert.deepEqual(
          new Uint8Array(got.buffer),
          new Uint8Array(want.buffer),
          `f ${f}, ${items} items, user ${u}`,
        );
      }
    }
  }
});

Deno.test("a scorer keeps the item factors it was made with, and scorers do not share memory", () => {
  const y = new Float32Array([1, 2, 3, 4]), x = new Float32Array([1, 1]);
  const a = CatalogScorer.create(y, 2, 2)!;
  const b = CatalogScorer.create(new Float32Array([5, 5, 5, 5]), 2, 2)!;
  y.fill(0);
  const out = new Float64Array(2);
  a.score(x, 0, out);
  assert.deepEqual([...out], [3, 7]);
  b.score(x, 0, out);
  assert.deepEqual([...out], [10, 10]);
});

Deno.test("a catalogue larger than the module's first memory page is scored the same, bit for bit", () => {
  const rng = new Rng(12);
  for (const [items, f] of [[2935, 32], [1000, 17], [4100, 8]]) {
    const x = wide(rng, 2 * f), y = wide(rng, items * f);
    const scorer = CatalogScorer.create(y, f, items)!;
    for (const u of [0, 1]) {
      const got = new Float64Array(items), want = new Float64Array(items);
      scorer.score(x, u * f, got);
      scoreItems(x, u * f, y, f, want);
      assert.deepEqual(new Uint8Array(got.buffer), new Uint8Array(want.buffer), `${items} × ${f}`);
    }
  }
});
