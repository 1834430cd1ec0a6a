import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { barabasiAlbert } from "@lib/social/mod.ts";
import { calibrate, fitScore, loadTwitterDir } from "@lib/eval/mod.ts";
import { inboxCsr } from "@lib/social/spread/mod.ts";

const DIR = new URL("../fixtures/s3/twitter", import.meta.url).pathname;

Deno.test("calibration improves the fit on the training cascade and is seed-deterministic", async () => {
  const cascades = await loadTwitterDir(DIR, { windowMin: 720 });
  const train = cascades.find((c) => c.sourceId === "553587013409325058")!;
  const graph = barabasiAlbert(300, 2, { rng: new Rng("s3-calibration") });
  const setup = {
    graph,
    csr: inboxCsr(graph),
    event: { text: "A rumour", posters: ["0"] },
    steps: 12,
    stepMinutes: 60,
    windowMin: 720,
    seeds: [1, 2],
  };
  const space = {
    shareBase: [0.02, 0.5] as [number, number],
    contagion: [0, 1] as [number, number],
  };
  const cal = calibrate(setup, train.edges, { space, trials: 8, seed: 1 });
  assert.equal(cal.trials.length, 9);
  assert.ok(cal.bestScore < cal.baseScore, `best ${cal.bestScore} vs default ${cal.baseScore}`);
  assert.equal(fitScore(setup, cal.best, train.edges), cal.bestScore);
  assert.ok(cal.best.shareBase >= 0.02 && cal.best.shareBase <= 0.5);
  const again = calibrate(setup, train.edges, { space, trials: 8, seed: 1 });
  assert.deepEqual(again.best, cal.best);
});

Deno.test("calibration refuses a graph smaller than the cascade instead of silently fitting nothing", async () => {
  const cascades = await loadTwitterDir(DIR, { windowMin: 720 });
  const train = cascades.find((c) => c.sourceId === "553587013409325058")!;
  const graph = barabasiAlbert(40, 2, { rng: new Rng("tiny") });
  const setup = {
    graph,
    event: { text: "A rumour", posters: ["0"] },
    steps: 12,
    stepMinutes: 60,
    windowMin: 720,
  };
  assert.throws(
    () => calibrate(setup, train.edges, { space: { shareBase: [0.02, 0.5] }, trials: 2, seed: 1 }),
    (e) => e instanceof DataError && /40 accounts < \d+ users/.test(e.message),
  );
});

Deno.test("the default score sees size: a run that floods the graph scores worse than under MSED", async () => {
  const cascades = await loadTwitterDir(DIR, { windowMin: 720 });
  const train = cascades.find((c) => c.sourceId === "553587013409325058")!;
  const graph = barabasiAlbert(2000, 3, { rng: new Rng("s3-size") });
  const base = {
    graph,
    csr: inboxCsr(graph),
    event: { text: "A rumour", posters: ["0"] },
    steps: 12,
    stepMinutes: 60,
    windowMin: 720,
    seeds: [1],
  };
  const flood = { shareBase: 0.9, feedWindow: 6 };
  const size = fitScore(base, flood, train.edges);
  const shape = fitScore({ ...base, objective: "msed" }, flood, train.edges);
  // The flood reaches far more users than the tree; NRMSE counts that, MSED rescales it away.
  assert.ok(size > 2, `NRMSE ${size}`);
  assert.ok(shape < 0.5, `MSED ${shape}`);
});
