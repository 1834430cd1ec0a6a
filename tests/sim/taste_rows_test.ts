import assert from "node:assert/strict";
import { createSimulation } from "../../lib/sim/simulation.ts";
import { tasteCell } from "../../lib/brain/rule/taste_table.ts";

// The same run with the agents' weights on the world's taste table (as built) and as plain
// records (each state replaced by a spread copy, which reads the weights out as data).
async function run(plain: boolean) {
  const engine = await createSimulation({
    rounds: 4,
    seed: 7,
    agents: { source: "csv", count: 60 },
    memory: { enabled: false },
    drift: 0.3,
  });
  const w = engine.world;
  if (plain) { for (const a of w.agents.values()) a.state = { ...a.state }; }
  await engine.run(4);
  const states = w.ids.map((id) => w.agent(id).state);
  return {
    events: [...engine.log.lines()].join("\n"),
    states: JSON.stringify(states),
    onRows: states.filter((s) => tasteCell(s)?.inRow === true).length,
    rows: w.tastes.rows,
  };
}

Deno.test("a run gives the same events and weights with the weights on the taste table or as records", async () => {
  const rows = await run(false), records = await run(true);
  assert.ok(rows.onRows > 20, `${rows.onRows} agents' weights on rows at the end`);
  assert.equal(records.rows, 0);
  assert.equal(records.onRows, 0);
  assert.ok(rows.events.includes('"type":"watch"'), "agents watched, so weights drifted");
  assert.equal(rows.events, records.events);
  assert.equal(rows.states, records.states);
});
