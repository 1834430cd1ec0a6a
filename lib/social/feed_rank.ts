/**
 * Feed ranking: which of the messages from followed and befriended accounts an agent sees in a
 * step. Four pluggable rankers: chronological; S3's time decay × relevance × authenticity;
 * Reddit's hot score; and OASIS-style interest similarity. Top-K are shown. They belong to the
 * social network, not to any one simulator: any agent's social feed can use them.
 *
 * @module
 */

/** Feed rankers an agent's timeline can use. */
export const RANKERS = ["chronological", "s3", "hot", "interest"] as const;

/** One of {@link RANKERS}. */
export type RankerName = (typeof RANKERS)[number];

/** What a ranker looks at in a message. */
export interface RankInput {
  /** Step the message was posted. */
  time: number;
  /** How often it has been reposted so far. */
  reposts: number;
  /** Credibility of its source in [0, 1]. */
  authenticity: number;
  /** Relevance of the message to the viewer's profile in [0, 1]. */
  relevance: number;
  /** Similarity of the message to the viewer's interests in [-1, 1]. */
  similarity: number;
}

/** Settings the rankers need. */
export interface RankSettings {
  /** Per-step decay of the s3 score. */
  feedDecay: number;
  /** Minutes per step (hot score's clock). */
  stepMinutes: number;
}

/** Reddit's hot-score time constant: 45,000 seconds (12.5 h) weighs as one order of votes. */
const HOT_SECONDS = 45_000;

/**
 * Score of a message under a ranker (higher shows first).
 *
 * @param ranker Ranker name.
 * @param m The message's features.
 * @param now Current step.
 * @param settings Decay and step length.
 * @returns The score.
 *
 * @example
 * ```ts
 * import { feedScore } from "@lib/social/feed_rank.ts";
 * import assert from "node:assert/strict";
 * const s = { feedDecay: 0.5, stepMinutes: 60 };
 * const m = { time: 2, reposts: 9, authenticity: 0.5, relevance: 0.8, similarity: 0.1 };
 * assert.equal(feedScore("s3", m, 3, s), 0.5 * 0.8 * 0.5);
 * assert.equal(feedScore("hot", m, 3, s), 1 + (2 * 3600) / 45000);
 * ```
 */
export function feedScore(
  ranker: RankerName,
  m: RankInput,
  now: number,
  settings: RankSettings,
): number {
  switch (ranker) {
    case "chronological":
      return m.time;
    case "s3":
      return Math.pow(settings.feedDecay, now - m.time) * m.relevance * m.authenticity;
    case "hot":
      return Math.log10(Math.max(1, m.reposts + 1)) + (m.time * settings.stepMinutes * 60) /
          HOT_SECONDS;
    case "interest":
      return m.similarity;
  }
}

/**
 * Ranks messages and keeps the top K. Ties go to the newer message, then to the smaller id,
 * so the order never depends on how the candidates were collected.
 *
 * @param messages Candidate messages (each with an id).
 * @param ranker Ranker name.
 * @param now Current step.
 * @param k How many to show.
 * @param settings Decay and step length.
 * @returns The shown messages, best first.
 *
 * @example Chronological shows the newest first
 * ```ts
 * import { rankFeed } from "@lib/social/feed_rank.ts";
 * import assert from "node:assert/strict";
 * const base = { reposts: 0, authenticity: 1, relevance: 1, similarity: 0 };
 * const ms = [{ id: "a", time: 1, ...base }, { id: "b", time: 3, ...base }, { id: "c", time: 2, ...base }];
 * const shown = rankFeed(ms, "chronological", 4, 2, { feedDecay: 0.8, stepMinutes: 60 });
 * assert.deepEqual(shown.map((m) => m.id), ["b", "c"]);
 * ```
 */
export function rankFeed<T extends RankInput & { id: string }>(
  messages: readonly T[],
  ranker: RankerName,
  now: number,
  k: number,
  settings: RankSettings,
): T[] {
  return messages
    .map((m) => ({ m, s: feedScore(ranker, m, now, settings) }))
    .sort((a, b) =>
      b.s - a.s || b.m.time - a.m.time || (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0)
    )
    .slice(0, k)
    .map((x) => x.m);
}
