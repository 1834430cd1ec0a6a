/**
 * CSV in and out for human rating sheets: rows as objects keyed by header, and a reader that
 * checks the header and reports any bad value with its file, line and column.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { formatCsv, parseCsv } from "../core/csv.ts";

/** A parsed row: values by column, and the line it starts on. */
export interface SheetRow {
  values: Record<string, string>;
  line: number;
}

/**
 * Writes objects as CSV with the given columns.
 *
 * @param columns Header, in order.
 * @param rows Objects (missing values are written empty).
 * @returns CSV text.
 *
 * @example
 * ```ts
 * import { toCsv } from "@lib/eval/rating_csv.ts";
 * import assert from "node:assert/strict";
 * assert.equal(toCsv(["a", "b"], [{ a: "x, y", b: 1 }]), 'a,b\n"x, y",1\n');
 * ```
 */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  return formatCsv([columns, ...rows.map((r) => columns.map((c) => String(r[c] ?? "")))]);
}

/**
 * Reads a rating sheet, checking that every required column is present.
 *
 * @param text CSV text.
 * @param file Name for errors.
 * @param required Columns that must be in the header.
 * @returns Rows keyed by header.
 * @throws DataError naming the file, line and column.
 *
 * @example A missing column is named
 * ```ts
 * import { readSheet } from "@lib/eval/rating_csv.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => readSheet("pair_id\n1\n", "j.csv", ["pair_id", "judgment"]), /j.csv:1 \(judgment\)/);
 * ```
 */
export function readSheet(text: string, file: string, required: readonly string[]): SheetRow[] {
  const records = parseCsv(text, file);
  if (records.length === 0) throw new DataError(file, 1, "the file is empty; expected a header");
  const header = records[0].fields.map((h) => h.trim());
  for (const c of required) {
    if (!header.includes(c)) {
      throw new DataError(
        file,
        records[0].line,
        `missing column; header is ${header.join(",")}`,
        c,
      );
    }
  }
  return records.slice(1).map((r) => {
    if (r.fields.length !== header.length) {
      throw new DataError(file, r.line, `expected ${header.length} fields, got ${r.fields.length}`);
    }
    return {
      values: Object.fromEntries(header.map((h, i) => [h, r.fields[i].trim()])),
      line: r.line,
    };
  });
}

/**
 * An integer score 1–5 from a cell.
 *
 * @param row The row.
 * @param column The column.
 * @param file Name for errors.
 * @returns The score.
 * @throws DataError when the cell is not an integer 1–5.
 */
export function score15(row: SheetRow, column: string, file: string): number {
  const v = row.values[column];
  if (!/^[1-5]$/.test(v)) {
    throw new DataError(
      file,
      row.line,
      `expected an integer 1–5, got ${JSON.stringify(v)}`,
      column,
    );
  }
  return Number(v);
}
