import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { simulateRule } from "@lib/social/spread/mod.ts";
import { forkPopulation, runPopulation } from "@lib/sim/population.ts";
import { LOCK_FILE } from "@lib/sim/run_lock.ts";
import { barabasiAlbert } from "@lib/social/mod.ts";

const graph = barabasiAlbert(800, 3, { rng: new Rng("population") });
const base = {
  event: { text: "The plant will release water into the sea", posters: ["0", "5"] },
  steps: 12,
  seed: 4,
  params: { shareBase: 0.15, feedWindow: 2 },
};

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("population mode writes the rule dynamics' events through the run store, one round per step", async () => {
  await withDir(async (dir) => {
    const run = await runPopulation(graph, { ...base, dir: `${dir}/run` });
    assert.equal(run.round, 12);
    const events = (await Deno.readTextFile(`${dir}/run/events.jsonl`)).trim().split("\n").map((
      l,
    ) => JSON.parse(l));
    assert.deepEqual(events.map((e) => e.seq), events.map((_, k) => k));
    assert.equal(events.filter((e) => e.type === "round_start").length, 13);
    assert.equal(events.filter((e) => e.type === "round_end").length, 13);
    // The same social events, in the same order, as the in-memory run.
    const memory = simulateRule(graph, base);
    const social = events.filter((e) => !e.type.startsWith("round_"));
    assert.deepEqual(
      social.map(({ seq: _s, round, t: _t, ...rest }) => ({ t: round, ...rest })),
      memory.events,
    );
    const metrics = (await Deno.readTextFile(`${dir}/run/metrics.jsonl`)).trim().split("\n");
    assert.equal(metrics.length, 13);
    assert.equal(JSON.parse(metrics[12]).aware, memory.stats[12].aware);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/run/manifest.json`));
    assert.equal(manifest.brain, "rule (S3 dynamics, population mode)");
    assert.ok(manifest.finished);
    // Simulated time moves by the step length (60 minutes by default).
    assert.equal(events.find((e) => e.round === 3).t, "2026-01-01T03:00:00.000Z");
  });
});

Deno.test("an interrupted population run resumes from its checkpoint to the same bytes", async () => {
  await withDir(async (dir) => {
    await runPopulation(graph, { ...base, dir: `${dir}/whole` });
    const cut = await runPopulation(graph, { ...base, dir: `${dir}/cut`, untilRound: 5 });
    // Stopping early lets go of the writer's lock, so another process may resume the run.
    assert.equal(await exists(`${dir}/cut/${LOCK_FILE}`), false);
    await assert.rejects(() => cut.store.commitRound(6, [], [], 0, {}), /closed/);
    // A crash in the middle of round 6 leaves a half-written line after the checkpoint.
    await Deno.writeTextFile(`${dir}/cut/events.jsonl`, '{"seq":999,"rou', { append: true });
    const resumed = await runPopulation(graph, { ...base, dir: `${dir}/cut`, resume: true });
    assert.equal(resumed.resumedAfter, 5);
    for (const f of ["events.jsonl", "metrics.jsonl"]) {
      assert.equal(
        await Deno.readTextFile(`${dir}/cut/${f}`),
        await Deno.readTextFile(`${dir}/whole/${f}`),
        f,
      );
    }
    // Resuming with other settings is refused, and a finished folder is not overwritten.
    await assert.rejects(
      () => runPopulation(graph, { ...base, seed: 5, dir: `${dir}/cut`, resume: true }),
      /config: expected the settings and seed of the run being resumed/,
    );
    assert.equal(await exists(`${dir}/cut/${LOCK_FILE}`), false);
    await assert.rejects(
      () => runPopulation(graph, { ...base, dir: `${dir}/whole` }),
      /already holds a run/,
    );
  });
});

Deno.test("a population run forks from its checkpoint: same settings give the parent's bytes, others diverge after", async () => {
  await withDir(async (dir) => {
    await runPopulation(graph, { ...base, dir: `${dir}/whole` });
    await runPopulation(graph, { ...base, dir: `${dir}/parent`, untilRound: 5 });
    const before = await Deno.readTextFile(`${dir}/parent/events.jsonl`);
    const same = await forkPopulation(graph, {
      ...base,
      dir: `${dir}/same`,
      from: `${dir}/parent`,
    });
    assert.equal(same.round, 12);
    assert.deepEqual(same.store.manifest.parent, { run: `${dir}/parent`, round: 5 });
    for (const f of ["events.jsonl", "metrics.jsonl"]) {
      assert.equal(
        await Deno.readTextFile(`${dir}/same/${f}`),
        await Deno.readTextFile(`${dir}/whole/${f}`),
        f,
      );
    }
    // The parent is only read.
    assert.equal(await Deno.readTextFile(`${dir}/parent/events.jsonl`), before);
    const other = await forkPopulation(graph, {
      ...base,
      params: { ...base.params, shareBase: 0.6 },
      dir: `${dir}/other`,
      from: `${dir}/parent`,
    });
    const forked = (await Deno.readTextFile(`${dir}/other/events.jsonl`)).split("\n");
    const whole = (await Deno.readTextFile(`${dir}/whole/events.jsonl`)).split("\n");
    const upTo5 = before.split("\n").filter((l) => l).length;
    assert.deepEqual(forked.slice(0, upTo5), whole.slice(0, upTo5));
    assert.notDeepEqual(forked.slice(upTo5), whole.slice(upTo5));
    assert.ok(other.events > upTo5);
    await assert.rejects(
      () => forkPopulation(graph, { ...base, dir: `${dir}/x`, from: `${dir}/nothing` }),
    );
  });
});
