/**
 * The default catalogue: the ~3,200 films of vega-datasets' movies.json, cleaned. The file
 * has known errors (a missing title, titles stored as numbers, mis-decoded accents, missing
 * genres, two-digit years put in the wrong century, remakes given the IMDB figures of their
 * namesake); each repair or drop is counted in the {@link LoadReport}.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { Catalog, titleKey } from "./catalog.ts";
import { vegaGenres } from "./genres.ts";
import { emptyReport, type Item, type LoadReport, noteReport } from "./item.ts";
import { repairMacRoman } from "./mojibake.ts";

/**
 * The data were compiled in 2010–2011; a later year is a two-digit year ("46") that a parser
 * put in the 2000s instead of the 1900s.
 */
const LATEST_YEAR = 2011;

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/** A catalogue together with what loading it dropped, repaired and filled. */
export interface LoadedCatalog {
  catalog: Catalog;
  report: LoadReport;
}

/**
 * Reads vega-datasets' movies.json from the installed package.
 *
 * @returns The raw records.
 */
export async function readVegaMovies(): Promise<unknown[]> {
  const url = new URL("../data/movies.json", import.meta.resolve("vega-datasets"));
  const data = JSON.parse(await Deno.readTextFile(url));
  if (!Array.isArray(data)) throw new DataError(url.pathname, 0, "expected a JSON array of films");
  return data;
}

/**
 * Loads and cleans the vega movies as a catalogue.
 *
 * @param records Raw records (default: the installed movies.json).
 * @returns The catalogue and a load report.
 *
 * @example Every film read is either kept or counted as dropped
 * ```ts
 * import { loadVegaCatalog } from "@lib/recsys/load_vega.ts";
 * import assert from "node:assert/strict";
 * const { catalog, report } = await loadVegaCatalog();
 * const dropped = Object.values(report.dropped).reduce((a, b) => a + b, 0);
 * assert.equal(report.kept + dropped, report.read);
 * assert.equal(catalog.size, report.kept);
 * ```
 */
export async function loadVegaCatalog(records?: readonly unknown[]): Promise<LoadedCatalog> {
  const raw = records ?? await readVegaMovies();
  return cleanVegaMovies(raw);
}

/**
 * The cleaning step of {@link loadVegaCatalog}, for records already in memory.
 *
 * @param raw Raw vega movie records.
 * @param source Name used in the report.
 * @returns The catalogue and a load report.
 */
export function cleanVegaMovies(
  raw: readonly unknown[],
  source = "vega-datasets/movies.json",
): LoadedCatalog {
  const report = emptyReport(source);
  const drafts: Omit<Item, "id" | "quality">[] = [];
  const qualities: (number | null)[] = [];
  const seen = new Set<string>();
  const titleCount = new Map<string, number>();
  for (const rec of raw) {
    report.read++;
    if (rec === null || typeof rec !== "object") {
      noteReport(report, "dropped", "not an object");
      continue;
    }
    const r = rec as Record<string, unknown>;
    const title = cleanTitle(r.Title, report);
    if (title === null) continue;
    const genres = vegaGenres(r["Major Genre"], r["Creative Type"]);
    if (genres.length === 0) {
      noteReport(report, "dropped", "missing genre", title);
      continue;
    }
    const year = parseYear(r["Release Date"], title, report);
    const key = `${titleKey(title)}|${year}`;
    if (seen.has(key)) {
      noteReport(report, "dropped", "duplicate title and year", title);
      continue;
    }
    seen.add(key);
    titleCount.set(titleKey(title), (titleCount.get(titleKey(title)) ?? 0) + 1);
    const imdb = num(r["IMDB Rating"]), rt = num(r["Rotten Tomatoes Rating"]);
    const votes = num(r["IMDB Votes"]);
    if (votes === null) noteReport(report, "filled", "popularity (no IMDB votes: 0)", title);
    qualities.push(imdb !== null ? imdb / 10 : rt !== null ? rt / 100 : null);
    const director = typeof r.Director === "string" && r.Director.trim()
      ? r.Director.trim()
      : undefined;
    drafts.push({
      title,
      genres,
      year,
      ...(director ? { director } : {}),
      description: describe(genres, year, director, imdb, votes, rt),
      popularity: votes ?? 0,
      extra: {
        imdbRating: imdb,
        imdbVotes: votes,
        rottenTomatoes: rt,
        mpaa: typeof r["MPAA Rating"] === "string" ? r["MPAA Rating"] : null,
        majorGenre: typeof r["Major Genre"] === "string" ? r["Major Genre"] : null,
      },
    });
  }
  const known = qualities.filter((q): q is number => q !== null).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)] : 0.5;
  const ids = new Set<string>();
  const items: Item[] = drafts.map((d, i) => {
    if (qualities[i] === null) noteReport(report, "filled", "quality (no rating: median)", d.title);
    if ((titleCount.get(titleKey(d.title)) ?? 0) > 1) {
      noteReport(report, "fixed", "title shared with a remake (id carries the year)", d.title);
    }
    let id = slug(d.title) + (d.year !== null ? `-${d.year}` : "");
    for (let n = 2; ids.has(id); n++) id = `${slug(d.title)}-${d.year ?? "x"}-${n}`;
    ids.add(id);
    return { id, ...d, quality: Math.min(1, Math.max(0, qualities[i] ?? median)) };
  });
  report.kept = items.length;
  return { catalog: new Catalog(items, source), report };
}

function cleanTitle(value: unknown, report: LoadReport): string | null {
  if (typeof value === "number") {
    noteReport(report, "fixed", "title stored as a number", String(value));
    return String(value);
  }
  if (typeof value !== "string" || value.trim() === "") {
    noteReport(report, "dropped", "missing title");
    return null;
  }
  const repaired = repairMacRoman(value.trim());
  if (repaired !== value.trim()) noteReport(report, "fixed", "mis-decoded accents", repaired);
  return repaired;
}

function parseYear(value: unknown, title: string, report: LoadReport): number | null {
  const m = typeof value === "string" ? /^([A-Z][a-z]{2}) (\d{2}) (\d{4})$/.exec(value) : null;
  if (!m || !MONTHS.includes(m[1])) {
    noteReport(report, "filled", "year (unreadable release date: null)", title);
    return null;
  }
  const year = Number(m[3]);
  if (year > LATEST_YEAR) {
    noteReport(report, "fixed", "release year in the wrong century", `${title} (${year})`);
    return year - 100;
  }
  return year;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function slug(title: string): string {
  return title.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "film";
}

function describe(
  genres: readonly string[],
  year: number | null,
  director: string | undefined,
  imdb: number | null,
  votes: number | null,
  rt: number | null,
): string {
  let s = `${genres.join("/")} film`;
  if (year !== null) s += ` from ${year}`;
  if (director) s += `, directed by ${director}`;
  const ratings = [
    imdb !== null
      ? `IMDb ${imdb}/10${votes ? ` (${votes.toLocaleString("en-US")} votes)` : ""}`
      : "",
    rt !== null ? `Rotten Tomatoes ${rt}%` : "",
  ].filter(Boolean);
  return ratings.length ? `${s}; ${ratings.join(", ")}.` : `${s}.`;
}
