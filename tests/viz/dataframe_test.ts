import assert from "node:assert/strict";
import * as aq from "arquero";
import { frameSchema, fromDataFrame, toDataFrame } from "@lib/mod.ts";
import {
  consumptionRows,
  eventTable,
  exposureRows,
  messageRows,
  ratingRows,
} from "@lib/sim/tables.ts";
import { DataCollector } from "@lib/sim/collector.ts";
import type { World } from "@lib/sim/world.ts";
import { runCocoon } from "@lib/studies/cocoon.ts";
import { measureEfficiency } from "@lib/eval/efficiency.ts";
import { runScenario, smallScenario } from "../sim/helpers.ts";

/** danfojs' dtype for each original kind (what a pandas user sees in df.dtypes). */
const DTYPES: Record<string, string[]> = {
  number: ["int32", "float32"],
  string: ["string"],
  boolean: ["boolean"],
  date: ["string"],
  list: ["string"],
  json: ["string"],
};

async function roundTrip(name: string, table: aq.ColumnTable): Promise<void> {
  assert.ok(table.numRows() > 0, `${name}: the run produced no rows`);
  const df = await toDataFrame(table);
  assert.deepEqual(df.columns, table.columnNames(), `${name}: columns`);
  assert.equal(df.shape[0], table.numRows(), `${name}: rows`);
  const schema = frameSchema(table);
  (df.columns as string[]).forEach((col, j) => {
    const allowed = DTYPES[schema[col]];
    if (allowed) {
      assert.ok(
        allowed.includes(df.dtypes[j]),
        `${name}.${col}: ${schema[col]} became ${df.dtypes[j]}`,
      );
    }
  });
  const back = fromDataFrame(df);
  assert.deepEqual(back.columnNames(), table.columnNames(), `${name}: columns back`);
  assert.deepEqual(back.objects(), table.objects(), `${name}: cells back`);
}

Deno.test("events, exposures, consumption, ratings, messages and collector tables of a real run survive a DataFrame round trip", async () => {
  const engine = await runScenario(smallScenario({ rounds: 3 }));
  const events = engine.log.events;
  const catalog = engine.world.catalog;
  const events_ = eventTable(events);
  await roundTrip("events", events_);
  const exposures = aq.from(exposureRows(events, catalog));
  assert.equal(frameSchema(exposures).genres, "list");
  await roundTrip("exposures", exposures);
  await roundTrip("consumption", aq.from(consumptionRows(events, catalog)));
  await roundTrip("ratings", aq.from(ratingRows(events)));
  await roundTrip("messages", aq.from(messageRows(events)));
  await roundTrip("collector model", engine.collector.modelTable());
  // An agent-level collector, as a study would add one: decisions of each agent per round.
  const perAgent = new DataCollector<World>({
    agent: {
      decisions: (_w, id, round) =>
        events.filter((e) => e.type === "decision" && e.agent === id && e.round === round).length,
      lastAction: (_w, id, round) => {
        const last = events.findLast((e) =>
          e.type === "decision" && e.agent === id && e.round === round
        );
        return last?.type === "decision" ? last.action.type : null;
      },
    },
  });
  for (let round = 0; round < 3; round++) perAgent.collect(engine.world, round, engine.world.ids);
  await roundTrip("collector agent", perAgent.agentTable());
  // Timestamps as Dates: the event time parsed, as a notebook would for a time series.
  const timed = aq.from(events.map((e) => ({ seq: e.seq, at: new Date(e.t), type: e.type })));
  assert.equal(frameSchema(timed).at, "date");
  await roundTrip("timed events", timed);
});

Deno.test("study results and evaluation tables survive a DataFrame round trip", async () => {
  const run = await runCocoon({ label: "mf", algorithm: "mf" }, {
    kind: "rule",
    agents: 12,
    rounds: 3,
    seed: 2,
  });
  await roundTrip("cocoon entropy", aq.from(run.entropy));
  await roundTrip("cocoon cumulative", aq.from(run.cumulative));
  const eff = await measureEfficiency({ agents: 2, keys: 1, rounds: 1, latencyMs: 0 });
  await roundTrip("efficiency rounds", aq.from(eff.rounds));
  await roundTrip("efficiency behaviours", aq.from(eff.behaviours));
});

Deno.test("missing cells, booleans, nested objects and empty lists keep their meaning", async () => {
  const rows = [
    { id: "a", ok: true, score: 1.25, genres: ["Drama", "War"], extra: { k: [1, 2] }, to: null },
    { id: "b", ok: false, score: null, genres: [], extra: null, to: "a" },
  ];
  const df = await toDataFrame(rows);
  assert.deepEqual(df.column("genres").values, ["Drama|War", ""]);
  assert.deepEqual(df.column("extra").values, ['{"k":[1,2]}', null]);
  assert.deepEqual(fromDataFrame(df).objects(), rows);
  // A list whose items hold the separator cannot be joined unambiguously: it goes as JSON.
  const odd = [{ tags: ["a|b", "c"] }];
  assert.equal(frameSchema(odd).tags, "json");
  assert.deepEqual(fromDataFrame(await toDataFrame(odd)).objects(), odd);
});

Deno.test("a derived frame (groupby by round and action) comes back as a table with its index", async () => {
  const engine = await runScenario(smallScenario({ rounds: 3 }));
  const df = await toDataFrame(eventTable(engine.log.events));
  const decisions = df.query((df.column("type").values as string[]).map((t) => t === "decision"));
  const counts = decisions.groupby(["round", "action"]).count();
  const table = fromDataFrame(counts);
  const expected = engine.log.events.filter((e) => e.type === "decision").length;
  assert.equal(table.rollup({ n: aq.op.sum("seq_count") }).get("n", 0), expected);
});
