import assert from "node:assert/strict";
import * as aq from "arquero";
import {
  consumptionRows,
  eventTable,
  exportTable,
  exposureRows,
  ratingRows,
} from "@lib/sim/tables.ts";
import { runScenario, smallScenario } from "./helpers.ts";

Deno.test("event tables export to CSV and Arrow and read back with the same rows", async () => {
  const engine = await runScenario(smallScenario({ rounds: 2 }));
  const table = eventTable(engine.log.events);
  assert.equal(table.numRows(), engine.log.events.length);
  const dir = await Deno.makeTempDir();
  const [csv, arrow] = await exportTable(table, `${dir}/events`);
  const fromCsv = aq.fromCSV(await Deno.readTextFile(csv));
  const fromArrow = aq.fromArrow(await Deno.readFile(arrow));
  assert.equal(fromCsv.numRows(), table.numRows());
  assert.deepEqual(fromArrow.array("type"), table.array("type"));
  assert.deepEqual(fromArrow.array("payload"), table.array("payload"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("exposure, consumption and rating rows agree with the decisions in the log", async () => {
  const engine = await runScenario(smallScenario({ rounds: 3 }));
  const events = engine.log.events;
  const pages = engine.log.ofType("page");
  assert.equal(
    exposureRows(events, engine.world.catalog).length,
    pages.reduce((n, p) => n + p.items.length, 0),
  );
  const watches = engine.log.ofType("decision").filter((d) => d.action.type === "watch");
  const consumed = consumptionRows(events, engine.world.catalog);
  assert.equal(consumed.length, watches.length);
  assert.ok(consumed.every((c) => c.genres.length > 0));
  const ratings = ratingRows(events);
  assert.equal(ratings.length, watches.length, "every watch is followed by a rating");
  assert.ok(ratings.every((r) => r.score >= 1 && r.score <= 5));
});
