/**
 * Line parsers for MovieLens files: ML-100K (u.item, u.data) and ML-1M (movies.dat,
 * ratings.dat). A malformed line is a DataError naming the file and line; known oddities
 * of the real files (ML-100K's item titled "unknown", items with no genre) are dropped and
 * counted in the report instead.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { ML100K_GENRES } from "./genres.ts";
import { emptyReport, type LoadReport, noteReport } from "./item.ts";

/** The two MovieLens layouts. */
export type MovieLensFormat = "100k" | "1m";

/** One explicit rating, as in the files. */
export interface Rating {
  userId: string;
  itemId: string;
  /** 1..5 stars. */
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

/** An item row before the ratings give it popularity and quality. */
export interface MovieLensItem {
  id: string;
  title: string;
  genres: string[];
  year: number | null;
}

/** Parsed item rows, the ids of the rows dropped while cleaning, and the report. */
export interface ParsedItems {
  items: MovieLensItem[];
  droppedIds: Set<string>;
  report: LoadReport;
}

const LATIN1 = new TextDecoder("latin1");

/**
 * Decodes ISO-8859-1 bytes (MovieLens's encoding).
 *
 * @param bytes The file content.
 * @returns The text.
 */
export function decodeLatin1(bytes: Uint8Array): string {
  return LATIN1.decode(bytes);
}

/**
 * Parses ML-100K's u.item (`id|title|release|video release|url|19 genre flags`).
 *
 * @param text File content.
 * @param file File name for errors and the report.
 * @returns Items and a report of dropped rows.
 *
 * @example One ML-100k item line
 * ```ts
 * import { parseMl100kItems } from "@lib/recsys/movielens_parse.ts";
 * import assert from "node:assert/strict";
 * const flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
 * const { items } = parseMl100kItems(`1|Toy Story (1995)|01-Jan-1995||http://x${flags}\n`, "u.item");
 * assert.deepEqual(items[0], { id: "1", title: "Toy Story", year: 1995, genres: ["Animation", "Children's", "Comedy"] });
 * ```
 */
export function parseMl100kItems(
  text: string,
  file = "u.item",
): ParsedItems {
  const parsed: ParsedItems = { items: [], droppedIds: new Set(), report: emptyReport(file) };
  const report = parsed.report;
  forEachLine(text, (line, n) => {
    report.read++;
    const f = line.split("|");
    if (f.length !== 5 + ML100K_GENRES.length) {
      throw new DataError(
        file,
        n,
        `expected ${5 + ML100K_GENRES.length} '|'-separated fields, got ${f.length}`,
      );
    }
    const id = positiveId(f[0], file, n, "movie id");
    const genres: string[] = [];
    for (let g = 0; g < ML100K_GENRES.length; g++) {
      const flag = f[5 + g];
      if (flag !== "0" && flag !== "1") {
        throw new DataError(file, n, `expected genre flag 0 or 1, got "${flag}"`, ML100K_GENRES[g]);
      }
      if (flag === "1" && g > 0) genres.push(ML100K_GENRES[g]);
    }
    const dated = /(\d{4})$/.exec(f[2]);
    addItem(parsed, id, f[1], genres, dated ? Number(dated[1]) : null, `${file}:${n}`);
  });
  return parsed;
}

/**
 * Parses ML-1M's movies.dat (`id::Title (year)::Genre|Genre`).
 *
 * @param text File content.
 * @param file File name for errors and the report.
 * @returns Items and a report of dropped rows.
 *
 * @example One ML-1M movie line
 * ```ts
 * import { parseMl1mItems } from "@lib/recsys/movielens_parse.ts";
 * import assert from "node:assert/strict";
 * const { items } = parseMl1mItems("2::Usual Suspects, The (1995)::Crime|Thriller\n", "movies.dat");
 * assert.deepEqual(items[0], { id: "2", title: "The Usual Suspects", year: 1995, genres: ["Crime", "Thriller"] });
 * ```
 */
export function parseMl1mItems(
  text: string,
  file = "movies.dat",
): ParsedItems {
  const parsed: ParsedItems = { items: [], droppedIds: new Set(), report: emptyReport(file) };
  const report = parsed.report;
  forEachLine(text, (line, n) => {
    report.read++;
    const f = line.split("::");
    if (f.length !== 3) {
      throw new DataError(file, n, `expected 3 '::'-separated fields, got ${f.length}`);
    }
    const id = positiveId(f[0], file, n, "movie id");
    const genres = f[2].split("|").map((g) => g.trim()).filter((g) =>
      g && g !== "(no genres listed)"
    );
    addItem(parsed, id, f[1], genres, null, `${file}:${n}`);
  });
  return parsed;
}

/**
 * Parses ratings: u.data (`user TAB item TAB rating TAB timestamp`) or ratings.dat (`::`).
 *
 * @param text File content.
 * @param format "100k" (tabs) or "1m" (`::`).
 * @param file File name for errors.
 * @returns The ratings, in file order.
 *
 * @example A bad line names the file and line
 * ```ts
 * import { parseRatings } from "@lib/recsys/movielens_parse.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseRatings("1\t2\t5\t881250949\n", "100k")[0].rating, 5);
 * assert.throws(() => parseRatings("1\t2\t5\t1\n1\t2\tfive\t1\n", "100k", "u.data"), /u\.data:2 \(rating\)/);
 * ```
 */
export function parseRatings(text: string, format: MovieLensFormat, file?: string): Rating[] {
  const name = file ?? (format === "100k" ? "u.data" : "ratings.dat");
  const sep = format === "100k" ? "\t" : "::";
  const out: Rating[] = [];
  forEachLine(text, (line, n) => {
    const f = line.split(sep);
    if (f.length !== 4) {
      throw new DataError(
        name,
        n,
        `expected 4 ${JSON.stringify(sep)}-separated fields, got ${f.length}`,
      );
    }
    const rating = Number(f[2]);
    if (!Number.isFinite(rating) || rating < 0.5 || rating > 5) {
      throw new DataError(name, n, `expected a rating from 1 to 5, got "${f[2]}"`, "rating");
    }
    const timestamp = Number(f[3]);
    if (!Number.isInteger(timestamp)) {
      throw new DataError(name, n, `expected an integer Unix time, got "${f[3]}"`, "timestamp");
    }
    out.push({
      userId: positiveId(f[0], name, n, "user id"),
      itemId: positiveId(f[1], name, n, "item id"),
      rating,
      timestamp,
    });
  });
  return out;
}

function forEachLine(text: string, fn: (line: string, lineNumber: number) => void): void {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (line.trim() !== "") fn(line, i + 1);
  }
}

function positiveId(value: string, file: string, line: number, field: string): string {
  const v = value.trim();
  if (!/^[1-9]\d*$/.test(v)) {
    throw new DataError(file, line, `expected a positive integer, got "${value}"`, field);
  }
  return v;
}

function addItem(
  parsed: ParsedItems,
  id: string,
  rawTitle: string,
  genres: string[],
  fallbackYear: number | null,
  where: string,
): void {
  const { title, year } = splitTitle(rawTitle);
  const drop = (reason: string) => {
    noteReport(parsed.report, "dropped", reason, `${where} ${rawTitle}`);
    parsed.droppedIds.add(id);
  };
  if (!title || title.toLowerCase() === "unknown") drop("unknown title");
  else if (genres.length === 0) drop("no genre");
  else parsed.items.push({ id, title, genres, year: year ?? fallbackYear });
}

const ARTICLE = /^(.*?), (The|A|An|Les|La|Le|Il|Das|Der|Die|El|L')(\s\(.*\))?$/;

/**
 * Splits "Usual Suspects, The (1995)" into "The Usual Suspects" and 1995.
 *
 * @param raw A MovieLens title.
 * @returns The display title and the year in parentheses, if any.
 */
export function splitTitle(raw: string): { title: string; year: number | null } {
  let title = raw.trim();
  let year: number | null = null;
  const m = /\s*\((\d{4})\)$/.exec(title);
  if (m) {
    year = Number(m[1]);
    title = title.slice(0, m.index).trim();
  }
  const a = ARTICLE.exec(title);
  if (a) title = `${a[2]}${a[2].endsWith("'") ? "" : " "}${a[1]}${a[3] ?? ""}`;
  return { title, year };
}
