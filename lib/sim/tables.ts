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

/**
 * Writes a table as CSV and as Arrow IPC (for pandas, polars and DuckDB).
 *
 * @param table An arquero table.
 * @param stem Path without extension.
 * @returns The two paths written.
 */
export async function exportTable(table: aq.ColumnTable, stem: string): Promise<string[]> {
  await Deno.writeTextFile(`${stem}.csv`, table.toCSV());
  await Deno.writeFile(`${stem}.arrow`, table.toArrowIPC());
  return [`${stem}.csv`, `${stem}.arrow`];
}
