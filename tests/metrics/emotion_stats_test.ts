import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import {
  bootstrapCI,
  cohensD,
  emotionDensity,
  type EmotionRow,
  percentChangeFromPeak,
  summariseReplicates,
} from "@lib/metrics/mod.ts";

Deno.test("emotionDensity gives the share of each level per time step", () => {
  const rows: EmotionRow[] = [
    { time: 1, emotion: "calm" },
    { time: 0, emotion: "intense" },
    { time: 1, emotion: "calm" },
    { time: 1, emotion: "moderate" },
    { time: 1, emotion: "intense" },
  ];
  assert.deepEqual(emotionDensity(rows), [
    { time: 0, n: 1, calm: 0, moderate: 0, intense: 1 },
    { time: 1, n: 4, calm: 0.5, moderate: 0.25, intense: 0.25 },
  ]);
  assert.throws(
    () => emotionDensity([{ time: 0, emotion: "angry" as "calm" }]),
    /unknown emotion "angry"/,
  );
});

Deno.test("summariseReplicates gives mean and t-based 95% CI per round", () => {
  const rows = [2, 4, 6].flatMap((v, replicate) => [
    { round: 0, value: v, replicate },
    { round: 1, value: 10, replicate },
  ]);
  const [r0, r1] = summariseReplicates(rows);
  // sd 2, n 3: half-width 4.303 · 2 / √3
  assert.equal(r0.mean, 4);
  assert.equal(r0.sd, 2);
  assert.ok(Math.abs(r0.hi - (4 + 4.303 * 2 / Math.sqrt(3))) < 1e-9);
  assert.deepEqual([r1.lo, r1.hi], [10, 10]);
});

Deno.test("percent change from peak of an entropy curve that rises then falls", () => {
  const r = percentChangeFromPeak([2, 2.5, 3, 2.9, 2.745]);
  assert.equal(r.peakIndex, 2);
  assert.ok(Math.abs(r.change - -8.5) < 1e-9);
});

Deno.test("Cohen's d with a pooled standard deviation", () => {
  // a: mean 5, var 2.5 (n 5); b: mean 2, var 1 (n 3): pooled var (4·2.5 + 2·1)/6 = 2
  assert.ok(Math.abs(cohensD([3, 4, 5, 6, 7], [1, 2, 3]) - 3 / Math.SQRT2) < 1e-12);
  assert.throws(() => cohensD([1], [1, 2]), /at least two/);
});

Deno.test("bootstrapCI is reproducible, brackets the estimate and narrows with n", () => {
  const rng = new Rng("data");
  const small = Array.from({ length: 20 }, () => rng.normal(10, 2));
  const large = Array.from({ length: 500 }, () => rng.normal(10, 2));
  const a = bootstrapCI(small, { rng: new Rng(1), iterations: 500 });
  assert.deepEqual(a, bootstrapCI(small, { rng: new Rng(1), iterations: 500 }));
  // Brackets the estimate with the width a 95% normal interval has: 2 · 1.96 · s / √n.
  const m = small.reduce((x, y) => x + y, 0) / small.length;
  const s = Math.sqrt(small.reduce((acc, x) => acc + (x - m) ** 2, 0) / small.length);
  const width = 2 * 1.96 * s / Math.sqrt(small.length);
  assert.ok(a.lo < a.estimate && a.estimate < a.hi);
  assert.ok(Math.abs((a.hi - a.lo) - width) < 0.2 * width, `${a.hi - a.lo} vs ${width}`);
  const b = bootstrapCI(large, { rng: new Rng(1), iterations: 500 });
  assert.ok(b.hi - b.lo < (a.hi - a.lo) / 2);
  const median = bootstrapCI([1, 2, 3, 100], {
    rng: new Rng(2),
    statistic: (xs) => xs.slice().sort((p, q) => p - q)[1],
  });
  assert.equal(median.estimate, 2);
});
