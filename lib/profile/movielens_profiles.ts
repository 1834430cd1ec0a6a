/**
 * Dataset-aligned profiles (the "dataset alignment" method), with traits derived from rating
 * statistics as Agent4Rec does: activity (number of ratings), conformity (mean absolute
 * deviation of a user's ratings from the items' mean ratings: smaller = more conformist) and
 * diversity (how many genres cover most of a user's consumption). Each is bucketed into
 * low/medium/high by tertiles over the users profiled and phrased as a sentence.
 *
 * @module
 */
import { quantile } from "../core/stats.ts";
import { type Genre, genreInterest, GENRES } from "./genres.ts";
import type { MlRating, MovieLensData } from "./movielens_read.ts";
import type { Feature, Profile } from "./schema.ts";

/** A bucket of a rating statistic. */
export type Level = "low" | "medium" | "high";

/** Options of {@link alignedProfiles}. */
export interface AlignedOptions {
  /** Only these users (default all with at least one rating). */
  userIds?: readonly string[];
  /** Keep only these ratings (e.g. the early part of each history). */
  ratingFilter?: (r: MlRating) => boolean;
  /** A rating at or above this counts as liked (default 4). */
  highRating?: number;
  /** Interests kept per user (default 3). */
  interestCount?: number;
  /** Share of consumption the diversity genres must cover (default 0.8). */
  diversityCoverage?: number;
  /** Id prefix (default "ml"). */
  idPrefix?: string;
}

/** The statistics behind one aligned profile. */
export interface UserRatingStats {
  userId: string;
  /** Number of ratings. */
  activity: number;
  /** Mean |rating − item mean rating|. */
  deviation: number;
  /** Genres covering `diversityCoverage` of consumption. */
  diversity: number;
  activityLevel: Level;
  conformityLevel: Level;
  diversityLevel: Level;
  /** Genres of liked items, most frequent first. */
  likedGenres: Genre[];
}

/** Sentences describing each level, in Agent4Rec's manner. */
export const TRAIT_SENTENCES = {
  activity: {
    low: "An occasional viewer who watches and rates movies only now and then.",
    medium: "A regular viewer who watches and rates movies fairly often.",
    high: "An avid viewer who watches and rates a great many movies.",
  },
  conformity: {
    low: "Ratings often go against the general opinion.",
    medium: "Ratings sometimes depart from the general opinion.",
    high: "Ratings usually agree with the general opinion.",
  },
  diversity: {
    low: "Sticks to a few favourite genres.",
    medium: "Enjoys a moderate range of genres.",
    high: "Enjoys a wide range of genres.",
  },
} as const;

const TRAIT_WORDS = {
  activity: { low: "occasional viewer", medium: "regular viewer", high: "avid viewer" },
  conformity: { low: "independent-minded", medium: "open to others' views", high: "conformist" },
  diversity: { low: "focused taste", medium: "varied taste", high: "eclectic taste" },
} as const;

/**
 * Buckets values by tertiles: ≤ first tertile → low, ≤ second → medium, above → high.
 *
 * @param values The values.
 * @returns One level per value.
 *
 * @example Three values, three levels
 * ```ts
 * import { tertileLevels } from "@lib/profile/movielens_profiles.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(tertileLevels([5, 2, 3]), ["high", "low", "medium"]);
 * ```
 */
export function tertileLevels(values: readonly number[]): Level[] {
  const sorted = values.slice().sort((a, b) => a - b);
  const c1 = quantile(sorted, 1 / 3), c2 = quantile(sorted, 2 / 3);
  return values.map((v) => (v <= c1 ? "low" : v <= c2 ? "medium" : "high"));
}

const rankGenres = (counts: Map<Genre, number>) =>
  GENRES.filter((g) => (counts.get(g) ?? 0) > 0).sort((a, b) =>
    counts.get(b)! - counts.get(a)! || GENRES.indexOf(a) - GENRES.indexOf(b)
  );

/**
 * Builds dataset-aligned profiles from MovieLens users and ratings.
 *
 * @param data Users, ratings and item genres (see readMovieLens).
 * @param options Which users and ratings, thresholds, id prefix.
 * @returns Profiles and the statistics behind them, in user order.
 */
export function alignedProfiles(
  data: MovieLensData,
  options: AlignedOptions = {},
): { profiles: Profile[]; stats: UserRatingStats[] } {
  const high = options.highRating ?? 4;
  const coverage = options.diversityCoverage ?? 0.8;
  const keepIds = options.userIds ? new Set(options.userIds) : null;
  const ratings = options.ratingFilter ? data.ratings.filter(options.ratingFilter) : data.ratings;
  const itemSum = new Map<string, [number, number]>();
  const byUser = new Map<string, MlRating[]>();
  for (const r of ratings) {
    const s = itemSum.get(r.itemId) ?? [0, 0];
    s[0] += r.rating;
    s[1]++;
    itemSum.set(r.itemId, s);
    if (keepIds && !keepIds.has(r.userId)) continue;
    const list = byUser.get(r.userId) ?? [];
    list.push(r);
    byUser.set(r.userId, list);
  }
  const users = data.users.filter((u) => byUser.has(u.id));
  const raw = users.map((u) => {
    const rs = byUser.get(u.id)!;
    let dev = 0;
    const consumed = new Map<Genre, number>(), liked = new Map<Genre, number>();
    for (const r of rs) {
      const [sum, n] = itemSum.get(r.itemId)!;
      dev += Math.abs(r.rating - sum / n);
      for (const g of data.itemGenres.get(r.itemId) ?? []) {
        consumed.set(g, (consumed.get(g) ?? 0) + 1);
        if (r.rating >= high) liked.set(g, (liked.get(g) ?? 0) + 1);
      }
    }
    const ranked = rankGenres(consumed);
    const total = ranked.reduce((a, g) => a + consumed.get(g)!, 0);
    let covered = 0, diversity = 0;
    for (const g of ranked) {
      if (covered >= coverage * total) break;
      covered += consumed.get(g)!;
      diversity++;
    }
    const likedGenres = liked.size > 0 ? rankGenres(liked) : ranked;
    return { user: u, activity: rs.length, deviation: dev / rs.length, diversity, likedGenres };
  });
  const act = tertileLevels(raw.map((r) => r.activity));
  // Low deviation means high conformity, so bucket the negated deviation.
  const conf = tertileLevels(raw.map((r) => -r.deviation));
  const div = tertileLevels(raw.map((r) => r.diversity));
  const prefix = options.idPrefix ?? "ml";
  const stats: UserRatingStats[] = [];
  const profiles = raw.map((r, i): Profile => {
    const levels = { activity: act[i], conformity: conf[i], diversity: div[i] };
    stats.push({
      userId: r.user.id,
      activity: r.activity,
      deviation: r.deviation,
      diversity: r.diversity,
      activityLevel: levels.activity,
      conformityLevel: levels.conformity,
      diversityLevel: levels.diversity,
      likedGenres: r.likedGenres,
    });
    const features: Feature[] = ["Watcher"];
    if (levels.diversity === "high") features.push("Explorer");
    if (levels.conformity === "low") features.push("Critic");
    const extras: Record<string, string> = {
      source: data.source,
      dataset_user_id: r.user.id,
      occupation: r.user.occupation,
      zip: r.user.zip,
      ratings: String(r.activity),
      rating_deviation: r.deviation.toFixed(3),
      genre_diversity: String(r.diversity),
      activity_level: levels.activity,
      conformity_level: levels.conformity,
      diversity_level: levels.diversity,
      activity_sentence: TRAIT_SENTENCES.activity[levels.activity],
      conformity_sentence: TRAIT_SENTENCES.conformity[levels.conformity],
      diversity_sentence: TRAIT_SENTENCES.diversity[levels.diversity],
    };
    if (r.user.ageGroup) extras.age_group = r.user.ageGroup;
    return {
      id: `${prefix}${r.user.id}`,
      name: `MovieLens user ${r.user.id}`,
      gender: r.user.gender,
      age: r.user.age,
      traits: [
        TRAIT_WORDS.activity[levels.activity],
        TRAIT_WORDS.conformity[levels.conformity],
        TRAIT_WORDS.diversity[levels.diversity],
      ],
      career: r.user.occupation,
      interests: r.likedGenres.slice(0, options.interestCount ?? 3).map(genreInterest),
      features,
      activity: r.activity,
      // The largest possible deviation on a 1–5 scale is 4.
      conformity: Math.min(1, Math.max(0, 1 - r.deviation / 4)),
      extras,
    };
  });
  return { profiles, stats };
}
