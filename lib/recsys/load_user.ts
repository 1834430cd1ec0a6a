/**
 * A researcher's own catalogue, as CSV (`id,title,genres,year,description,...`, genres
 * separated by `|`) or JSON (an array of objects with the same fields). Every row is
 * validated; an error names the file, the row (CSV line or JSON index) and the field.
 * Columns other than the known ones are kept in `extra`.
 *
 * @module
 */
import { z } from "zod";
import { parseCsv } from "../core/csv.ts";
import { readTextData } from "../core/text_file.ts";
import { DataError, formatIssues, formatPath } from "../core/errors.ts";
import { Catalog } from "./catalog.ts";
import { emptyReport, type Item, noteReport } from "./item.ts";
import type { LoadedCatalog } from "./load_vega.ts";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** One row of a user catalogue, as it may appear in CSV (strings) or JSON (typed). */
export const UserItemRowSchema = z.object({
  id: z.coerce.string().trim().min(1),
  title: z.coerce.string().trim().min(1),
  genres: z.union([
    z.string().transform((s) => s.split("|").map((g) => g.trim()).filter(Boolean)),
    z.array(z.string().trim().min(1)),
  ]).pipe(z.array(z.string()).min(1, "expected at least one genre (separate several with |)")),
  year: z.preprocess(blankToUndefined, z.coerce.number().int().optional()),
  description: z.preprocess(blankToUndefined, z.string().optional()),
  popularity: z.preprocess(blankToUndefined, z.coerce.number().nonnegative().optional()),
  quality: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(1).optional()),
  director: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
});

const KNOWN = new Set(Object.keys(UserItemRowSchema.shape));

/**
 * Reads a user catalogue from CSV text.
 *
 * @param text CSV with a header row naming at least id, title and genres.
 * @param file File name for errors and the report.
 * @returns The catalogue and a report.
 *
 * @example A bad row names its line and field
 * ```ts
 * import { parseUserCsv } from "@lib/recsys/load_user.ts";
 * import assert from "node:assert/strict";
 * const ok = parseUserCsv("id,title,genres,year\nm1,Alien,Horror|Sci-Fi,1979\n", "mine.csv");
 * assert.deepEqual(ok.catalog.at(0).genres, ["Horror", "Sci-Fi"]);
 * assert.throws(() => parseUserCsv("id,title,genres,year\nm1,Alien,Horror,soon\n", "mine.csv"), /mine\.csv:2 \(year\)/);
 * ```
 */
export function parseUserCsv(text: string, file = "items.csv"): LoadedCatalog {
  const records = parseCsv(text.replace(/^\uFEFF/, ""), file);
  if (records.length === 0) throw new DataError(file, 1, "expected a header row");
  const header = records[0].fields.map((h) => h.trim());
  for (const need of ["id", "title", "genres"]) {
    if (!header.includes(need)) {
      throw new DataError(file, records[0].line, `missing column "${need}"`, need);
    }
  }
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== header.length) {
      throw new DataError(file, r.line, `expected ${header.length} fields, got ${r.fields.length}`);
    }
    return {
      where: { line: r.line },
      value: Object.fromEntries(header.map((h, j) => [h, r.fields[j]])),
    };
  });
  return buildUserCatalog(rows, file);
}

/**
 * Reads a user catalogue from JSON text (an array of item objects).
 *
 * @param text JSON text.
 * @param file File name for errors and the report.
 * @returns The catalogue and a report.
 */
export function parseUserJson(text: string, file = "items.json"): LoadedCatalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataError(file, 0, `invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new DataError(file, 0, "expected a JSON array of items");
  return buildUserCatalog(data.map((value, index) => ({ where: { index }, value })), file);
}

/**
 * Reads a user catalogue file, CSV or JSON by extension.
 *
 * @param path A .csv or .json file.
 * @returns The catalogue and a report.
 */
export async function loadUserCatalog(path: string): Promise<LoadedCatalog> {
  const text = await readTextData(path);
  if (/\.json$/i.test(path)) return parseUserJson(text, path);
  if (/\.csv$/i.test(path)) return parseUserCsv(text, path);
  throw new DataError(path, 0, "expected a .csv or .json file");
}

type RowWhere = { line: number } | { index: number };

function buildUserCatalog(
  rows: { where: RowWhere; value: unknown }[],
  file: string,
): LoadedCatalog {
  const report = emptyReport(file);
  const parsed = rows.map(({ where, value }) => {
    report.read++;
    const r = UserItemRowSchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw rowError(file, where, formatPath(issue.path), formatIssues(r.error.issues));
    }
    const extra: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!KNOWN.has(k) && (typeof v === "string" || typeof v === "number" || v === null)) {
        extra[k] = v;
      }
    }
    return { where, row: r.data, extra };
  });
  const given = parsed.map((p) => p.row.quality).filter((q): q is number => q !== undefined);
  const fallback = given.length ? given.reduce((a, b) => a + b, 0) / given.length : 0.5;
  const seen = new Set<string>();
  const items: Item[] = parsed.map(({ where, row, extra }) => {
    if (seen.has(row.id)) throw rowError(file, where, "id", `duplicate id "${row.id}"`);
    seen.add(row.id);
    if (row.quality === undefined) {
      noteReport(report, "filled", "quality (mean of the given ones)", row.title);
    }
    if (row.popularity === undefined) noteReport(report, "filled", "popularity (0)", row.title);
    return {
      id: row.id,
      title: row.title,
      genres: row.genres,
      year: row.year ?? null,
      description: row.description ??
        `${row.genres.join("/")} film${row.year ? ` from ${row.year}` : ""}.`,
      popularity: row.popularity ?? 0,
      quality: row.quality ?? fallback,
      ...(row.director ? { director: row.director } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
    };
  });
  report.kept = items.length;
  return { catalog: new Catalog(items, file), report };
}

function rowError(file: string, where: RowWhere, field: string, detail: string): DataError {
  return "line" in where
    ? new DataError(file, where.line, detail, field || undefined)
    : new DataError(file, 0, detail, `[${where.index}]${field ? `.${field}` : ""}`);
}
