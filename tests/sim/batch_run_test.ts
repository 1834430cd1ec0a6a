import assert from "node:assert/strict";
import { batchRun, ConfigError, defineScenario, summarise } from "@lib/mod.ts";

// The grid × seeds study a Mesa user writes, exactly as in batchRun's documentation.
Deno.test("a grid × seeds study in a few lines: one row per run × round, in grid × seed order", async () => {
  const table = await batchRun(
    { rounds: 2, agents: { source: "csv", count: 6 } },
    { "recommender.model.algorithm": ["mf", "popular"] },
    [1, 2, 3],
    { model: { watched: (sim) => sim.world.interactions.length } },
  );
  const last = table.filter((d: { round: number }) => d.round === 1);
  const summary = summarise(last, "recommender.model.algorithm", "watched", {
    reference: "popular",
  });
  assert.equal(table.numRows(), 2 * 3 * 2);
  assert.equal(summary.numRows(), 2);
  const rows = table.objects() as Record<string, unknown>[];
  assert.deepEqual(
    rows.map((r) => [r["recommender.model.algorithm"], r.seed, r.round]),
    [
      ["mf", 1, 0],
      ["mf", 1, 1],
      ["mf", 2, 0],
      ["mf", 2, 1],
      ["mf", 3, 0],
      ["mf", 3, 1],
      ["popular", 1, 0],
      ["popular", 1, 1],
      ["popular", 2, 0],
      ["popular", 2, 1],
      ["popular", 3, 0],
      ["popular", 3, 1],
    ],
  );
  // The reporter counts every interaction so far, so it never falls from one round to the next.
  for (let i = 0; i < rows.length; i += 2) {
    assert.ok((rows[i + 1].watched as number) >= (rows[i].watched as number));
  }
});

Deno.test("batchRun: row count is grid size × seeds × rounds, and equal seeds give equal tables", async () => {
  const base = defineScenario({
    rounds: 3,
    agents: { source: "csv", count: 5 },
    recommender: { model: { algorithm: "popular" }, pageSize: 4 },
  });
  const grid = {
    "recommender.model.algorithm": ["random", "popular"],
    "activity.rate": [0.3, 0.9],
  };
  const a = await batchRun(base, grid, [7, 8]);
  assert.equal(a.numRows(), 2 * 2 * 2 * 3);
  const b = await batchRun(base, grid, [7, 8], {}, { concurrency: 3 });
  assert.equal(a.toCSV(), b.toCSV());
  // A different seed changes who acts: the tables differ.
  const c = await batchRun(base, grid, [9, 8]);
  assert.notEqual(a.toCSV(), c.toCSV());
  // Each run's rows are those of a plain run of the same scenario (the grid value was applied).
  const rates = new Set(a.array("activity.rate") as number[]);
  assert.deepEqual([...rates].sort(), [0.3, 0.9]);
  const active = (rate: number) =>
    (a.objects() as Record<string, number>[]).filter((r) => r["activity.rate"] === rate)
      .reduce((s, r) => s + r.active, 0);
  assert.ok(active(0.9) > active(0.3), "a higher activity rate makes more agents act");
});

Deno.test("batchRun per run keeps the last round only; agent reporters give one row per agent", async () => {
  const base = defineScenario({ rounds: 2, agents: { source: "csv", count: 4 } });
  const perRun = await batchRun(base, { rounds: [1, 2] }, [1], {}, { per: "run" });
  assert.deepEqual(perRun.array("round"), [0, 1]);
  const agents = await batchRun(base, {}, [1, 2], {
    agent: { watched: (agent) => agent.state.watched.length },
  });
  assert.equal(agents.numRows(), 2 * 2 * 4);
  assert.ok(agents.columnNames().includes("agent"));
  assert.ok(agents.columnNames().includes("watches"));
});

Deno.test("batchRun names a wrong grid path and refuses a seed in the grid", async () => {
  await assert.rejects(
    () => batchRun({ rounds: 1 }, { "recommender.model.algoritm": ["mf"] }, [1]),
    (e: unknown) => e instanceof ConfigError && /recommender\.model/.test(e.message),
  );
  await assert.rejects(() => batchRun({ rounds: 1 }, { seed: [1] }, [1]), ConfigError);
  await assert.rejects(() => batchRun({ rounds: 1 }, { "rounds.x": [1] }, [1]), /rounds/);
  await assert.rejects(() => batchRun({ rounds: 1 }, {}, []), /seeds/);
});

Deno.test("batchRun writes run folders only when asked, one per run, equal to the table", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const base = defineScenario({ rounds: 2, agents: { source: "csv", count: 4 } });
    const table = await batchRun(base, { "activity.rate": [0.5] }, [1, 2], {}, {
      out: `${dir}/batch`,
    });
    const runs = [...Deno.readDirSync(`${dir}/batch`)].map((e) => e.name).sort();
    assert.deepEqual(runs, ["run-0", "run-1"]);
    const metrics = await Deno.readTextFile(`${dir}/batch/run-1/metrics.jsonl`);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/batch/run-1/manifest.json`));
    assert.equal(manifest.seed, 2);
    assert.equal(manifest.config.activity.rate, 0.5);
    // The saved collector rows are the table's rows of that run.
    const saved = metrics.trim().split("\n").map((l) => JSON.parse(l));
    const rows = (table.objects() as Record<string, unknown>[]).filter((r) => r.run === 1);
    assert.deepEqual(saved.map((r) => r.watches), rows.map((r) => r.watches));
    assert.equal(table.numRows(), 2 * 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
