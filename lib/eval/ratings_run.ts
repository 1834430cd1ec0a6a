/**
 * The rating protocol of Agent4Rec and SimUSER: each agent, aligned to a real user from the
 * user's history, rates the held-out films that user really rated (the last `heldOut` by
 * time), and the predictions are compared with the real stars (RMSE, MAE). Baselines: the
 * global mean, the user's mean, the item's mean and explicit ALS, all computed from ratings
 * made before the user's held-out time; brains: random stars, the rule brain's feel decision,
 * the fitted choice model's rating model, and the LLM brain.
 *
 * @module
 */
import { predictRating } from "../brain/fitted/features.ts";
import { RuleBrain } from "../brain/rule/rule_brain.ts";
import { mapLimit } from "../core/concurrency.ts";
import { ConfigError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { meanCI } from "../core/stats.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { itemIndex, sweepLog } from "./log_sweep.ts";
import { ExplicitAls } from "./ratings_als.ts";
import { llmRatings } from "./ratings_llm.ts";
import { agentFromHistory } from "./selection_agent.ts";
import {
  eligibleUsers,
  type HistoryEntry,
  sampleUsers,
  type SelectionData,
} from "./selection_data.ts";
import { cutoffOf, RatingTimeline } from "./selection_time.ts";

/** Predictors known to the protocol: baselines first, then brains. */
export const RATING_BASELINES = ["global", "user", "item", "als"] as const;
/** Brains that can rate. */
export const RATING_BRAINS = ["random", "rule", "fitted", "llm"] as const;

/** Row labels. */
export const RATING_LABELS: Readonly<Record<string, string>> = {
  global: "Global mean (baseline)",
  user: "User mean (baseline)",
  item: "Item mean (baseline)",
  als: "ALS, explicit (baseline)",
  random: "Random stars",
  rule: "Rule brain (RecSim-style)",
  fitted: "Fitted choice model",
  llm: "LLM brain",
};

/** Numbers reported by peers on ML-1M (theirs, not ours; shown for comparison only). */
export const PEER_RMSE: readonly { label: string; rmse: number }[] = [
  { label: "Agent4Rec (reported, ML-1M)", rmse: 0.76 },
  { label: "SimUSER (reported, ML-1M)", rmse: 0.50 },
];

/** Options of {@link runRatings}. */
export interface RatingsOptions {
  /** Brains (default random, rule, fitted). Baselines always run. */
  brains?: readonly string[];
  /** Users per seed (default 50) or "all". */
  users?: number | "all";
  /** Seeds (default 3). */
  seeds?: number;
  /** Base seed (default 1). */
  seed?: number | string;
  /** Held-out ratings per user (default 5). */
  heldOut?: number;
  /** Shortest history (default 10). */
  minHistory?: number;
  /** The LLM (for "llm"). */
  llm?: StructuredLlm;
  /** ALS refits (quantiles of held-out times; default 4). */
  alsCheckpoints?: number;
  /** Users rated at once (LLM calls in flight; default 8). */
  concurrency?: number;
}

/** One prediction. */
export interface RatingRow {
  seed: number;
  userId: string;
  itemId: string;
  predictor: string;
  truth: number;
  prediction: number;
  failure: string | null;
}

/** One table row. */
export interface RatingCell {
  predictor: string;
  label: string;
  rmse: number;
  rmseLo: number;
  rmseHi: number;
  mae: number;
  maeLo: number;
  maeHi: number;
  /** Seeds. */
  seeds: number;
  /** Ratings predicted (all seeds). */
  ratings: number;
  failures: number;
}

/** What {@link runRatings} returns. */
export interface RatingsResult {
  rows: RatingRow[];
  cells: RatingCell[];
  settings: {
    source: string;
    users: number | "all";
    usersUsed: number;
    eligible: number;
    seeds: number;
    heldOut: number;
    predictors: string[];
  };
}

interface Prepared {
  history: HistoryEntry[];
  held: { itemId: string; rating: number }[];
  time: number;
  /** Deterministic predictions per predictor id. */
  fixed: Record<string, number[]>;
}

/**
 * Runs the protocol.
 *
 * @param data The data (from readSelectionData).
 * @param options Brains, users, seeds.
 * @returns Rows and table cells.
 */
export async function runRatings(
  data: SelectionData,
  options: RatingsOptions = {},
): Promise<RatingsResult> {
  const brains = [...(options.brains ?? ["random", "rule", "fitted"])];
  for (const b of brains) {
    if (!(RATING_BRAINS as readonly string[]).includes(b)) {
      throw new ConfigError("--brains", b, `expected one of ${RATING_BRAINS.join(", ")}`);
    }
  }
  if (brains.includes("llm") && !options.llm) {
    throw new ConfigError("--brains", "llm", "the LLM brain needs an LLM client");
  }
  const k = options.heldOut ?? 5, nSeeds = options.seeds ?? 3, base = options.seed ?? 1;
  const need = { maxA: k, maxB: 0, minHistory: options.minHistory ?? 10 };
  const all = eligibleUsers(data, need);
  const drawn = Array.from(
    { length: nSeeds },
    (_, s) =>
      options.users === "all" ? all : sampleUsers(
        data,
        options.users ?? 50,
        new Rng(`${base}:${s}`).fork("users"),
        need,
      ),
  );
  if (drawn[0].length === 0) {
    throw new ConfigError("--users", "users", "no user has enough ratings");
  }
  const users = all.filter((u) => drawn.some((d) => d.includes(u)));
  const timeline = new RatingTimeline(data);
  const prepared = new Map<string, Prepared>();
  for (const u of users) {
    const list = data.byUser.get(u)!;
    const time = cutoffOf(data, u, k);
    prepared.set(u, {
      time,
      history: list.slice(0, -k).map((r) => ({
        item: timeline.itemAt(r.itemId, time),
        rating: r.rating,
        timestamp: r.timestamp,
      })),
      held: list.slice(-k).map((r) => ({ itemId: r.itemId, rating: r.rating })),
      fixed: {},
    });
  }
  fixedPredictions(data, prepared, options.alsCheckpoints ?? 4, base);

  const rule = new RuleBrain();
  const rows: RatingRow[] = [];
  for (let s = 0; s < nSeeds; s++) {
    const out = await mapLimit(drawn[s], options.concurrency ?? 8, async (u) => {
      const p = prepared.get(u)!;
      const rng = new Rng(`${base}:${s}`).fork(`ratings:${u}`);
      const items = p.held.map((h) => timeline.itemAt(h.itemId, p.time));
      const preds: Record<string, { values: number[]; failure: string | null }> = {};
      for (const [id, values] of Object.entries(p.fixed)) preds[id] = { values, failure: null };
      if (brains.includes("random")) {
        const r = rng.fork("random");
        preds.random = { values: items.map(() => 1 + r.int(5)), failure: null };
      }
      if (brains.includes("rule")) {
        const agent = await agentFromHistory(data.users.get(u)!, p.history, { memory: false });
        const values = items.map((item, j) => {
          const d = rule.decideNow({
            behaviour: "feel",
            agentId: agent.profile.id,
            profile: agent.profile,
            state: agent.state,
            time: { round: 0, iso: "", label: "" },
            memories: [],
            rng: rng.fork(`rule:${j}`),
            callSite: `ratings:${s}:${u}:${j}`,
            item: { item, friendsWatched: 0, mentions: 0, avgRating: null },
          });
          return d.action.type === "feel" ? d.action.rating : 3;
        });
        preds.rule = { values, failure: null };
      }
      if (brains.includes("llm")) {
        const agent = await agentFromHistory(data.users.get(u)!, p.history, { memory: false });
        const r = await llmRatings(options.llm!, agent.profile, p.history, items, `${s}:${u}`);
        // A failed call falls back to the user's mean, and the failure is counted.
        preds.llm = { values: r.ratings ?? p.fixed.user, failure: r.failure };
      }
      return Object.entries(preds).flatMap(([predictor, v]) =>
        p.held.map((h, j) => ({
          seed: s,
          userId: u,
          itemId: h.itemId,
          predictor,
          truth: h.rating,
          prediction: v.values[j],
          failure: v.failure,
        }))
      );
    });
    rows.push(...out.flat());
  }
  const predictors = [...RATING_BASELINES, ...RATING_BRAINS.filter((b) => brains.includes(b))];
  return {
    rows,
    cells: ratingTable(rows, predictors),
    settings: {
      source: data.source,
      users: options.users ?? 50,
      usersUsed: drawn[0].length,
      eligible: all.length,
      seeds: nSeeds,
      heldOut: k,
      predictors,
    },
  };
}

/** Baselines and the fitted model's ratings, from what the log knew at each user's time. */
function fixedPredictions(
  data: SelectionData,
  prepared: Map<string, Prepared>,
  checkpoints: number,
  seed: number | string,
): void {
  const index = itemIndex(data);
  sweepLog(
    data,
    index,
    [...prepared.values()].map((p) => ({
      time: p.time,
      answer: (view) => {
        const mu = view.globalMean();
        const userMean = p.history.reduce((s, e) => s + e.rating, 0) / p.history.length;
        const hist = p.history.map((e) => ({
          item: index.get(e.item.id) ?? -1,
          genres: e.item.genres,
          rating: e.rating,
        }));
        p.fixed.global = p.held.map(() => mu);
        p.fixed.user = p.held.map(() => userMean);
        p.fixed.item = p.held.map((h) => {
          const i = index.get(h.itemId) ?? -1;
          return i >= 0 && view.count(i) ? view.sum(i) / view.count(i) : mu;
        });
        p.fixed.fitted = p.held.map((h) => predictRating(view, hist, index.get(h.itemId) ?? -1));
      },
    })),
  );
  // ALS is refitted at quantiles of the held-out times; each user uses the latest refit not
  // after its own time and is folded in from its own history.
  const times = [...prepared.values()].map((p) => p.time).sort((a, b) => a - b);
  const cps = [
    ...new Set(
      Array.from(
        { length: checkpoints },
        (_, j) => times[Math.floor(j * (times.length - 1) / Math.max(1, checkpoints - 1))],
      ),
    ),
  ];
  const ratings = [...data.byUser.values()].flat();
  const models = cps.map((t) => ({
    time: t,
    als: new ExplicitAls(
      ratings.filter((r) => r.timestamp < t).map((r) => ({
        user: r.userId,
        item: r.itemId,
        rating: r.rating,
      })),
      { seed },
    ),
  }));
  for (const p of prepared.values()) {
    let m = models[0];
    for (const x of models) if (x.time <= p.time) m = x;
    const hist = p.history.map((e) => ({ user: "", item: e.item.id, rating: e.rating }));
    p.fixed.als = p.held.map((h) => m.als.predict(hist, h.itemId));
  }
}

/**
 * RMSE and MAE per predictor: computed per seed, then mean and 95% interval over seeds.
 *
 * @param rows Predictions.
 * @param order Predictor order of the table.
 * @returns One cell per predictor present.
 *
 * @example
 * ```ts
 * import { ratingTable } from "@lib/eval/ratings_run.ts";
 * import assert from "node:assert/strict";
 * const row = (seed: number, truth: number, prediction: number) => ({ seed, userId: "u", itemId: "i", predictor: "user", truth, prediction, failure: null });
 * const [c] = ratingTable([row(0, 4, 3), row(0, 2, 3), row(1, 4, 4)], ["user"]);
 * assert.equal(c.rmse, 0.5);
 * assert.equal(c.mae, 0.5);
 * ```
 */
export function ratingTable(rows: readonly RatingRow[], order: readonly string[]): RatingCell[] {
  return order.filter((p) => rows.some((r) => r.predictor === p)).map((p) => {
    const mine = rows.filter((r) => r.predictor === p);
    const seeds = [...new Set(mine.map((r) => r.seed))];
    const per = seeds.map((s) => {
      const x = mine.filter((r) => r.seed === s);
      const se = x.reduce((t, r) => t + (r.prediction - r.truth) ** 2, 0) / x.length;
      const ae = x.reduce((t, r) => t + Math.abs(r.prediction - r.truth), 0) / x.length;
      return { rmse: Math.sqrt(se), mae: ae };
    });
    const rmse = meanCI(per.map((x) => x.rmse)), mae = meanCI(per.map((x) => x.mae));
    return {
      predictor: p,
      label: RATING_LABELS[p] ?? p,
      rmse: rmse.mean,
      rmseLo: rmse.lo,
      rmseHi: rmse.hi,
      mae: mae.mean,
      maeLo: mae.lo,
      maeHi: mae.hi,
      seeds: seeds.length,
      ratings: mine.length,
      failures: mine.filter((r) => r.failure !== null).length,
    };
  });
}

/**
 * The table as text, with the peers' reported RMSE below, labelled as theirs.
 *
 * @param cells Cells.
 * @returns Fixed-width text.
 */
export function formatRatingTable(cells: readonly RatingCell[]): string {
  const ci = (m: number, lo: number, hi: number) =>
    lo === hi ? m.toFixed(3) : `${m.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`;
  const rows = [
    ["", "RMSE", "MAE"],
    ...cells.map((c) => [c.label, ci(c.rmse, c.rmseLo, c.rmseHi), ci(c.mae, c.maeLo, c.maeHi)]),
    ...PEER_RMSE.map((p) => [p.label, p.rmse.toFixed(2), ""]),
  ];
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((v, j) => j === 0 ? v.padEnd(w[j]) : v.padStart(w[j])).join("  "))
    .join("\n");
}
