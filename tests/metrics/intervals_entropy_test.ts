// Interval levels, quantiles and entropy bases checked by value.
import assert from "node:assert/strict";
import {
  bootstrapCI,
  cohensD,
  percentChangeFromPeak,
  summariseReplicates,
} from "@lib/metrics/replicates.ts";
import { mean, quantile, std } from "@lib/metrics/descriptive.ts";
import {
  recagentEntropy,
  recagentEntropyByRound,
  shannonEntropy,
  userEntropy,
} from "@lib/metrics/entropy.ts";
import { Rng } from "@lib/core/rng.ts";

Deno.test("quantile interpolates between order statistics (type 7)", () => {
  assert.equal(quantile([4, 1, 3, 2], 0), 1);
  assert.equal(quantile([4, 1, 3, 2], 1), 4);
  assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantile([10, 20, 30, 40, 50], 0.1), 14);
  assert.equal(quantile([7], 0.3), 7);
  const data = [3, 1, 2];
  assert.equal(quantile(data, 0.5), 2);
  assert.deepEqual(data, [3, 1, 2], "quantile must not reorder its input");
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

Deno.test("bootstrapCI's level picks the known quantiles: 95% is wider than 90%", () => {
  // The statistic "first element of the resample" is a uniform draw from 0..99, so the
  // bootstrap distribution is known: its 2.5% and 97.5% quantiles are about 2 and 97, its
  // 5% and 95% quantiles about 5 and 94.
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const first = (s: readonly number[]) => s[0];
  const at = (level?: number) =>
    bootstrapCI(xs, { rng: new Rng(3), iterations: 20_000, statistic: first, level });
  const c95 = at(), c90 = at(0.9), c50 = at(0.5);
  assert.equal(c95.estimate, 0);
  assert.ok(c95.lo >= 1 && c95.lo <= 4, `95% lo ${c95.lo}`);
  assert.ok(c95.hi >= 95 && c95.hi <= 98, `95% hi ${c95.hi}`);
  assert.ok(c90.lo >= 3.5 && c90.lo <= 6.5, `90% lo ${c90.lo}`);
  assert.ok(c90.hi >= 92.5 && c90.hi <= 95.5, `90% hi ${c90.hi}`);
  assert.ok(c50.lo >= 23 && c50.lo <= 27 && c50.hi >= 72 && c50.hi <= 76);
  assert.ok(Number.isNaN(bootstrapCI([], { rng: new Rng(1) }).lo));
});

Deno.test("bootstrapCI of the mean matches the normal interval of a large sample", () => {
  const rng = new Rng("normal");
  const xs = Array.from({ length: 400 }, () => rng.normal(0, 1));
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
  const ci = bootstrapCI(xs, { rng: new Rng(9), iterations: 4_000 });
  const half = 1.96 * sd / Math.sqrt(xs.length);
  assert.ok(Math.abs((ci.hi - ci.lo) / 2 - half) < 0.1 * half, `${ci.hi - ci.lo} vs ${2 * half}`);
  assert.ok(Math.abs(ci.estimate - m) < 1e-12);
});

Deno.test("shannonEntropy and recagentEntropy honour the base", () => {
  assert.equal(shannonEntropy([1, 1]), 1);
  assert.equal(shannonEntropy([1, 1, 1, 1], 4), 1);
  assert.ok(Math.abs(shannonEntropy([1, 1], Math.E) - Math.LN2) < 1e-12);
  assert.ok(
    Math.abs(shannonEntropy([3, 1]) - (-0.75 * Math.log2(0.75) - 0.25 * Math.log2(0.25))) < 1e-12,
  );
  assert.equal(shannonEntropy([5, 0]), 0);
  const rows = [
    { round: 1, agentId: "a", genres: ["x", "y", "z", "w"] },
    { round: 1, agentId: "b", genres: ["x"] },
  ];
  // a: 2 bits = 1 in base 4 = ln 4 nats; b: 0.
  assert.equal(recagentEntropy(rows), 1);
  assert.equal(recagentEntropy(rows, { base: 4 }), 0.5);
  assert.ok(Math.abs(recagentEntropy(rows, { base: Math.E }) - Math.log(4) / 2) < 1e-12);
  assert.ok(Number.isNaN(recagentEntropy([])));
});

Deno.test("mean and std by hand, population and sample, with their empty cases", () => {
  assert.equal(mean([1, 2, 6]), 3);
  assert.ok(Number.isNaN(mean([])));
  // Deviations −2, −1, 3: sum of squares 14.
  assert.ok(Math.abs(std([1, 2, 6]) - Math.sqrt(14 / 3)) < 1e-12);
  assert.ok(Math.abs(std([1, 2, 6], true) - Math.sqrt(7)) < 1e-12);
  assert.ok(Number.isNaN(std([])));
  assert.ok(Number.isNaN(std([5], true)));
  assert.equal(std([5]), 0);
});

Deno.test("percentChangeFromPeak takes the first of equal peaks and names an empty series", () => {
  const r = percentChangeFromPeak([1, 4, 4, 3]);
  assert.deepEqual([r.peak, r.peakIndex, r.last, r.change], [4, 1, 3, -25]);
  assert.deepEqual(percentChangeFromPeak([2]), { peak: 2, peakIndex: 0, last: 2, change: 0 });
  assert.throws(() => percentChangeFromPeak([]), /expected a non-empty series/);
  assert.throws(
    () => cohensD([1, 2], [3]),
    /cohensD: expected at least two values per group, got 2 and 1/,
  );
  // Equal spreads of 1 and means 1 apart: d = 1.
  assert.ok(Math.abs(cohensD([0, 1, 2], [-1, 0, 1]) - 1) < 1e-12);
});

Deno.test("summariseReplicates sorts rounds and keeps n per round", () => {
  const s = summariseReplicates([
    { round: 3, value: 1 },
    { round: 1, value: 2 },
    { round: 3, value: 3 },
  ]);
  assert.deepEqual(s.map((r) => [r.round, r.n, r.mean]), [[1, 1, 2], [3, 2, 2]]);
  assert.ok(Math.abs(s[1].hi - (2 + 12.706 * Math.SQRT2 / Math.SQRT2)) < 1e-9);
  assert.ok(Object.is(shannonEntropy([4]), 0), "a single genre is +0 bits, not −0");
});

Deno.test("userEntropy orders rounds numerically and users by id, in the base asked for", () => {
  const rows = [
    { round: 10, agentId: "b", genres: ["x", "y"] },
    { round: 2, agentId: "b", genres: ["x", "y", "z", "w"] },
    { round: 2, agentId: "a", genres: ["x"] },
  ];
  const out = userEntropy(rows, { cumulative: false, base: 4 });
  assert.deepEqual(out.map((r) => [r.round, r.agentId]), [[2, "a"], [2, "b"], [10, "b"]]);
  assert.deepEqual(out.map((r) => r.entropy), [0, 1, 0.5]);
  const byRound = recagentEntropyByRound(rows, { cumulative: false, base: 4 });
  assert.deepEqual(byRound, [{ round: 2, entropy: 0.5, users: 2 }, {
    round: 10,
    entropy: 0.5,
    users: 1,
  }]);
  // With a base below 1 the logarithm is negative: a single genre is still +0, not −0.
  assert.ok(Object.is(shannonEntropy([4], 0.5), 0));
});

Deno.test("bootstrapCI draws exactly `iterations` resamples of exactly n values", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const one = bootstrapCI(xs, { rng: new Rng(5), iterations: 1, statistic: (s) => s[0] });
  assert.equal(one.lo, one.hi, "one resample gives a single value at both ends");
  assert.ok(xs.includes(one.lo));
  const sizes = bootstrapCI([1, 1, 1, 1], {
    rng: new Rng(5),
    iterations: 5,
    statistic: (s) => s.length,
  });
  assert.deepEqual(sizes, { estimate: 4, lo: 4, hi: 4 });
  assert.deepEqual(bootstrapCI([5], { rng: new Rng(1), iterations: 3 }), {
    estimate: 5,
    lo: 5,
    hi: 5,
  });
});

Deno.test("Cohen's d weighs each group's variance by its degrees of freedom, two values suffice", () => {
  // [0, 2]: mean 1, var 2; [1, 3]: mean 2, var 2 → pooled sd √2, d = −1/√2.
  assert.ok(Math.abs(cohensD([0, 2], [1, 3]) + 1 / Math.SQRT2) < 1e-12);
  // [0, 4]: var 8 (1 df); [0, 1, 2]: var 1 (2 df) → pooled (8 + 2) / 3.
  assert.ok(Math.abs(cohensD([0, 4], [0, 1, 2]) - 1 / Math.sqrt(10 / 3)) < 1e-12);
});
