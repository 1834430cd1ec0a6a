/**
 * The features of the fitted choice model for one candidate item and one user's history:
 * the collaborative signal (item-kNN similarity summed over everything the user rated, and
 * over the latest items, each divided by the square root of the number of items summed),
 * popularity before the decision (all ratings so far, and those of the last 30 days: films
 * draw crowds for a while after release), popularity before the decision, and the user's genre taste over the whole
 * history and over the latest items (recency). Each is computed from a {@link LogView} that
 * holds only what the log knew at decision time.
 *
 * @module
 */
import type { LogView } from "./cooccurrence.ts";

/** Feature names, in the order of the weight vector. */
export const FEATURE_NAMES = [
  "collaborative",
  "recent_collaborative",
  "popularity",
  "recent_popularity",
  "genre_taste",
  "recent_genre",
] as const;

/** How many latest history items count as "recent". */
export const RECENT = 10;

/** The window of "recent popularity": ratings in the last 30 days before the decision. */
export const RECENT_SECONDS = 30 * 86_400;

/** One history entry as the features need it. */
export interface HistoryPoint {
  /** Item index in the log view. */
  item: number;
  /** The item's genres. */
  genres: readonly string[];
  /** 1–5 stars. */
  rating: number;
}

/** Genre shares of a list of history points. */
function shares(points: readonly HistoryPoint[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of points) for (const g of p.genres) out.set(g, (out.get(g) ?? 0) + 1);
  for (const [g, n] of out) out.set(g, n / Math.max(1, points.length));
  return out;
}

/** Mean share of a candidate's genres (0 when it has none). */
function taste(genres: readonly string[], s: Map<string, number>): number {
  if (genres.length === 0) return 0;
  return genres.reduce((t, g) => t + (s.get(g) ?? 0), 0) / genres.length;
}

/**
 * Feature rows of candidates for one user at one moment.
 *
 * @param view What the log knew at decision time.
 * @param history The user's rated items before the decision, oldest first.
 * @param candidates Candidate item indices and genres.
 * @param now The decision's time (Unix seconds; default: the latest rating the view knows).
 * @returns One row per candidate, in {@link FEATURE_NAMES} order.
 *
 * @example A candidate co-rated with the history scores higher on the collaborative signal
 * ```ts
 * import { Cooccurrence } from "@lib/brain/fitted/cooccurrence.ts";
 * import { choiceFeatures } from "@lib/brain/fitted/features.ts";
 * import assert from "node:assert/strict";
 * const log = new Cooccurrence(3);
 * log.add("v", 0, 4); log.add("v", 1, 4); log.add("w", 2, 4);
 * const [near, far] = choiceFeatures(log, [{ item: 0, genres: ["Drama"], rating: 5 }],
 *   [{ item: 1, genres: ["Drama"] }, { item: 2, genres: ["Comedy"] }]);
 * assert.ok(near[0] > far[0]);
 * assert.equal(near[4], 1);
 * assert.equal(far[4], 0);
 * ```
 */
export function choiceFeatures(
  view: LogView,
  history: readonly HistoryPoint[],
  candidates: readonly { item: number; genres: readonly string[] }[],
  now: number = view.latest(),
): number[][] {
  const recent = history.slice(-RECENT);
  const all = shares(history), late = shares(recent);
  return candidates.map((c) => {
    let sim = 0, simRecent = 0;
    for (let k = 0; k < history.length; k++) {
      const s = c.item >= 0 ? view.cos(c.item, history[k].item) : 0;
      sim += s;
      if (k >= history.length - recent.length) simRecent += s;
    }
    // Sums grow with the history's length; dividing by its square root keeps one weight
    // meaningful for short and long histories alike.
    return [
      Math.log1p(sim / Math.sqrt(Math.max(1, history.length))),
      Math.log1p(simRecent / Math.sqrt(Math.max(1, recent.length))),
      Math.log1p(c.item >= 0 ? view.count(c.item) : 0),
      Math.log1p(c.item >= 0 ? view.countSince(c.item, now - RECENT_SECONDS) : 0),
      taste(c.genres, all),
      taste(c.genres, late),
    ];
  });
}

/**
 * A 1–5 rating predicted for a user: the user's mean (shrunk towards the log's mean), the
 * item's offset from the log's mean (shrunk towards 0), and the user's deviations on similar
 * items weighted by similarity; clipped to 1–5.
 *
 * @param view What the log knew at decision time.
 * @param history The user's rated items before the decision.
 * @param item The item index (−1 when the log does not know it).
 * @returns The predicted rating (not rounded).
 *
 * @example A user who rates high gets a higher prediction
 * ```ts
 * import { Cooccurrence } from "@lib/brain/fitted/cooccurrence.ts";
 * import { predictRating } from "@lib/brain/fitted/features.ts";
 * import assert from "node:assert/strict";
 * const log = new Cooccurrence(2);
 * log.add("v", 0, 3); log.add("v", 1, 3);
 * const high = predictRating(log, [{ item: 0, genres: [], rating: 5 }], 1);
 * const low = predictRating(log, [{ item: 0, genres: [], rating: 1 }], 1);
 * assert.ok(high > low);
 * ```
 */
export function predictRating(
  view: LogView,
  history: readonly HistoryPoint[],
  item: number,
): number {
  const mu = view.globalMean();
  const offset = (i: number) => {
    const n = i >= 0 ? view.count(i) : 0;
    return n ? (view.sum(i) - n * mu) / (n + 10) : 0;
  };
  const own = history.reduce((s, h) => s + h.rating, 0);
  const userMean = (own + 5 * mu) / (history.length + 5);
  let num = 0, den = 0;
  for (const h of history) {
    const s = item >= 0 ? view.cos(item, h.item) : 0;
    if (s <= 0) continue;
    num += s * (h.rating - userMean - offset(h.item));
    den += s;
  }
  const r = userMean + offset(item) + (den > 0 ? num / (den + 1) : 0);
  return Math.min(5, Math.max(1, r));
}
