/**
 * Display arquero tables (and plain row arrays) as HTML tables in notebooks.
 *
 * @module
 */
import * as aq from "arquero";
import { type Displayable, JUPYTER_DISPLAY } from "./display.ts";

/** Options of {@link tableView}. */
export interface TableViewOptions {
  /** Maximum rows shown (default 20). */
  limit?: number;
  /** Caption above the table. */
  caption?: string;
  /** Digits after the decimal point for numbers (default 3). */
  digits?: number;
}

/**
 * A displayable HTML view of a table.
 *
 * @param table An arquero table or an array of row objects.
 * @param options Rows shown, caption, number format.
 * @returns An object the kernel displays as an HTML table.
 *
 * @example Rows as an HTML table
 * ```ts
 * import { tableView } from "@lib/viz/table.ts";
 * import { JUPYTER_DISPLAY } from "@lib/viz/display.ts";
 * import assert from "node:assert/strict";
 * const view = tableView([{ round: 1, entropy: 2.3219 }]);
 * assert.match(String(view[JUPYTER_DISPLAY]()["text/html"]), /2\.322/);
 * ```
 */
export function tableView(
  table: aq.ColumnTable | readonly object[],
  options: TableViewOptions = {},
): Displayable & { html: string } {
  const t = Array.isArray(table) ? aq.from(table as object[]) : table as aq.ColumnTable;
  const digits = options.digits ?? 3;
  const format: Record<string, (v: unknown) => string> = {};
  for (const col of t.columnNames()) {
    format[col] = (v) =>
      typeof v === "number" && !Number.isInteger(v) ? v.toFixed(digits) : String(v ?? "");
  }
  const body = t.toHTML({ limit: options.limit ?? 20, format });
  const caption = options.caption
    ? `<div style="font-weight:600;margin:4px 0">${options.caption}</div>`
    : "";
  const more = t.numRows() > (options.limit ?? 20)
    ? `<div style="color:#666">${t.numRows()} rows in all</div>`
    : "";
  const markup = `<div class="socius-table">${caption}${body}${more}</div>`;
  return {
    html: markup,
    [JUPYTER_DISPLAY]: () => ({ "text/html": markup, "text/plain": t.toString() }),
  };
}
