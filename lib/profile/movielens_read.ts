/**
 * Minimal MovieLens reading for dataset-aligned profiles: users, ratings and the genres of
 * items, from ML-100K (`u.user`, `u.data`, `u.item`, `|`/tab separated) or ML-1M
 * (`users.dat`, `ratings.dat`, `movies.dat`, `::` separated). Files are ISO-8859-1. Any bad
 * line is a DataError naming the file and the line.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import type { Genre } from "./genres.ts";

/** One MovieLens user. */
export interface MlUser {
  id: string;
  /** Age in years (ML-1M: a representative age of the bucket). */
  age: number;
  /** ML-1M's bucket label ("25-34"); absent for ML-100K. */
  ageGroup?: string;
  gender: "male" | "female";
  occupation: string;
  zip: string;
}

/** One rating event. */
export interface MlRating {
  userId: string;
  itemId: string;
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

/** Users, ratings and item genres of one MovieLens release. */
export interface MovieLensData {
  source: "ml-100k" | "ml-1m";
  users: MlUser[];
  ratings: MlRating[];
  /** Canonical genres per item id (Children's → Family, Film-Noir → Crime, unknown dropped). */
  itemGenres: Map<string, Genre[]>;
  /** Titles per item id (decoded as ISO-8859-1). */
  itemTitles: Map<string, string>;
}

/** ML-1M age bucket code → [label, representative age in years]. */
export const ML1M_AGES: Readonly<Record<string, [string, number]>> = {
  "1": ["under 18", 16],
  "18": ["18-24", 21],
  "25": ["25-34", 30],
  "35": ["35-44", 40],
  "45": ["45-49", 47],
  "50": ["50-55", 53],
  "56": ["56+", 60],
};

/** ML-1M occupation codes 0–20. */
export const ML1M_OCCUPATIONS: readonly string[] = [
  "other",
  "academic/educator",
  "artist",
  "clerical/admin",
  "college/grad student",
  "customer service",
  "doctor/health care",
  "executive/managerial",
  "farmer",
  "homemaker",
  "K-12 student",
  "lawyer",
  "programmer",
  "retired",
  "sales/marketing",
  "scientist",
  "self-employed",
  "technician/engineer",
  "tradesman/craftsman",
  "unemployed",
  "writer",
];

/** MovieLens genre names → canonical genres (null: no counterpart). */
const ML_GENRES: Record<string, Genre | null> = {
  "unknown": null,
  "(no genres listed)": null,
  "Action": "Action",
  "Adventure": "Adventure",
  "Animation": "Animation",
  "Children's": "Family",
  "Children": "Family",
  "Comedy": "Comedy",
  "Crime": "Crime",
  "Documentary": "Documentary",
  "Drama": "Drama",
  "Fantasy": "Fantasy",
  "Film-Noir": "Crime",
  "Horror": "Horror",
  "Musical": "Musical",
  "Mystery": "Mystery",
  "Romance": "Romance",
  "Sci-Fi": "Sci-Fi",
  "Thriller": "Thriller",
  "War": "War",
  "Western": "Western",
};

/** ML-100K's genre flag columns of `u.item`, in order. */
const ML100K_GENRE_ORDER = Object.keys(ML_GENRES).filter((g) =>
  g !== "(no genres listed)" && g !== "Children"
);

function lines(text: string): [string, number][] {
  return text.split(/\r?\n/).map((l, i) => [l, i + 1] as [string, number]).filter(([l]) =>
    l.trim() !== ""
  );
}

function fieldsOf(
  line: string,
  lineNo: number,
  file: string,
  sep: string,
  n: number,
  what: string,
) {
  const f = line.split(sep);
  if (f.length < n) {
    throw new DataError(
      file,
      lineNo,
      `expected ${n} "${sep}"-separated fields (${what}), got ${f.length}`,
    );
  }
  return f;
}

function intField(v: string, file: string, line: number, column: string, min: number, max: number) {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
    throw new DataError(
      file,
      line,
      `expected an integer ${min}..${max}, got ${JSON.stringify(v)}`,
      column,
    );
  }
  return n;
}

function genderOf(v: string, file: string, line: number): "male" | "female" {
  if (v === "M") return "male";
  if (v === "F") return "female";
  throw new DataError(file, line, `expected M or F, got ${JSON.stringify(v)}`, "gender");
}

/**
 * Parses ML-100K `u.user` text (id|age|gender|occupation|zip).
 *
 * @param text File text.
 * @param file File name for errors.
 * @returns Users.
 */
export function parseMl100kUsers(text: string, file = "u.user"): MlUser[] {
  return lines(text).map(([l, n]) => {
    const f = fieldsOf(l, n, file, "|", 5, "id|age|gender|occupation|zip");
    intField(f[0], file, n, "id", 1, Number.MAX_SAFE_INTEGER);
    return {
      id: f[0].trim(),
      age: intField(f[1], file, n, "age", 0, 120),
      gender: genderOf(f[2].trim(), file, n),
      occupation: f[3].trim(),
      zip: f[4].trim(),
    };
  });
}

/**
 * Parses ML-1M `users.dat` text (UserID::Gender::Age::Occupation::Zip-code), mapping age
 * bucket codes and occupation codes.
 *
 * @param text File text.
 * @param file File name for errors.
 * @returns Users.
 */
export function parseMl1mUsers(text: string, file = "users.dat"): MlUser[] {
  return lines(text).map(([l, n]) => {
    const f = fieldsOf(l, n, file, "::", 5, "UserID::Gender::Age::Occupation::Zip-code");
    intField(f[0], file, n, "id", 1, Number.MAX_SAFE_INTEGER);
    const age = ML1M_AGES[f[2].trim()];
    if (!age) {
      throw new DataError(
        file,
        n,
        `expected an age code of ${Object.keys(ML1M_AGES).join(",")}, got ${JSON.stringify(f[2])}`,
        "age",
      );
    }
    const occ = intField(f[3], file, n, "occupation", 0, ML1M_OCCUPATIONS.length - 1);
    return {
      id: f[0].trim(),
      age: age[1],
      ageGroup: age[0],
      gender: genderOf(f[1].trim(), file, n),
      occupation: ML1M_OCCUPATIONS[occ],
      zip: f[4].trim(),
    };
  });
}

/**
 * Parses ratings: ML-100K `u.data` (tab) or ML-1M `ratings.dat` (`::`).
 *
 * @param text File text.
 * @param file File name for errors.
 * @param sep "\t" or "::".
 * @returns Ratings in file order.
 */
export function parseMlRatings(text: string, file: string, sep: "\t" | "::"): MlRating[] {
  return lines(text).map(([l, n]) => {
    const f = fieldsOf(l, n, file, sep, 4, "user, item, rating, timestamp");
    intField(f[0], file, n, "user", 1, Number.MAX_SAFE_INTEGER);
    intField(f[1], file, n, "item", 1, Number.MAX_SAFE_INTEGER);
    return {
      userId: f[0].trim(),
      itemId: f[1].trim(),
      rating: intField(f[2], file, n, "rating", 1, 5),
      timestamp: intField(f[3], file, n, "timestamp", 0, Number.MAX_SAFE_INTEGER),
    };
  });
}

function canonical(names: string[], file: string, line: number): Genre[] {
  const out: Genre[] = [];
  for (const name of names) {
    if (!(name in ML_GENRES)) {
      throw new DataError(file, line, `unknown genre ${JSON.stringify(name)}`, "genres");
    }
    const g = ML_GENRES[name];
    if (g && !out.includes(g)) out.push(g);
  }
  return out;
}

/**
 * Parses item genres: ML-100K `u.item` (19 genre flags) or ML-1M `movies.dat` (`A|B` list).
 *
 * @param text File text.
 * @param file File name for errors.
 * @param format "ml-100k" or "ml-1m".
 * @returns Canonical genres per item id.
 */
export function parseMlItemGenres(
  text: string,
  file: string,
  format: "ml-100k" | "ml-1m",
): Map<string, Genre[]> {
  return parseMlItems(text, file, format).genres;
}

/**
 * Parses items: ML-100K `u.item` (19 genre flags) or ML-1M `movies.dat` (`A|B` list).
 *
 * @param text File text.
 * @param file File name for errors.
 * @param format "ml-100k" or "ml-1m".
 * @returns Canonical genres and titles per item id.
 */
export function parseMlItems(
  text: string,
  file: string,
  format: "ml-100k" | "ml-1m",
): { genres: Map<string, Genre[]>; titles: Map<string, string> } {
  const out = new Map<string, Genre[]>();
  const titles = new Map<string, string>();
  for (const [l, n] of lines(text)) {
    if (format === "ml-1m") {
      const f = fieldsOf(l, n, file, "::", 3, "MovieID::Title::Genres");
      intField(f[0], file, n, "item", 1, Number.MAX_SAFE_INTEGER);
      out.set(f[0].trim(), canonical(f[f.length - 1].trim().split("|"), file, n));
      titles.set(f[0].trim(), f.slice(1, f.length - 1).join("::").trim());
    } else {
      const f = fieldsOf(l, n, file, "|", 24, "id|title|date|video date|url|19 genre flags");
      intField(f[0], file, n, "item", 1, Number.MAX_SAFE_INTEGER);
      const flags = f.slice(f.length - 19);
      const names = ML100K_GENRE_ORDER.filter((_, j) => {
        const v = flags[j].trim();
        if (v !== "0" && v !== "1") {
          throw new DataError(
            file,
            n,
            `expected genre flag 0 or 1, got ${JSON.stringify(v)}`,
            ML100K_GENRE_ORDER[j],
          );
        }
        return v === "1";
      });
      out.set(f[0].trim(), canonical(names, file, n));
      titles.set(f[0].trim(), f[1].trim());
    }
  }
  return { genres: out, titles };
}

/**
 * Reads a MovieLens folder (ML-100K when it holds `u.user`, else ML-1M).
 *
 * @param dir Folder path.
 * @returns Users, ratings and item genres.
 * @throws DataError for a bad line (file and line named).
 */
export async function readMovieLens(dir: string): Promise<MovieLensData> {
  const latin1 = new TextDecoder("latin1");
  const has = (name: string) => Deno.stat(`${dir}/${name}`).then((s) => s.isFile, () => false);
  const ml100k = await has("u.user");
  if (!ml100k && !(await has("users.dat"))) {
    throw new DataError(
      dir,
      0,
      "expected a MovieLens folder holding u.user, u.item and u.data (ML-100K) or users.dat, " +
        "movies.dat and ratings.dat (ML-1M), found neither u.user nor users.dat",
    );
  }
  const read = async (name: string) => {
    try {
      return latin1.decode(await Deno.readFile(`${dir}/${name}`));
    } catch (e) {
      const found = e instanceof Deno.errors.NotFound ? "found none" : (e as Error).message;
      throw new DataError(
        `${dir}/${name}`,
        0,
        `expected the ${ml100k ? "ML-100K" : "ML-1M"} file ${name}, ${found}`,
      );
    }
  };
  if (ml100k) {
    const items = parseMlItems(await read("u.item"), "u.item", "ml-100k");
    return {
      source: "ml-100k",
      users: parseMl100kUsers(await read("u.user"), "u.user"),
      ratings: parseMlRatings(await read("u.data"), "u.data", "\t"),
      itemGenres: items.genres,
      itemTitles: items.titles,
    };
  }
  const items = parseMlItems(await read("movies.dat"), "movies.dat", "ml-1m");
  return {
    source: "ml-1m",
    users: parseMl1mUsers(await read("users.dat"), "users.dat"),
    ratings: parseMlRatings(await read("ratings.dat"), "ratings.dat", "::"),
    itemGenres: items.genres,
    itemTitles: items.titles,
  };
}
