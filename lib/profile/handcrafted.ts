/**
 * Handcrafted profiles: RecAgent's profile table as CSV. Columns
 * `id,name,gender,age,traits,career,interests,features[,activity,conformity]`; traits and
 * interests are comma-separated inside one quoted field, features `;`-separated (spaces
 * tolerated, as in "Critic; Chatter"). Any other column is kept in `extras`.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { formatCsv, parseCsv } from "../core/csv.ts";
import { readTextData } from "../core/text_file.ts";
import { Population } from "./population.ts";
import { type Feature, FEATURES, type Profile } from "./schema.ts";

/** Required columns, in the order the writer emits them. */
export const PROFILE_COLUMNS = [
  "id",
  "name",
  "gender",
  "age",
  "traits",
  "career",
  "interests",
  "features",
] as const;

/**
 * @returns The absolute path of the project's handcrafted profiles (data/profiles.csv),
 *   whatever the working directory.
 */
export function defaultProfilesPath(): string {
  return new URL("../../data/profiles.csv", import.meta.url).pathname;
}

/** Header spellings of the original table accepted as the canonical column. */
const ALIASES: Record<string, string> = { interest: "interests", feature: "features" };

const splitList = (v: string, sep: string) =>
  v.split(sep).map((s) => s.trim()).filter((s) => s.length > 0);

/**
 * Parses profile CSV text.
 *
 * @param text CSV text with a header row.
 * @param file File name for errors.
 * @returns Validated profiles in file order.
 * @throws DataError naming the file, the line and the column of the first bad value.
 *
 * @example The seed's table format
 * ```ts
 * import { parseProfilesCsv } from "@lib/profile/handcrafted.ts";
 * import assert from "node:assert/strict";
 * const csv = 'id,name,gender,age,traits,career,interests,features\n' +
 *   '0,David Smith,male,25,"compassionate, caring",photographer,"sci-fi movies, comedy movies",Watcher;Critic; Poster\n';
 * const [p] = parseProfilesCsv(csv, "people.csv");
 * assert.deepEqual(p.features, ["Watcher", "Critic", "Poster"]);
 * assert.deepEqual(p.interests, ["sci-fi movies", "comedy movies"]);
 * assert.throws(() => parseProfilesCsv(csv.replace(",25,", ",old,"), "people.csv"), /people\.csv:2 \(age\): column 4/);
 * ```
 */
export function parseProfilesCsv(text: string, file: string): Profile[] {
  const records = parseCsv(text, file);
  if (records.length === 0) throw new DataError(file, 0, "empty file; expected a header row");
  const header = records[0].fields.map((h) => {
    const k = h.trim().toLowerCase();
    return ALIASES[k] ?? k;
  });
  for (const col of PROFILE_COLUMNS) {
    if (!header.includes(col)) {
      throw new DataError(file, records[0].line, `missing column "${col}" in header`, col);
    }
  }
  const seen = new Map<string, number>();
  const out: Profile[] = [];
  for (const rec of records.slice(1)) {
    if (rec.fields.length !== header.length) {
      throw new DataError(
        file,
        rec.line,
        `expected ${header.length} fields as in the header, got ${rec.fields.length}`,
      );
    }
    const cell = (col: string) => rec.fields[header.indexOf(col)].trim();
    const bad = (col: string, what: string): never => {
      throw new DataError(
        file,
        rec.line,
        `column ${header.indexOf(col) + 1}: expected ${what}, got ${JSON.stringify(cell(col))}`,
        col,
      );
    };
    const id = cell("id");
    if (!id) bad("id", "a non-empty id");
    if (seen.has(id)) bad("id", `a unique id (first used on line ${seen.get(id)})`);
    seen.set(id, rec.line);
    const name = cell("name") || bad("name", "a non-empty name");
    const gender = cell("gender") || bad("gender", "a non-empty gender");
    const age = Number(cell("age"));
    if (!/^\d+$/.test(cell("age")) || age > 120) bad("age", "an integer age 0..120");
    const features: Feature[] = splitList(cell("features"), ";").map((f) => {
      const hit = FEATURES.find((k) => k.toLowerCase() === f.toLowerCase());
      return hit ?? bad("features", `features from ${FEATURES.join(";")} separated by ";"`);
    });
    const profile: Profile = {
      id,
      name,
      gender,
      age,
      traits: splitList(cell("traits"), ","),
      career: cell("career"),
      interests: splitList(cell("interests"), ","),
      features,
      extras: {},
    };
    if (header.includes("activity") && cell("activity") !== "") {
      const a = Number(cell("activity"));
      if (!(a > 0) || !Number.isFinite(a)) bad("activity", "a number > 0 or empty");
      profile.activity = a;
    }
    if (header.includes("conformity") && cell("conformity") !== "") {
      const c = Number(cell("conformity"));
      if (!(c >= 0 && c <= 1)) bad("conformity", "a number in 0..1 or empty");
      profile.conformity = c;
    }
    header.forEach((col, j) => {
      const known = (PROFILE_COLUMNS as readonly string[]).includes(col) ||
        col === "activity" || col === "conformity";
      const v = rec.fields[j].trim();
      if (!known && v !== "") profile.extras[records[0].fields[j].trim()] = v;
    });
    out.push(profile);
  }
  return out;
}

/**
 * Formats profiles as CSV in the same table format (extras become extra columns).
 *
 * @param profiles The profiles.
 * @returns CSV text that {@link parseProfilesCsv} reads back to equal profiles.
 *
 * @example Round trip
 * ```ts
 * import { parseProfilesCsv, profilesToCsv } from "@lib/profile/handcrafted.ts";
 * import assert from "node:assert/strict";
 * const p = { id: "7", name: "Ann \"Jo\" Lee", gender: "female", age: 41, traits: ["calm", "curious"], career: "nurse",
 *   interests: ["documentaries"], features: ["Chatter" as const], conformity: 0.3, extras: { city: "Lyon" } };
 * assert.deepEqual(parseProfilesCsv(profilesToCsv([p]), "x.csv"), [p]);
 * ```
 */
export function profilesToCsv(profiles: readonly Profile[]): string {
  const hasActivity = profiles.some((p) => p.activity !== undefined);
  const hasConformity = profiles.some((p) => p.conformity !== undefined);
  const extraKeys = [...new Set(profiles.flatMap((p) => Object.keys(p.extras)))].sort();
  const header: string[] = [
    ...PROFILE_COLUMNS,
    ...(hasActivity ? ["activity"] : []),
    ...(hasConformity ? ["conformity"] : []),
    ...extraKeys,
  ];
  const rows = profiles.map((p) => [
    p.id,
    p.name,
    p.gender,
    String(p.age),
    p.traits.join(", "),
    p.career,
    p.interests.join(", "),
    p.features.join(";"),
    ...(hasActivity ? [p.activity === undefined ? "" : String(p.activity)] : []),
    ...(hasConformity ? [p.conformity === undefined ? "" : String(p.conformity)] : []),
    ...extraKeys.map((k) => p.extras[k] ?? ""),
  ]);
  return formatCsv([header, ...rows]);
}

/**
 * Reads a profile CSV file into a population.
 *
 * @param path File path.
 * @returns The population (ids unique).
 * @throws DataError with file, line and column of a bad value.
 */
export async function readProfilesCsv(path: string | URL): Promise<Population> {
  const file = String(path instanceof URL ? path.pathname : path);
  const name = file.split("/").pop() ?? file;
  return new Population(parseProfilesCsv(await readTextData(path), name), name);
}

/**
 * Writes profiles as CSV.
 *
 * @param path File path.
 * @param profiles The profiles.
 */
export async function writeProfilesCsv(
  path: string | URL,
  profiles: readonly Profile[],
): Promise<void> {
  await Deno.writeTextFile(path, profilesToCsv(profiles));
}
