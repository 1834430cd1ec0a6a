import assert from "node:assert/strict";
import { addReporters, createSimulation, loadSimulation } from "@lib/mod.ts";

Deno.test("a model-level reporter per round equals what the event log says", async () => {
  const sim = await createSimulation({ rounds: 3, agents: { source: "csv", count: 10 } });
  const collector = addReporters(sim, {
    model: {
      decisions: (s, round) => s.log.ofType("decision").filter((e) => e.round === round).length,
      interactionsSoFar: (s) => s.world.interactions.length,
    },
  });
  await sim.run();
  const table = collector.modelTable();
  assert.deepEqual(table.array("round"), [0, 1, 2]);
  const ends = sim.log.ofType("round_end");
  assert.deepEqual(table.array("decisions"), ends.map((e) => e.decisions));
  // The built-in columns agree with the log too.
  const starts = sim.log.ofType("round_start");
  assert.deepEqual(table.array("active"), starts.map((e) => e.active.length));
  const watches = [0, 1, 2].map((r) =>
    sim.log.ofType("decision").filter((e) => e.round === r && e.action.type === "watch").length
  );
  assert.deepEqual(table.array("watches"), watches);
  const cumulative = watches.map((_, i) => watches.slice(0, i + 1).reduce((a, b) => a + b, 0));
  assert.deepEqual(table.array("interactionsSoFar"), cumulative);
});

Deno.test("agent-level reporters give one row per agent per round, valued from the agent", async () => {
  const sim = await createSimulation({ rounds: 2, agents: { source: "csv", count: 5 } });
  const collector = addReporters(sim, {
    agent: { watched: (a) => a.state.watched.length, name: (a) => a.profile.name },
  });
  await sim.run();
  const t = collector.agentTable();
  assert.equal(t.numRows(), 2 * 5);
  const last = (t.objects() as { round: number; agent: string; watched: number }[])
    .filter((r) => r.round === 1);
  for (const r of last) assert.equal(r.watched, sim.world.agent(r.agent).state.watched.length);
  // A watch in round 0 is counted by the end of round 0.
  for (const e of sim.log.ofType("decision")) {
    if (e.action.type !== "watch" || e.round !== 0) continue;
    const row = (t.objects() as { round: number; agent: string; watched: number }[])
      .find((r) => r.round === 0 && r.agent === e.agent)!;
    assert.ok(row.watched >= 1);
  }
});

Deno.test("collected rows are saved with the run and come back when it is loaded", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sim = await createSimulation(
      { rounds: 2, agents: { source: "csv", count: 4 } },
      { out: `${dir}/run` },
    );
    addReporters(sim, { model: { links: (s) => s.world.graph.linkCount * 10 } });
    await sim.run();
    sim.store?.close();
    const loaded = await loadSimulation(`${dir}/run`);
    assert.deepEqual(loaded.collector.modelTable().objects(), sim.collector.modelTable().objects());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
