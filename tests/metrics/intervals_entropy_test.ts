// Interval levels, quantiles and entropy bases checked by value.
import assert from "node:assert/strict";
import { bootstrapCI } from "@lib/metrics/replicates.ts";
import { quantile } from "@lib/metrics/descriptive.ts";
import { recagentEntropy, shannonEntropy } from "@lib/metrics/entropy.ts";
import { Rng } from "@lib/core/rng.ts";

Deno.test("quantile interpolates between order statistics (type 7)", () => {
  assert.equal(quantile([4, 1, 3, 2], 0), 1);
  assert.equal(quantile([4, 1, 3, 2], 1), 4);
  assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantile([10, 20, 30, 40, 50], 0.1), 14);
  assert.equal(quantile([7], 0.3), 7);
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
