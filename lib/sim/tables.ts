/**
 * Tables derived from the event log — exposures, consumption, ratings, chats and posts — in
 * the row shapes lib/metrics reads, as plain rows or arquero tables. They work the same on a
 * live engine's log and on a saved run's events.jsonl.
 *
 * @module
 */
import * as aq from "arquero";
import type { Catalog } from "../recsys/catalog.ts";
import type { ConsumptionRow, ExposureRow, RatingRow } from "../metrics/rows.ts";
import type { DecisionEvent, SimEvent } from "./events.ts";

/** A chat or post. */
export interface MessageRow {
  round: number;
  agentId: string;
  kind: "chat" | "post";
  /** The friend chatted with (null for posts). */
  to: string | null;
  text: string;
  items: string;
}

function genresOf(catalog: Catalog, itemId: string): string[] {
  return catalog.get(itemId)?.genres ?? [];
}

/**
 * Every item shown on a page (recommendations and search results).
 *
 * @param events The event log.
 * @param catalog The catalog (for genres).
 * @param source "all", "recommender" (pages not from search) or "search".
 * @returns Exposure rows in log order.
 */
export function exposureRows(
  events: readonly SimEvent[],
  catalog: Catalog,
  source: "all" | "recommender" | "search" = "all",
): ExposureRow[] {
  const rows: ExposureRow[] = [];
  for (const e of events) {
    if (e.type !== "page") continue;
    if (source === "recommender" && e.query !== null) continue;
    if (source === "search" && e.query === null) continue;
    for (const itemId of e.items) {
      rows.push({
        round: e.round,
        agentId: e.agent,
        itemId,
        genres: genresOf(catalog, itemId),
        page: e.page,
      });
    }
  }
  return rows;
}

function decisions(events: readonly SimEvent[]): DecisionEvent[] {
  return events.filter((e): e is DecisionEvent => e.type === "decision");
}

/**
 * Every item watched.
 *
 * @param events The event log.
 * @param catalog The catalog.
 * @returns Consumption rows in log order.
 */
export function consumptionRows(events: readonly SimEvent[], catalog: Catalog): ConsumptionRow[] {
  return decisions(events).flatMap((e) =>
    e.action.type === "watch"
      ? [{
        round: e.round,
        agentId: e.agent,
        itemId: e.action.itemId,
        genres: genresOf(catalog, e.action.itemId),
      }]
      : []
  );
}

/**
 * Every 1–5 rating given after watching.
 *
 * @param events The event log.
 * @returns Rating rows in log order.
 */
export function ratingRows(events: readonly SimEvent[]): RatingRow[] {
  return decisions(events).flatMap((e) =>
    e.action.type === "feel"
      ? [{ round: e.round, agentId: e.agent, itemId: e.action.itemId, score: e.action.rating }]
      : []
  );
}

/**
 * Every chat and post.
 *
 * @param events The event log.
 * @returns Message rows in log order.
 */
export function messageRows(events: readonly SimEvent[]): MessageRow[] {
  return decisions(events).flatMap((e): MessageRow[] => {
    const a = e.action;
    if (a.type === "chat") {
      return [{
        round: e.round,
        agentId: e.agent,
        kind: "chat",
        to: a.friendId,
        text: a.dialogue.map((l) => `${l.speaker}: ${l.text}`).join(" / "),
        items: a.itemIds.join("|"),
      }];
    }
    if (a.type === "post") {
      return [{
        round: e.round,
        agentId: e.agent,
        kind: "post",
        to: null,
        text: a.text,
        items: a.itemIds.join("|"),
      }];
    }
    return [];
  });
}

/**
 * The event log flattened to one table: the common columns plus the event's payload as JSON.
 *
 * @param events The event log.
 * @returns An arquero table (seq, round, t, type, agent, action, payload).
 */
export function eventTable(events: readonly SimEvent[]): aq.ColumnTable {
  return aq.from(events.map((e) => {
    const { seq, round, t, type, ...rest } = e;
    const agent = "agent" in e ? e.agent : null;
    const action = e.type === "decision" ? e.action.type : null;
    return { seq, round, t, type, agent, action, payload: JSON.stringify(rest) };
  }));
}

/** Cells CSV cannot hold as they are: lists of strings joined by "|" (the MovieLens
 * convention), other objects as JSON text. */
function csvReady(table: aq.ColumnTable): aq.ColumnTable {
  const listy = table.columnNames().filter((c) =>
    (table.array(c) as unknown[]).some((v) => v !== null && typeof v === "object")
  );
  if (listy.length === 0) return table;
  const values: Record<string, unknown[]> = {};
  for (const c of table.columnNames()) {
    const col = Array.from(table.array(c) as ArrayLike<unknown>);
    values[c] = listy.includes(c)
      ? col.map((v) =>
        v === null || v === undefined
          ? null
          : Array.isArray(v) && v.every((x) => typeof x === "string")
          ? v.join("|")
          : JSON.stringify(v)
      )
      : col;
  }
  return aq.table(values);
}

/**
 * Writes a table as CSV and as an Arrow IPC file (Feather v2: `pandas.read_feather`,
 * `pyarrow.feather.read_table`, polars and DuckDB read it). Arrow keeps list columns (genres)
 * as lists; CSV joins lists of strings with "|" and writes other objects as JSON.
 *
 * @param table An arquero table.
 * @param stem Path without extension.
 * @returns The two paths written.
 */
export async function exportTable(table: aq.ColumnTable, stem: string): Promise<string[]> {
  await Deno.writeTextFile(`${stem}.csv`, csvReady(table).toCSV());
  await Deno.writeFile(`${stem}.arrow`, table.toArrowIPC({ format: "file" }));
  return [`${stem}.csv`, `${stem}.arrow`];
}

/** What a data collector offers (the engine's, or a study's own). */
export interface CollectorTables {
  /** One row per round. */
  modelTable(): aq.ColumnTable;
  /** One row per agent per round. */
  agentTable(): aq.ColumnTable;
}

/**
 * Every table of a run, by name: events, exposures, consumption, ratings, messages and, with a
 * collector, its model and agent tables.
 *
 * @param events The event log.
 * @param catalog The catalog (for genres).
 * @param collector The run's data collector, if any.
 * @returns Name → arquero table.
 *
 * @example
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { runTables } from "@lib/sim/tables.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 6 } });
 * await engine.run();
 * const tables = runTables(engine.log.events, engine.world.catalog, engine.collector);
 * assert.equal(tables.events.numRows(), engine.log.events.length);
 * assert.equal(tables.collector_model.numRows(), 2);
 * ```
 */
export function runTables(
  events: readonly SimEvent[],
  catalog: Catalog,
  collector?: CollectorTables,
): Record<string, aq.ColumnTable> {
  const tables: Record<string, aq.ColumnTable> = {
    events: eventTable(events),
    exposures: aq.from(exposureRows(events, catalog)),
    consumption: aq.from(consumptionRows(events, catalog)),
    ratings: aq.from(ratingRows(events)),
    messages: aq.from(messageRows(events)),
  };
  if (collector) {
    tables.collector_model = collector.modelTable();
    tables.collector_agent = collector.agentTable();
  }
  return tables;
}

/**
 * Exports tables into a folder, each as CSV and Arrow ({@link exportTable}). A table with no
 * columns (no rows were ever produced, e.g. no agent-level reporters) has nothing to write and
 * is left out.
 *
 * @param tables Name → table (e.g. from {@link runTables}).
 * @param dir The folder (created).
 * @returns The names written.
 */
export async function exportTables(
  tables: Record<string, aq.ColumnTable>,
  dir: string,
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, table] of Object.entries(tables)) {
    if (table.numCols() === 0) continue;
    await exportTable(table, `${dir}/${name}`);
    written.push(name);
  }
  return written;
}
