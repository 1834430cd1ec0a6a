/**
 * A pandas-style view of any table Socius produces: arquero tables (or row arrays) become
 * danfojs DataFrames and come back as arquero tables with their column types intact.
 *
 * danfojs brings TensorFlow.js (seconds to import and over 100 MB resident), so it is imported
 * here, lazily, the first time a view is asked for; nothing else in the project pays for it.
 *
 * The rule for cells danfojs has no type for (its dtypes are float32, int32, string, boolean):
 * - numbers, strings and booleans pass through as they are; null (and undefined) stay null;
 * - timestamps (Date cells) become ISO 8601 strings, as pandas prints them;
 * - arrays of strings (genres, item lists) become one string joined by "|", the MovieLens
 *   convention (`Action|Comedy`; the empty list is ""), when no element holds a "|";
 * - any other object or array becomes its JSON text.
 * The view remembers each column's original kind, so {@link fromDataFrame} restores Dates,
 * arrays and objects; frames danfojs derives (groupby, describe) come back as their dtypes say.
 *
 * @module
 */
import * as aq from "arquero";
import type { DataFrame } from "danfojs";
import { tableView, type TableViewOptions } from "./table.ts";
import type { Displayable } from "./display.ts";

/** What a column held before it entered danfojs. */
export type ColumnKind = "number" | "string" | "boolean" | "date" | "list" | "json" | "empty";

/** Column name → original kind. */
export type FrameSchema = Record<string, ColumnKind>;

type Danfo = typeof import("danfojs");

let danfo: Promise<Danfo> | undefined;

/**
 * danfojs, imported on first use (and only once).
 *
 * @returns The danfojs module.
 *
 * @example
 * ```ts
 * import { loadDanfo } from "@lib/viz/dataframe.ts";
 * import assert from "node:assert/strict";
 * const dfd = await loadDanfo();
 * assert.equal(typeof dfd.DataFrame, "function");
 * ```
 */
export function loadDanfo(): Promise<Danfo> {
  danfo ??= import("danfojs");
  return danfo;
}

const schemas = new WeakMap<object, FrameSchema>();

function kindOf(values: readonly unknown[]): ColumnKind {
  let kind: ColumnKind = "empty";
  for (const v of values) {
    if (v === null || v === undefined) continue;
    let k: ColumnKind;
    if (typeof v === "number") k = "number";
    else if (typeof v === "string") k = "string";
    else if (typeof v === "boolean") k = "boolean";
    else if (v instanceof Date) k = "date";
    else if (Array.isArray(v) && v.every((x) => typeof x === "string" && !x.includes("|"))) {
      k = "list";
    } else k = "json";
    if (kind === "empty") kind = k;
    else if (kind !== k) {
      // A column mixing lists with other objects is kept whole as JSON; anything else mixed
      // (numbers and strings) would not survive danfojs' typing, so it is JSON too.
      return "json";
    }
  }
  return kind;
}

function encode(v: unknown, kind: ColumnKind): unknown {
  if (v === null || v === undefined) return null;
  if (kind === "date") return (v as Date).toISOString();
  if (kind === "list") return (v as string[]).join("|");
  if (kind === "json") return JSON.stringify(v);
  return v;
}

function dtypeOf(kind: ColumnKind, values: readonly unknown[]): string {
  if (kind === "number") {
    return values.every((v) => v === null || Number.isInteger(v)) ? "int32" : "float32";
  }
  return kind === "boolean" ? "boolean" : "string";
}

function decode(v: unknown, kind: ColumnKind): unknown {
  if (
    v === null || v === undefined || (typeof v === "number" && Number.isNaN(v) && kind !== "number")
  ) {
    return null;
  }
  if (kind === "date") return new Date(String(v));
  if (kind === "list") return v === "" ? [] : String(v).split("|");
  if (kind === "json") return JSON.parse(String(v));
  return v;
}

/**
 * The kind of each column, as {@link toDataFrame} will encode it.
 *
 * @param table An arquero table or an array of row objects.
 * @returns Column name → kind.
 *
 * @example Genres are lists, timestamps dates
 * ```ts
 * import { frameSchema } from "@lib/viz/dataframe.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(
 *   frameSchema([{ round: 1, genres: ["Drama"], at: new Date(0), ok: true, agent: null }]),
 *   { round: "number", genres: "list", at: "date", ok: "boolean", agent: "empty" },
 * );
 * ```
 */
export function frameSchema(
  table: aq.ColumnTable | readonly Record<string, unknown>[],
): FrameSchema {
  const t = Array.isArray(table) ? aq.from(table) : table as aq.ColumnTable;
  const schema: FrameSchema = {};
  for (const name of t.columnNames()) schema[name] = kindOf(t.array(name) as unknown[]);
  return schema;
}

/**
 * A danfojs DataFrame of a table, by the module's rule for dates, lists and objects.
 * danfojs is imported on the first call.
 *
 * @param table An arquero table or an array of row objects.
 * @returns The DataFrame (column order kept).
 *
 * @example pandas habits on a run's rows
 * ```ts
 * import { fromDataFrame, toDataFrame } from "@lib/viz/dataframe.ts";
 * import assert from "node:assert/strict";
 * const rows = [
 *   { round: 0, action: "watch", genres: ["Comedy", "Drama"] },
 *   { round: 0, action: "rest", genres: [] },
 *   { round: 1, action: "watch", genres: ["Action"] },
 * ];
 * const df = await toDataFrame(rows);
 * assert.deepEqual(df.column("genres").values, ["Comedy|Drama", "", "Action"]);
 * const counts = df.groupby(["action"]).count();
 * assert.deepEqual(counts.column("round_count").values, [2, 1]);
 * assert.deepEqual(fromDataFrame(df).objects(), rows);
 * ```
 */
export async function toDataFrame(
  table: aq.ColumnTable | readonly Record<string, unknown>[],
): Promise<DataFrame> {
  const dfd = await loadDanfo();
  const t = Array.isArray(table) ? aq.from(table) : table as aq.ColumnTable;
  const schema = frameSchema(t);
  const columns = t.columnNames();
  const data: Record<string, unknown[]> = {};
  const dtypes: string[] = [];
  for (const name of columns) {
    data[name] = Array.from(t.array(name) as ArrayLike<unknown>, (v) => encode(v, schema[name]));
    dtypes.push(dtypeOf(schema[name], data[name]));
  }
  // danfojs guesses a column's dtype from its first cells (a leading null makes a string
  // column float32), so the dtypes are stated; it cannot build a frame of empty columns.
  const df = t.numRows() === 0
    ? new dfd.DataFrame([], { columns })
    : new dfd.DataFrame(data, { columns, dtypes });
  schemas.set(df, schema);
  return df;
}

/**
 * An arquero table from a DataFrame: the columns a view encoded come back as they were
 * (Dates, lists, objects, null for missing); derived frames keep what danfojs holds. A frame
 * whose index is not 0…n−1 (describe, a pivot) gets it as a first column named "index".
 *
 * @param df A danfojs DataFrame.
 * @param schema Kinds to restore (default: those recorded when the view was made).
 * @returns An arquero table.
 *
 * @example describe() as a table
 * ```ts
 * import { fromDataFrame, toDataFrame } from "@lib/viz/dataframe.ts";
 * import assert from "node:assert/strict";
 * const df = await toDataFrame([{ score: 2 }, { score: 4 }]);
 * const d = fromDataFrame(df.describe());
 * assert.equal(d.get("index", 1), "mean");
 * assert.equal(d.get("score", 1), 3);
 * ```
 */
export function fromDataFrame(df: DataFrame, schema?: FrameSchema): aq.ColumnTable {
  const kinds = schema ?? schemas.get(df) ?? {};
  const out: Record<string, unknown[]> = {};
  const index = df.index as (string | number)[];
  if (index.some((v, i) => v !== i)) out.index = [...index];
  const columns = df.columns as string[];
  const rows = df.values as unknown[][];
  columns.forEach((name, j) => {
    const kind = kinds[name];
    out[name] = rows.map((r) => kind ? decode(r[j], kind) : r[j]);
  });
  return aq.table(out);
}

/**
 * Shows a DataFrame as an HTML table through the project's display helpers (danfojs' own
 * `print()` writes to stdout, which reports do not keep).
 *
 * @param df A danfojs DataFrame.
 * @param options Rows shown, caption, number format.
 * @returns A displayable HTML table.
 *
 * @example
 * ```ts
 * import { frameView, toDataFrame } from "@lib/viz/dataframe.ts";
 * import assert from "node:assert/strict";
 * const view = frameView(await toDataFrame([{ action: "watch", n: 3 }]), { caption: "actions" });
 * assert.match(view.html, /<th[^>]*>action<\/th>/);
 * ```
 */
export function frameView(
  df: DataFrame,
  options: TableViewOptions = {},
): Displayable & { html: string } {
  const t = fromDataFrame(df);
  const shown: Record<string, unknown[]> = {};
  for (const name of t.columnNames()) {
    // Lists and dates read better as danfojs holds them than as JS objects.
    shown[name] = (t.array(name) as unknown[]).map((v) =>
      v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join("|") : v
    );
  }
  return tableView(aq.table(shown), options);
}

/**
 * pandas' `crosstab` for a DataFrame, which danfojs lacks: how many rows hold each pair of
 * values, one row per value of `row`, one column per value of `column` (0 where none).
 *
 * @param df A danfojs DataFrame.
 * @param row The column whose values become rows (e.g. "round").
 * @param column The column whose values become columns (e.g. "action").
 * @returns A DataFrame: `row`, then one count column per value, sorted.
 *
 * @example Actions by round
 * ```ts
 * import { crosstab, toDataFrame } from "@lib/viz/dataframe.ts";
 * import assert from "node:assert/strict";
 * const df = await toDataFrame([
 *   { round: 0, action: "watch" }, { round: 0, action: "watch" }, { round: 1, action: "chat" },
 * ]);
 * const x = await crosstab(df, "round", "action");
 * assert.deepEqual(x.columns, ["round", "chat", "watch"]);
 * assert.deepEqual(x.values, [[0, 0, 2], [1, 1, 0]]);
 * ```
 */
export function crosstab(df: DataFrame, row: string, column: string): Promise<DataFrame> {
  const t = fromDataFrame(df).select(row, column).filter(
    aq.escape((d: Record<string, unknown>) => d[column] !== null),
  );
  const keys = [...new Set(t.array(column) as unknown[])].map(String).sort();
  const counts = t.groupby(row, column).count().objects() as Record<string, unknown>[];
  const byRow = new Map<unknown, Record<string, unknown>>();
  for (const c of counts) {
    let r = byRow.get(c[row]);
    if (!r) {
      r = { [row]: c[row], ...Object.fromEntries(keys.map((k) => [k, 0])) };
      byRow.set(c[row], r);
    }
    r[String(c[column])] = c.count;
  }
  const rows = [...byRow.values()].sort((a, b) =>
    (a[row] as number | string) < (b[row] as number | string) ? -1 : 1
  );
  return toDataFrame(rows);
}
