/**
 * A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes inside quotes,
 * embedded commas and newlines, CRLF or LF line ends. Each record keeps the line it starts
 * on so errors can point at it.
 *
 * @module
 */
import { DataError } from "./errors.ts";

/** One parsed record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Parses CSV text into records; blank lines are skipped.
 *
 * @param text The CSV text (a leading byte-order mark is ignored).
 * @param file The file name used in errors.
 * @returns Records in order, header included.
 * @throws DataError on an unterminated quote or text after a closing quote.
 *
 * @example Quotes, doubled quotes and CRLF
 * ```ts
 * import { parseCsv } from "@lib/core/csv.ts";
 * import assert from "node:assert/strict";
 * const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n', "t.csv");
 * assert.deepEqual(rows[1], { fields: ["x, y", 'say "hi"'], line: 2 });
 * ```
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) out.push({ fields, line: recordLine });
    fields = [];
    field = "";
    atFieldStart = true;
  };
  while (i < src.length) {
    const c = src[i];
    if (atFieldStart && c === '"') {
      const openLine = line;
      i++;
      for (;;) {
        if (i >= src.length) {
          throw new DataError(
            file,
            openLine,
            `unterminated quoted field (column ${fields.length + 1})`,
          );
        }
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new DataError(
          file,
          line,
          `unexpected character ${JSON.stringify(next)} after closing quote (column ${
            fields.length + 1
          })`,
        );
      }
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (c === ",") {
      fields.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (c === "\r" || c === "\n") {
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (!atFieldStart || field !== "" || fields.length > 0) endRecord();
  return out;
}

/**
 * Quotes a field when it holds a comma, quote, or line break.
 *
 * @param value The field text.
 * @returns The CSV-safe field.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/**
 * Formats rows as CSV with LF line ends.
 *
 * @param rows Rows of fields (the header first).
 * @returns CSV text ending with a newline.
 *
 * @example Round trip
 * ```ts
 * import { formatCsv, parseCsv } from "@lib/core/csv.ts";
 * import assert from "node:assert/strict";
 * const rows = [["a", "b"], ["x, y", 'q"q']];
 * assert.deepEqual(parseCsv(formatCsv(rows), "t").map((r) => r.fields), rows);
 * ```
 */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}
