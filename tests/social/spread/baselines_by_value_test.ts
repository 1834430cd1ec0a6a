// The classic baselines by value on hand-built inboxes: IC's edges, times, parents and step
// limit; LT's activation rule against the thresholds it draws; one Voter and one DeGroot
// step worked by hand.
import assert from "node:assert/strict";
import type { InboxCsr } from "@lib/social/spread/csr.ts";
import {
  deGroot,
  independentCascade,
  linearThreshold,
  voterModel,
} from "@lib/social/spread/baselines.ts";
import { StepStream } from "@lib/social/spread/stream.ts";

/** An inbox from rows: rows[k] lists the indices agent k reads. */
function csr(ids: string[], rows: number[][]): InboxCsr {
  const offsets = new Int32Array(ids.length + 1);
  rows.forEach((r, k) => (offsets[k + 1] = offsets[k] + r.length));
  return { ids, offsets, sources: Int32Array.from(rows.flat()) };
}

// a → b → c → d: each reads the one before it.
const CHAIN = csr(["a", "b", "c", "d"], [[], [0], [1], [2]]);

Deno.test("IC with p = 1: one edge per step along the chain, each from the one before", () => {
  const run = independentCascade(CHAIN, ["a"], { p: 1, steps: 10, seed: 1 });
  assert.deepEqual(run.cascade, [
    { parent: null, child: "a", time: 0 },
    { parent: "a", child: "b", time: 1 },
    { parent: "b", child: "c", time: 2 },
    { parent: "c", child: "d", time: 3 },
  ]);
  assert.deepEqual([...run.activeAt], [0, 1, 2, 3]);
});

Deno.test("IC stops after `steps`, stays at the seeds with p = 0, counts a repeated seed once", () => {
  const two = independentCascade(CHAIN, ["a"], { p: 1, steps: 2, seed: 1 });
  assert.deepEqual([...two.activeAt], [0, 1, 2, -1]);
  const none = independentCascade(CHAIN, ["a", "c", "a"], { p: 0, steps: 5, seed: 1 });
  assert.deepEqual([...none.activeAt], [0, -1, 0, -1]);
  assert.deepEqual(none.cascade.map((e) => e.child), ["a", "c"]);
  assert.throws(
    () => independentCascade(CHAIN, ["zed"], { p: 1, steps: 1, seed: 1 }),
    (e: unknown) => e instanceof RangeError && e.message === 'unknown seed agent "zed"',
  );
});

Deno.test("IC: an agent reading two fresh accounts is credited to the first that succeeds", () => {
  // c reads a and b, both seeds.
  const g = csr(["a", "b", "c"], [[], [], [0, 1]]);
  const run = independentCascade(g, ["b", "a"], { p: 1, steps: 3, seed: 1 });
  assert.deepEqual(run.cascade.at(-1), { parent: "a", child: "c", time: 1 });
  // Only accounts activated at the step before get a chance: a seed gets one, at step 1.
  const late = csr(["a", "b"], [[], [0]]);
  let reached = 0;
  for (let seed = 0; seed < 400; seed++) {
    const r = independentCascade(late, ["a"], { p: 0.5, steps: 6, seed });
    if (r.activeAt[1] >= 0) {
      reached++;
      assert.equal(r.activeAt[1], 1, "never after the first step");
    }
  }
  assert.ok(reached > 150 && reached < 250, `one chance at p = 0.5, reached ${reached} of 400`);
});

Deno.test("LT activates exactly the agents whose active share, weighted, reaches their threshold", () => {
  // d reads a, b, c; e reads a only; f reads nobody.
  const g = csr(["a", "b", "c", "d", "e", "f"], [[], [], [], [0, 1, 2], [0], []]);
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const weight of [1, 0.6]) {
      const theta = (i: number) => Math.fround(new StepStream(`lt:${seed}`).uniform(0, i, 0));
      const run = linearThreshold(g, ["a", "b"], { steps: 1, seed, weight });
      const expectD = (weight * 2) / 3 >= theta(3) ? 1 : -1;
      const expectE = weight >= theta(4) ? 1 : -1;
      assert.deepEqual([...run.activeAt], [0, 0, -1, expectD, expectE, -1], `seed ${seed}`);
    }
  }
});

Deno.test("LT credits the account activated last, the first in reading order on a tie", () => {
  // c reads a (seed) and b; b reads a. c's share reaches 1 only once b is active.
  const g = csr(["a", "b", "c"], [[], [0], [0, 1]]);
  const run = linearThreshold(g, ["a"], { steps: 3, seed: 1 });
  assert.equal(run.activeAt[1], 1, "b reads only a: share 1 ≥ any threshold");
  const c = run.cascade.find((e) => e.child === "c")!;
  assert.ok(c.time === 1 || c.time === 2);
  assert.equal(c.parent, c.time === 1 ? "a" : "b");
  const tie = linearThreshold(csr(["a", "b", "c"], [[], [], [1, 0]]), ["a", "b"], {
    steps: 1,
    seed: 1,
  });
  assert.deepEqual(tie.cascade.at(-1), { parent: "b", child: "c", time: 1 });
});

Deno.test("LT's weight must be in (0, 1]", () => {
  for (const weight of [0, -0.1, 1.01, NaN]) {
    assert.throws(
      () => linearThreshold(CHAIN, ["a"], { steps: 1, seed: 1, weight }),
      (e: unknown) =>
        e instanceof RangeError &&
        e.message === `linear threshold weight must be in (0, 1], got ${weight}`,
    );
  }
  assert.equal(linearThreshold(CHAIN, ["a"], { steps: 3, seed: 1, weight: 1 }).activeAt[3], 3);
});

Deno.test("Voter: readers copy a sign, the unread keep theirs; shares count zero as positive", () => {
  // b reads a; a and c read no one.
  const g = csr(["a", "b", "c"], [[], [0], []]);
  const out = voterModel(g, new Float32Array([0.3, -0.2, 0]), { steps: 2, seed: 1 });
  assert.deepEqual(out[0], { t: 0, positive: 2 / 3, meanStance: 1 / 3 });
  assert.deepEqual(out[1], { t: 1, positive: 1, meanStance: 1 });
  assert.deepEqual(out.map((s) => s.t), [0, 1, 2]);
  // Copying a drawn reader: with two readers of opposite sign, both are drawn over seeds.
  const two = csr(["p", "n", "x"], [[], [], [0, 1]]);
  const seen = new Set<number>();
  for (let seed = 0; seed < 40; seed++) {
    seen.add(voterModel(two, new Float32Array([1, -1, 1]), { steps: 1, seed })[1].meanStance);
  }
  assert.deepEqual([...seen].sort(), [-1 / 3, 1 / 3].sort());
});

Deno.test("DeGroot: x ← w·x + (1 − w)·mean of what one reads, worked by hand", () => {
  // b reads a and c; a reads b; c reads no one.
  const g = csr(["a", "b", "c"], [[1], [0, 2], []]);
  const out = deGroot(g, new Float32Array([1, 0, -0.5]), { steps: 1, selfWeight: 0.25 });
  // a: 0.25 · 1 + 0.75 · 0 = 0.25; b: 0 + 0.75 · (1 − 0.5) / 2 = 0.1875; c keeps −0.5.
  assert.deepEqual(out[0], { t: 0, positive: 2 / 3, meanStance: 0.5 / 3 });
  assert.equal(out[1].t, 1);
  assert.ok(Math.abs(out[1].meanStance - (0.25 + 0.1875 - 0.5) / 3) < 1e-7);
  assert.equal(out[1].positive, 2 / 3);
  // The default self weight is one half.
  const half = deGroot(csr(["a", "b"], [[1], []]), new Float32Array([1, 0]), { steps: 1 });
  assert.equal(half[1].meanStance, (0.5 + 0) / 2);
});
