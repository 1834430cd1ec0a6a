// The cascade evaluation's bookkeeping by value: the graph-size check, the seeded split,
// cascades.json's fields and the held-out table's text.
import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { meanCI, quantile } from "@lib/core/stats.ts";
import { cascadeError } from "@lib/eval/cascades_models.ts";
import { cascadeShape } from "@lib/metrics/cascade.ts";
import { cascadeCurves } from "@lib/metrics/cascade_compare.ts";
import {
  assertGraphHolds,
  type CascadeEvaluation,
  cascadesJson,
  type EvalCascade,
  evaluateCascades,
  formatCascadeTable,
  IC_GRID,
  LT_GRID,
  type MeasureSummary,
  splitCascades,
} from "@lib/eval/cascades.ts";
import { heldOutFixture } from "./helpers.ts";

const cascade = (id: string, users: number, source = "twitter15"): EvalCascade => ({
  source,
  sourceId: id,
  label: null,
  edges: Array.from({ length: users }, (_, k) => ({
    parent: k === 0 ? null : "u0",
    child: `u${k}`,
    time: k,
  })),
  report: {} as never,
});

Deno.test("the graph must hold the largest cascade; the error names it", () => {
  const cs = [cascade("a", 3), cascade("b", 5), cascade("c", 4)];
  assertGraphHolds(cs, 5, "g.txt");
  assert.throws(() => assertGraphHolds(cs, 4, "g.txt"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(
      e.message,
      "g.txt: expected at least as many accounts as the largest cascade, found 4 < 5 users in twitter15/b",
    );
    return true;
  });
});

Deno.test("the split: round(split · n) to calibration, the rest held out, stable under input order", () => {
  const cs = ["a", "b", "c", "d", "e", "f", "g"].map((id) => cascade(id, 1));
  const { calibration, heldout } = splitCascades(cs, 0.3, 4);
  assert.equal(calibration.length, 2);
  assert.equal(heldout.length, 5);
  const ids = (xs: EvalCascade[]) => xs.map((c) => c.sourceId);
  assert.deepEqual([...ids(calibration), ...ids(heldout)].sort(), ids(cs));
  const reversed = splitCascades(cs.slice().reverse(), 0.3, 4);
  assert.deepEqual(ids(reversed.calibration), ids(calibration));
  // The documented rule: sorted by source/id, shuffled with the seed, the first k calibrate.
  const expected = new Rng("split:4").shuffle(cs.slice());
  assert.deepEqual(ids(calibration), ids(expected.slice(0, 2)));
  const input = cs.slice().reverse();
  splitCascades(input, 0.3, 4);
  assert.deepEqual(ids(input), ids(cs).reverse(), "the caller's array keeps its order");
  // Sorted by source then id: the same id from two sources are two cascades.
  const two = splitCascades([cascade("a", 1, "t16"), cascade("a", 1, "t15")], 0.5, 1);
  assert.deepEqual(
    [...two.calibration, ...two.heldout].map((c) => c.source).sort(),
    ["t15", "t16"],
  );
  // Other seeds give other splits.
  const seen = new Set<string>();
  for (let seed = 0; seed < 10; seed++) {
    seen.add(ids(splitCascades(cs, 0.3, seed).calibration).join());
  }
  assert.ok(seen.size > 3, `${seen.size} distinct splits over 10 seeds`);
  for (const [split, n] of [[0.05, 7], [0.95, 7], [0.5, 1]] as const) {
    assert.throws(
      () => splitCascades(cs.slice(0, n), split, 1),
      (e: unknown) =>
        e instanceof RangeError &&
        e.message ===
          `a split of ${split} over ${n} cascades leaves an empty calibration or held-out set`,
    );
  }
  // The boundaries that still leave one on each side.
  assert.equal(splitCascades(cs, 1 / 7, 1).calibration.length, 1);
  assert.equal(splitCascades(cs, 6 / 7, 1).heldout.length, 1);
});

const s = (x: number): MeasureSummary => ({
  median: x,
  medianLo: x - 0.1,
  medianHi: x + 0.1,
  mean: x + 0.01,
  meanLo: NaN,
  meanHi: x + 0.2,
});

const evaluation: CascadeEvaluation = {
  calibration: ["t/a", "t/b"],
  heldout: ["t/c"],
  models: [
    {
      name: "ic",
      fitted: "IC (p=0.05)",
      calibrationScore: 0.42,
      summary: { scale: s(0.5), depth: s(0.25), maxBreadth: s(0.125) },
      errors: [],
    },
    {
      name: "mean_curve",
      fitted: "mean of the calibration curves",
      calibrationScore: NaN,
      summary: { scale: s(1), depth: s(2), maxBreadth: s(3) },
      errors: [],
    },
  ],
  heldoutShapes: [{ id: "t/c", scale: 9, depth: 2, maxBreadth: 5 }],
  heldoutCurves: [],
  meanCurve: { minutes: [], scale: [], depth: [], maxBreadth: [] },
  objective: "the objective",
};

Deno.test("cascades.json: six figures per measure per model, the objective only when calibrated", () => {
  const j = cascadesJson(evaluation, { graph: "g.txt", window_min: 720 }) as
    & ReturnType<
      typeof cascadesJson
    >
    & { graph: string; window_min: number };
  assert.deepEqual(j.models.ic, {
    fitted: "IC (p=0.05)",
    calibration_objective: 0.42,
    scale_nrmse_median: 0.5,
    scale_nrmse_median_lo: 0.4,
    scale_nrmse_median_hi: 0.6,
    scale_nrmse_mean: 0.51,
    scale_nrmse_mean_lo: NaN,
    scale_nrmse_mean_hi: 0.7,
    depth_nrmse_median: 0.25,
    depth_nrmse_median_lo: 0.25 - 0.1,
    depth_nrmse_median_hi: 0.25 + 0.1,
    depth_nrmse_mean: 0.26,
    depth_nrmse_mean_lo: NaN,
    depth_nrmse_mean_hi: 0.25 + 0.2,
    breadth_nrmse_median: 0.125,
    breadth_nrmse_median_lo: 0.125 - 0.1,
    breadth_nrmse_median_hi: 0.125 + 0.1,
    breadth_nrmse_mean: 0.135,
    breadth_nrmse_mean_lo: NaN,
    breadth_nrmse_mean_hi: 0.125 + 0.2,
  });
  assert.equal("calibration_objective" in j.models.mean_curve, false);
  assert.equal(j.models.mean_curve.fitted, "mean of the calibration curves");
  assert.deepEqual(
    [j.n_calibration, j.n_heldout, j.objective, j.graph, j.window_min],
    [2, 1, "the objective", "g.txt", 720],
  );
  assert.deepEqual(j.calibration, ["t/a", "t/b"]);
  assert.deepEqual(j.heldout, [{ id: "t/c", scale: 9, depth: 2, maxBreadth: 5 }]);
  assert.deepEqual(Object.keys(cascadesJson(evaluation)).sort(), [
    "calibration",
    "heldout",
    "models",
    "n_calibration",
    "n_heldout",
    "objective",
  ]);
});

Deno.test("the held-out table: one aligned row per model, three decimals, '-' for no value", () => {
  const lines = formatCascadeTable(evaluation).split("\n");
  assert.equal(lines.length, 3);
  assert.equal(
    lines[0],
    "model       " +
      ["scale", "depth", "maxBreadth"].map((m) => `${m} median [95%]  mean [95%]`.padEnd(44))
        .join(""),
  );
  assert.equal(
    lines[1],
    "ic          " +
      "0.500 [0.400, 0.600]  0.510 [  -  , 0.700]".padEnd(44) +
      "0.250 [0.150, 0.350]  0.260 [  -  , 0.450]".padEnd(44) +
      "0.125 [0.025, 0.225]  0.135 [  -  , 0.325]".padEnd(44),
  );
  assert.ok(lines[2].startsWith("mean_curve  1.000 [0.900, 1.100]  1.010 [  -  , 1.200]"));
});

Deno.test("the held-out comparison by value: grid, mean curve, per-model errors, summaries, texts", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { cascades: cs, setup } = await heldOutFixture(
      dir,
      { perFolder: 3, medianSize: 20 },
      400,
    );
    const said: string[] = [];
    const e = evaluateCascades(setup, cs, {
      trials: 1,
      seed: 3,
      points: 5,
      split: 0.5,
      icGrid: [0.05],
      ltGrid: [0.3],
      onProgress: (m) => said.push(m),
    });
    const k = Math.round(cs.length / 2);
    assert.equal(e.calibration.length, k);
    assert.deepEqual(said, [
      `calibrating the rule brain on ${k} cascades`,
      "calibrating IC",
      "calibrating LT",
      `predicting ${cs.length - k} held-out cascades`,
    ]);
    const grid = [0, 120, 240, 360, 480];
    assert.deepEqual(e.meanCurve.minutes, grid);
    const byId = new Map(cs.map((c) => [`${c.source}/${c.sourceId}`, c]));
    const cal = e.calibration.map((id) => cascadeCurves(byId.get(id)!.edges, grid, 1));
    for (const m of ["scale", "depth", "maxBreadth"] as const) {
      assert.deepEqual(
        e.meanCurve[m],
        grid.map((_, i) => cal.reduce((s, c) => s + c[m][i], 0) / cal.length),
        m,
      );
    }
    assert.deepEqual(e.heldoutCurves.map((h) => h.id), e.heldout);
    assert.deepEqual(
      e.heldoutShapes,
      e.heldout.map((id) => ({ id, ...cascadeShape(byId.get(id)!.edges) })),
    );
    for (const h of e.heldoutCurves) {
      assert.deepEqual(h.real, cascadeCurves(byId.get(h.id)!.edges, grid, 1));
      assert.deepEqual(Object.keys(h.models), ["rule", "ic", "lt", "prefix_only", "mean_curve"]);
      assert.deepEqual(h.models.mean_curve, e.meanCurve);
    }
    const byName = new Map(e.models.map((m) => [m.name, m]));
    assert.equal(byName.get("ic")!.fitted, "IC (p=0.05)");
    assert.equal(byName.get("lt")!.fitted, "LT (weight=0.3)");
    assert.match(
      byName.get("rule")!.fitted,
      /^rule brain \((defaults|\w+=-?\d[\d.e+-]*(, \w+=-?\d[\d.e+-]*)*)\)$/,
    );
    assert.equal(byName.get("prefix_only")!.fitted, "the observed prefix, no growth after it");
    assert.equal(byName.get("mean_curve")!.fitted, "mean of the calibration curves");
    for (const name of ["rule", "ic", "lt"]) {
      assert.ok(Number.isFinite(byName.get(name)!.calibrationScore), name);
    }
    assert.ok(Number.isNaN(byName.get("prefix_only")!.calibrationScore));
    assert.ok(Number.isNaN(byName.get("mean_curve")!.calibrationScore));
    const meanErrors = e.heldoutCurves.map((h) => cascadeError(h.real, e.meanCurve));
    assert.deepEqual(byName.get("mean_curve")!.errors, meanErrors);
    for (const model of e.models) {
      assert.deepEqual(
        model.errors,
        e.heldoutCurves.map((h) => cascadeError(h.real, h.models[model.name])),
      );
      for (const m of ["scale", "depth", "maxBreadth"] as const) {
        const xs = model.errors.map((x) => x[m]).filter(Number.isFinite);
        const s = model.summary[m];
        assert.equal(s.median, quantile(xs, 0.5), `${model.name} ${m} median`);
        const ci = meanCI(xs);
        assert.deepEqual([s.mean, s.meanLo, s.meanHi], [ci.mean, ci.lo, ci.hi]);
        assert.ok(s.medianLo <= s.median && s.median <= s.medianHi);
      }
    }
    // Defaults: seed 1, split one half; a prefix is cut at whole steps (90 min → 60).
    const base = { trials: 1, points: 5, icGrid: [0.05], ltGrid: [0.3] };
    const json = (x: ReturnType<typeof evaluateCascades>) => JSON.stringify(cascadesJson(x));
    assert.equal(
      json(evaluateCascades(setup, cs, base)),
      json(evaluateCascades(setup, cs, { ...base, seed: 1, split: 0.5 })),
    );
    assert.equal(
      json(evaluateCascades({ ...setup, prefixMin: 90 }, cs, { ...base, seed: 3 })),
      json(evaluateCascades(setup, cs, { ...base, seed: 3 })),
    );
    // Without grids, the fitted IC and LT parameters come from the default grids.
    const d = evaluateCascades(setup, cs, { trials: 1, points: 5, seed: 3 });
    const p = Number(d.models[1].fitted.match(/^IC \(p=(.+)\)$/)![1]);
    const w = Number(d.models[2].fitted.match(/^LT \(weight=(.+)\)$/)![1]);
    assert.ok(IC_GRID.includes(p), `p = ${p}`);
    assert.ok(LT_GRID.includes(w), `weight = ${w}`);
    assert.equal(
      e.objective,
      "mean over calibration cascades of the mean of the NRMSEs (RMSE / real maximum) of scale, depth and max breadth over the window",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
