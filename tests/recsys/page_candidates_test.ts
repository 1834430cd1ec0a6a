// pageCandidates with and without the WebAssembly scorer: both give topK's list over every
// item's JavaScript score, with each user's own blocked items left out, one scratch reused for
// user after user, written where the caller says.
import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { topK } from "@lib/core/top_k.ts";
import { CatalogScorer } from "@lib/recsys/catalog_scorer.ts";
import { candidateScratch, pageCandidates } from "@lib/recsys/page_candidates.ts";
import { scoreItems } from "@lib/recsys/mf_score.ts";

Deno.test("candidates are top-k of the unblocked items, user after user, with or without the scorer", () => {
  const rng = new Rng("page-candidates");
  const items = 60, f = 8, users = 5, depth = 7;
  const y = new Float32Array(items * f).map(() => rng.normal(0, 1) * 10 ** -rng.int(3));
  const x = new Float32Array(users * f).map(() => rng.normal(0, 1));
  // Each user's blocked items, one after another in one array, as pages ahead keeps them.
  const blocked: number[] = [], ptr = [0];
  for (let u = 0; u < users; u++) {
    for (let b = 0; b < 3 + u * 4; b++) blocked.push(rng.int(items));
    ptr.push(blocked.length);
  }
  const blockedArr = Int32Array.from(blocked);
  for (const scorer of [null, CatalogScorer.create(y, f, items)]) {
    const scratch = candidateScratch(items, scorer);
    const idx = new Int32Array(users * depth + 2).fill(-1);
    const score = new Float64Array(users * depth + 2);
    // Users in an order that is not the rows', into slots that are not the rows' either.
    for (const [slot, u] of [[0, 3], [1, 0], [2, 4], [3, 1], [4, 2]]) {
      const n = pageCandidates(
        x,
        u,
        y,
        f,
        blockedArr,
        ptr[u],
        ptr[u + 1],
        depth,
        scratch,
        idx,
        score,
        1 + slot * depth,
      );
      const own = new Set(blocked.slice(ptr[u], ptr[u + 1]));
      const all = new Float64Array(items);
      scoreItems(x, u * f, y, f, all);
      const want = topK(all, depth, (i) => !own.has(i));
      const label = `${scorer ? "scorer" : "JavaScript"}, user ${u}`;
      assert.equal(n, want.length, label);
      const at = 1 + slot * depth;
      assert.deepEqual(Array.from(idx.subarray(at, at + n)), want.map((e) => e.index), label);
      assert.deepEqual(Array.from(score.subarray(at, at + n)), want.map((e) => e.score), label);
      assert.ok(scratch.mask.every((m) => m === 0), `${label}: the mask is left clear`);
    }
    assert.equal(idx[0], -1, "nothing written before the first slot");
  }
});
