// Intervals checked by value against known quantiles, so a 90% interval cannot pass as 95%.
import assert from "node:assert/strict";
import { fitParetoAlpha, meanCI } from "@lib/core/stats.ts";
import { Rng } from "@lib/core/rng.ts";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} differs from ${b}`);

Deno.test("meanCI uses the two-sided 95% t quantile: 4.303 for n = 3", () => {
  // mean 2, sd 1, half-width t(2) · 1 / √3 = 4.303 / √3.
  const r = meanCI([1, 2, 3]);
  assert.equal(r.mean, 2);
  assert.equal(r.sd, 1);
  assert.equal(r.n, 3);
  close(r.hi - r.mean, 4.303 / Math.sqrt(3));
  close(r.mean - r.lo, 4.303 / Math.sqrt(3));
  // n = 2: t(1) = 12.706; sd of [0, 2] is √2.
  const two = meanCI([0, 2]);
  close(two.hi, 1 + 12.706 * Math.SQRT2 / Math.SQRT2);
});

Deno.test("meanCI interpolates t between 10 and 30 degrees of freedom and uses 1.96 beyond", () => {
  const xs = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
  const half = (n: number) => {
    const r = meanCI(xs(n));
    return (r.hi - r.lo) / 2 / (r.sd / Math.sqrt(n));
  };
  close(half(11), 2.228);
  close(half(21), 2.228 - 10 * (2.228 - 2.042) / 20);
  close(half(31), 2.042);
  close(half(200), 1.96);
  close(half(6), 2.571);
  const one = meanCI([5]);
  assert.deepEqual([one.lo, one.hi, one.sd], [5, 5, 0]);
  assert.ok(Number.isNaN(meanCI([]).mean));
});

Deno.test("meanCI covers the true mean about 95% of the time, not 90%", () => {
  const rng = new Rng("coverage");
  let covered = 0;
  const trials = 4_000;
  for (let k = 0; k < trials; k++) {
    const r = meanCI(Array.from({ length: 8 }, () => rng.normal(1, 3)));
    if (r.lo <= 1 && 1 <= r.hi) covered++;
  }
  // sd of the coverage share ≈ 0.0034; 90% would be 27 sd away.
  assert.ok(Math.abs(covered / trials - 0.95) < 0.015, `coverage ${covered / trials}`);
});

Deno.test("fitParetoAlpha recovers the shape of Pareto draws", () => {
  const rng = new Rng("alpha");
  const xs = Array.from({ length: 20_000 }, () => rng.pareto(1.7, 3));
  assert.ok(Math.abs(fitParetoAlpha(xs, 3) - 1.7) < 0.05);
});
