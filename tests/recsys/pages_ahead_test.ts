import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { topK } from "../../lib/core/top_k.ts";
import { scoreItems } from "../../lib/recsys/mf_score.ts";
import { PagesAhead } from "../../lib/recsys/pages_ahead.ts";

/** Random factors where some items repeat others exactly, so scores tie. */
function factors(rng: Rng, users: number, items: number, f: number) {
  const x = new Float32Array(users * f).map(() => rng.normal(0, 1));
  const y = new Float32Array(items * f).map(() => rng.normal(0, 1));
  for (let i = 1; i < items; i += 4) y.copyWithin(i * f, (i - 1) * f, i * f);
  return { x, y };
}

/** The page scoring the whole catalogue gives, as the recommender computes it. */
function direct(
  x: Float32Array,
  y: Float32Array,
  f: number,
  row: number,
  k: number,
  mask: Uint8Array,
) {
  const scores = new Float64Array(mask.length);
  scoreItems(x, row * f, y, f, scores);
  return topK(scores, k, (i) => mask[i] === 0).map((e) => ({ index: e.index, score: e.score }));
}

Deno.test("a page from the candidates is the page scoring the catalogue gives, or null when it cannot know", async () => {
  for (const f of [1, 3, 4, 5, 32]) {
    const rng = new Rng(f);
    const users = 12, items = 40, depth = 9;
    const { x, y } = factors(rng, users, items, f);
    const blockedAt = Array.from(
      { length: users },
      () => [...new Set(Array.from({ length: rng.int(6) }, () => rng.int(items)))],
    );
    // The last user has almost everything blocked: its list is shorter than depth, complete.
    blockedAt[users - 1] = Array.from({ length: items - 4 }, (_, i) => i);
    const requests = blockedAt.map((blocked, row) => ({ userId: `u${row}`, row, blocked }));
    for (const worker of [false, true]) {
      const ahead = new PagesAhead(
        { x, y, f, items, depth },
        requests,
        worker,
      );
      // With a worker, let it compute every user first, so its answers are the ones checked.
      assert.equal(await ahead.workerDone, worker ? users : 0);
      let answered = 0, unknown = 0;
      for (let row = 0; row < users; row++) {
        // Pages of a visit: more is blocked each time (the pages before), sometimes an item
        // blocked at the start is let go (then the candidates cannot answer).
        const mask = new Uint8Array(items);
        for (const i of blockedAt[row]) mask[i] = 1;
        const release = row % 5 === 2 && blockedAt[row].length > 0;
        if (release) mask[blockedAt[row][0]] = 0;
        for (let p = 0; p < 4; p++) {
          const k = 1 + rng.int(4);
          const page = ahead.page(`u${row}`, k, mask);
          const want = direct(x, y, f, row, k, mask);
          if (page === null) {
            unknown++;
            assert.ok(release || p * 4 + k > depth - 2, `f ${f} row ${row} page ${p}: null`);
          } else {
            answered++;
            assert.deepEqual(page, want, `f ${f} row ${row} page ${p} worker ${worker}`);
          }
          for (const e of want) mask[e.index] = 1;
        }
      }
      assert.equal(ahead.page("nobody", 2, new Uint8Array(items)), null, "a user not asked for");
      assert.ok(answered > 20 && unknown > 0, `${answered} answered, ${unknown} not`);
      assert.equal(ahead.served, answered);
      assert.equal(ahead.computedHere, worker ? 0 : users, "who computed the candidates");
      assert.deepEqual(ahead.counts(), { users, byWorker: worker ? users : 0 });
      ahead.close();
    }
  }
});

Deno.test("counts say how many users were asked for and how many the worker computed", () => {
  const { x, y } = factors(new Rng(5), 3, 8, 2);
  const requests = [0, 1, 2].map((row) => ({ userId: `u${row}`, row, blocked: [] }));
  const ahead = new PagesAhead({ x, y, f: 2, items: 8, depth: 4 }, requests, false);
  ahead.page("u1", 2, new Uint8Array(8));
  assert.deepEqual(ahead.counts(), { users: 3, byWorker: 0 });
  assert.equal(ahead.computedHere, 1);
  ahead.close();
});
