import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { barabasiAlbert } from "@lib/social/mod.ts";
import { calibrate, fitScore, inboxCsr, loadTwitterDir } from "@lib/s3/mod.ts";

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
