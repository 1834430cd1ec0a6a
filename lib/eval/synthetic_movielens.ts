/**
 * A synthetic MovieLens log in the exact real file formats, with planted structure like real
 * data, so the evaluation protocols can be built and tested without redistributing MovieLens.
 *
 * What is planted, and why each is there:
 * - long-tailed activity (log-normal ratings per user, at least 20 as in MovieLens) and
 *   long-tailed popularity (Zipf-like item appeal), so popularity is a strong baseline;
 * - genre-clustered tastes: users belong to taste clusters over genres, and items carry
 *   latent factors near their genres', so item-kNN and factor models find real signal;
 * - sessions: a user rates in bursts that lean towards one favourite genre, so recency matters;
 * - items are released over time and gain raters afterwards, so popularity before a decision
 *   differs from popularity at the end of the log;
 * - ratings on a 1–5 scale skewed to 3–4: a global mean, a per-user bias, a per-item offset and
 *   the user's affinity, rounded and clipped;
 * - shared timestamps: many users' last ratings carry one timestamp (a batch of ratings
 *   submitted together), as in the real logs.
 *
 * Titles use Latin-1 letters and files are written in ISO-8859-1.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import { ML100K_GENRES } from "../recsys/genres.ts";

/** Options of {@link syntheticMovieLens}. */
export interface SyntheticOptions {
  /** Users (default 943, ML-100K's count). */
  users?: number;
  /** Items (default 1682). */
  items?: number;
  /** Median ratings per user (default 60; the minimum is 20). */
  medianRatings?: number;
  /** Taste clusters (default 8). */
  clusters?: number;
  /** Share of users whose last ratings share one timestamp (default 0.45). */
  tiedShare?: number;
  /** Seed (default 1). */
  seed?: number | string;
}

/** One synthetic user. */
export interface SyntheticUser {
  id: number;
  age: number;
  gender: "M" | "F";
  /** Index into the ML-100K occupation list. */
  occupation: number;
  zip: string;
}

/** One synthetic film. */
export interface SyntheticItem {
  id: number;
  /** "Title (1995)" or "Title, The (1995)", as MovieLens writes them. */
  title: string;
  year: number;
  /** Genre names from ML-100K's list (never "unknown"). */
  genres: string[];
}

/** One rating. */
export interface SyntheticRating {
  user: number;
  item: number;
  rating: number;
  timestamp: number;
}

/** A generated log. */
export interface SyntheticLog {
  users: SyntheticUser[];
  items: SyntheticItem[];
  /** Ratings in timestamp order. */
  ratings: SyntheticRating[];
}

/** ML-100K's occupations (u.occupation). */
export const ML100K_OCCUPATIONS: readonly string[] = [
  "administrator",
  "artist",
  "doctor",
  "educator",
  "engineer",
  "entertainment",
  "executive",
  "healthcare",
  "homemaker",
  "lawyer",
  "librarian",
  "marketing",
  "none",
  "other",
  "programmer",
  "retired",
  "salesman",
  "scientist",
  "student",
  "technician",
  "writer",
];

const GENRES = ML100K_GENRES.slice(1);
// How often each genre appears on a film (Drama and Comedy dominate real catalogues).
const GENRE_FREQ = [
  8,
  5,
  1.5,
  2,
  18,
  4,
  0.8,
  25,
  1,
  0.7,
  3,
  1.6,
  2,
  8,
  3.5,
  7,
  2.5,
  0.8,
];
const WORDS = [
  "Night",
  "River",
  "Café",
  "Señor",
  "Über",
  "Garçon",
  "Summer",
  "Shadow",
  "Rêve",
  "Island",
  "Frère",
  "Storm",
  "Mädchen",
  "Letter",
  "Fiancée",
  "Road",
  "Angel",
  "Crown",
  "Hôtel",
  "Glass",
];
const DIM = 6;
// Strength of personal taste against appeal, in units of the user's own spread of affinity.
const TASTE = 1.6;
const DAY = 86_400;

function titleOf(rng: Rng, id: number): string {
  const a = rng.pick(WORDS), b = rng.pick(WORDS);
  const base = rng.bool(0.5) ? `${a} ${b}` : `${a} of the ${b}`;
  // MovieLens moves a leading article to the end: "Usual Suspects, The".
  return rng.bool(0.15) ? `${base} ${id}, The` : `${base} ${id}`;
}

/**
 * Generates a synthetic log (deterministic for a seed).
 *
 * @param options Sizes, clusters, tie share and seed.
 * @returns Users, items and time-ordered ratings.
 *
 * @example Long-tailed, 1–5, at least 20 ratings per user
 * ```ts
 * import { syntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";
 * import assert from "node:assert/strict";
 * const log = syntheticMovieLens({ users: 30, items: 80, medianRatings: 25, seed: 3 });
 * const per = new Map<number, number>();
 * for (const r of log.ratings) per.set(r.user, (per.get(r.user) ?? 0) + 1);
 * assert.equal(per.size, 30);
 * assert.ok([...per.values()].every((n) => n >= 20));
 * assert.ok(log.ratings.every((r) => r.rating >= 1 && r.rating <= 5));
 * ```
 */
export function syntheticMovieLens(options: SyntheticOptions = {}): SyntheticLog {
  const nUsers = options.users ?? 943, nItems = options.items ?? 1682;
  const median = options.medianRatings ?? 60, nClusters = options.clusters ?? 8;
  const tied = options.tiedShare ?? 0.45;
  const rng = new Rng(`synthetic-movielens:${options.seed ?? 1}`);
  const start = 874_724_710, span = 215 * DAY;

  const gr = rng.fork("genres");
  const genreVec = GENRES.map(() => Array.from({ length: DIM }, () => gr.normal(0, 1)));
  const ir = rng.fork("items");
  const items: SyntheticItem[] = [];
  const appeal: number[] = [], offset: number[] = [], release: number[] = [];
  const itemVec: number[][] = [], itemGenres: number[][] = [];
  for (let i = 0; i < nItems; i++) {
    const k = ir.bool(0.55) ? 1 : ir.bool(0.7) ? 2 : 3;
    const gs = new Set<number>();
    while (gs.size < k) gs.add(ir.categorical(GENRE_FREQ));
    const g = [...gs].sort((x, y) => x - y);
    itemGenres.push(g);
    itemVec.push(
      Array.from(
        { length: DIM },
        (_, d) => g.reduce((s, j) => s + genreVec[j][d], 0) / g.length + ir.normal(0, 0.5),
      ),
    );
    // Zipf-like appeal: rank r gets about r^-0.9 of the first's.
    appeal.push(Math.pow(1 + ir.int(nItems), -0.9) * Math.exp(ir.normal(0, 0.3)));
    offset.push(ir.normal(0, 0.45));
    // Two thirds of the catalogue exists from the start; the rest is released during the log.
    release.push(ir.bool(0.65) ? start : start + Math.floor(ir.uniform(0, 0.8) * span));
    const year = release[i] === start ? 1930 + ir.int(67) : 1997;
    items.push({
      id: i + 1,
      title: `${titleOf(ir, i + 1)} (${year})`,
      year,
      genres: g.map((j) => GENRES[j]),
    });
  }

  const hasGenre = new Uint8Array(nItems * GENRES.length);
  itemGenres.forEach((g, i) => g.forEach((j) => hasGenre[i * GENRES.length + j] = 1));
  const cr = rng.fork("clusters");
  const clusterGenres = Array.from({ length: nClusters }, () => {
    const a = cr.categorical(GENRE_FREQ);
    let b = cr.categorical(GENRE_FREQ);
    while (b === a) b = cr.categorical(GENRE_FREQ);
    return [a, b];
  });

  const users: SyntheticUser[] = [];
  const ratings: SyntheticRating[] = [];
  const ur = rng.fork("users");
  for (let u = 0; u < nUsers; u++) {
    const r = ur.fork(u);
    const age = 15 + Math.floor(Math.abs(r.normal(18, 12)));
    users.push({
      id: u + 1,
      age: Math.min(age, 73),
      gender: r.bool(0.71) ? "M" : "F",
      occupation: r.int(ML100K_OCCUPATIONS.length),
      zip: String(10000 + r.int(89999)),
    });
    const favs = clusterGenres[r.int(nClusters)].slice();
    if (r.bool(0.4)) favs.push(r.categorical(GENRE_FREQ));
    const taste = Array.from(
      { length: DIM },
      (_, d) => favs.reduce((s, j) => s + genreVec[j][d], 0) / favs.length + r.normal(0, 0.4),
    );
    const bias = r.normal(0, 0.4);
    const cap = Math.floor(nItems / 2);
    const n = Math.min(cap, Math.max(20, Math.round(median * Math.exp(r.normal(0, 0.8)))));
    const first = start + Math.floor(r.uniform(0, 0.75) * span);
    const last = Math.min(start + span, first + Math.floor(r.exponential(1 / (40 * DAY))) + DAY);
    const affinity = itemVec.map((v) => v.reduce((s, x, d) => s + x * taste[d], 0) / DIM);
    // Taste is measured in the user's own spread, so every user has a clear personal ranking.
    const am = affinity.reduce((x, y) => x + y, 0) / nItems;
    const asd = Math.sqrt(affinity.reduce((x, y) => x + (y - am) ** 2, 0) / nItems) || 1;
    const base = affinity.map((a, i) => appeal[i] * Math.exp(TASTE * (a - am) / asd));
    const rated = new Uint8Array(nItems);
    let nRated = 0;
    const times = Array.from({ length: n }, (_, k) => first + Math.floor((last - first) * k / n));
    let focus = favs[0];
    for (let k = 0; k < n; k++) {
      if (k % 8 === 0) focus = r.pick(favs);
      const t = times[k];
      const w = new Float64Array(nItems);
      for (let i = 0; i < nItems; i++) {
        if (rated[i] || release[i] > t) continue;
        // Newly released films draw attention for a while after release.
        const fresh = release[i] > start && t - release[i] < 20 * DAY ? 3 : 1;
        const inFocus = hasGenre[i * GENRES.length + focus] ? 2.5 : 1;
        w[i] = base[i] * fresh * inFocus;
      }
      if (!w.some((x) => x > 0)) break;
      const i = r.categorical(w);
      rated[i] = 1;
      nRated++;
      const mean = 3.4 + bias + offset[i] + 0.4 * (affinity[i] - am) / asd + r.normal(0, 0.8);
      ratings.push({
        user: u + 1,
        item: i + 1,
        rating: Math.min(5, Math.max(1, Math.round(mean))),
        timestamp: t + r.int(60),
      });
    }
    // A batch of ratings submitted together at the end shares one timestamp.
    if (r.bool(tied)) {
      const own = ratings.slice(ratings.length - nRated);
      const k = 2 + r.int(4);
      const stamp = own[own.length - 1].timestamp;
      for (const x of own.slice(-k)) x.timestamp = stamp;
    }
  }
  ratings.sort((x, y) => x.timestamp - y.timestamp || x.user - y.user);
  return { users, items, ratings };
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 256 ? c : 63;
  }
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// ML-1M's age codes and the ages they stand for.
const ML1M_AGE_CODES: [number, number][] = [[1, 17], [18, 24], [25, 34], [35, 44], [45, 49], [
  50,
  55,
], [56, 200]];
// ML-100K occupation → an ML-1M occupation code.
const ML1M_OCC = [3, 2, 6, 1, 17, 2, 7, 6, 9, 11, 1, 14, 19, 0, 12, 13, 14, 15, 4, 17, 20];

/**
 * The file contents of a log in one MovieLens layout, as ISO-8859-1 bytes.
 *
 * @param log The log.
 * @param format "ml-100k" (u.data, u.item, u.user, u.genre, u.occupation) or "ml-1m"
 *   (ratings.dat, movies.dat, users.dat).
 * @returns File name → bytes.
 *
 * @example ML-1M lines use "::"
 * ```ts
 * import { movieLensFiles, syntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";
 * import assert from "node:assert/strict";
 * const files = movieLensFiles(syntheticMovieLens({ users: 21, items: 40, medianRatings: 20 }), "ml-1m");
 * const line = new TextDecoder("latin1").decode(files["ratings.dat"]).split("\n")[0];
 * assert.equal(line.split("::").length, 4);
 * ```
 */
export function movieLensFiles(
  log: SyntheticLog,
  format: "ml-100k" | "ml-1m",
): Record<string, Uint8Array> {
  const lines = (xs: string[]) => latin1(xs.map((x) => `${x}\n`).join(""));
  if (format === "ml-100k") {
    const byTime = log.ratings.slice().sort((x, y) => x.user - y.user || x.timestamp - y.timestamp);
    return {
      // The real u.data is not sorted by time; it is written in an unrelated order.
      "u.data": lines(byTime.map((r) => `${r.user}\t${r.item}\t${r.rating}\t${r.timestamp}`)),
      "u.item": lines(log.items.map((it) => {
        const flags = ML100K_GENRES.map((g) => (it.genres.includes(g) ? "1" : "0")).join("|");
        const date = `01-${MONTHS[it.id % 12]}-${it.year}`;
        const url = `http://us.imdb.com/M/title-exact?${encodeURIComponent(it.title)}`;
        return `${it.id}|${it.title}|${date}||${url}|${flags}`;
      })),
      "u.user": lines(
        log.users.map((u) =>
          `${u.id}|${u.age}|${u.gender}|${ML100K_OCCUPATIONS[u.occupation]}|${u.zip}`
        ),
      ),
      "u.genre": lines(ML100K_GENRES.map((g, i) => `${g}|${i}`)),
      "u.occupation": lines([...ML100K_OCCUPATIONS]),
    };
  }
  return {
    "ratings.dat": lines(
      log.ratings.slice().sort((x, y) => x.user - y.user || x.timestamp - y.timestamp)
        .map((r) => `${r.user}::${r.item}::${r.rating}::${r.timestamp}`),
    ),
    "movies.dat": lines(log.items.map((it) => `${it.id}::${it.title}::${it.genres.join("|")}`)),
    "users.dat": lines(log.users.map((u) => {
      const code = ML1M_AGE_CODES.find(([, hi]) => u.age <= hi)![0];
      return `${u.id}::${u.gender}::${code}::${ML1M_OCC[u.occupation]}::${u.zip}`;
    })),
  };
}

/**
 * Generates a log and writes it to a folder in one MovieLens layout.
 *
 * @param dir The folder (created if needed).
 * @param format "ml-100k" or "ml-1m".
 * @param options Generator options.
 * @returns The log written.
 */
export async function writeSyntheticMovieLens(
  dir: string,
  format: "ml-100k" | "ml-1m",
  options: SyntheticOptions = {},
): Promise<SyntheticLog> {
  const log = syntheticMovieLens(options);
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(movieLensFiles(log, format))) {
    await Deno.writeFile(`${dir}/${name}`, bytes);
  }
  return log;
}
