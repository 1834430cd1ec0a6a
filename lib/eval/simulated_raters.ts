/**
 * Two simulated raters that fill in the rating sheets when no person has: simple, stated
 * rules over genres and titles, so the analysis runs end to end and its tables have rows. They
 * stand in for people in a dry run and are labelled as such; they measure nothing about
 * believability.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import type { Profile } from "../profile/schema.ts";
import { interestGenres } from "../profile/genres.ts";
import type { BehaviourSequence, BlindPair } from "./believability.ts";
import type { ConversationItem, ConversationQuestion } from "./conversation_eval.ts";

/** The genres of a movie id, as a catalogue answers. */
export interface GenreLookup {
  get(id: string): { genres: readonly string[] } | undefined;
}

/** What {@link genreOverlapJudgments} reads of a sequence: its key and its items' ids. */
export type SequenceIds = Pick<BehaviourSequence, "userId" | "n" | "source"> & {
  items: readonly { id: string }[];
  past: readonly { id: string }[];
};

/** What {@link genreOverlapJudgments} reads of a pair: its id, user, length and key. */
export type PairKey = Pick<BlindPair, "pairId" | "userId" | "n" | "sourceA" | "sourceB">;

/** One row of the believability judgments sheet. */
// A type alias, not an interface, so that rows pass as records to the CSV writer.
export type JudgmentRow = {
  pair_id: string;
  rater: string;
  judgment: string;
};

/**
 * Judges each blind pair by genre overlap: the share of a sequence's genres that the user's
 * past also has, A's share minus B's; a gap over 0.25 is a strong preference ("A>>B"), over
 * 0.05 a preference, anything closer "A≈B". Why this rule: a person who knows the user's past
 * would find the sequence that continues its genres the more believable.
 *
 * @param pairs Blind pairs with their key (sourceA, sourceB).
 * @param sequences The sequences the pairs were drawn from.
 * @param catalog Genres per movie id.
 * @param rater The rater id written in the sheet.
 * @returns One judgment row per pair, in the pairs' order.
 *
 * @example The sequence that keeps the user's genres wins
 * ```ts
 * import { genreOverlapJudgments } from "@lib/eval/simulated_raters.ts";
 * import assert from "node:assert/strict";
 * const item = (id: string) => ({ id, title: id, genres: [] as string[] });
 * const genres: Record<string, string[]> = { p: ["Drama"], d: ["Drama"], c: ["Comedy"] };
 * const catalog = { get: (id: string) => ({ genres: genres[id] }) };
 * const sequences = [
 *   { userId: "u", n: 1, source: "rule", items: [item("d")], past: [item("p")] },
 *   { userId: "u", n: 1, source: "real", items: [item("c")], past: [item("p")] },
 * ];
 * const pair = { pairId: "P001", userId: "u", n: 1, past: "", sequenceA: "", sequenceB: "", sourceA: "rule", sourceB: "real" };
 * assert.equal(genreOverlapJudgments([pair], sequences, catalog)[0].judgment, "A>>B");
 * ```
 */
export function genreOverlapJudgments(
  pairs: readonly PairKey[],
  sequences: readonly SequenceIds[],
  catalog: GenreLookup,
  rater = "simulated-genre-overlap",
): JudgmentRow[] {
  const genresOf = (ids: string[]) => ids.flatMap((id) => catalog.get(id)?.genres ?? []);
  const byKey = new Map(sequences.map((s) => [`${s.source}|${s.userId}|${s.n}`, s]));
  const overlap = (source: string, p: PairKey) => {
    const seq = byKey.get(`${source}|${p.userId}|${p.n}`);
    if (!seq) {
      throw new DataError(
        "pairs",
        0,
        `a ${source} sequence for user ${p.userId} (n=${p.n}), found none`,
        p.pairId,
      );
    }
    const past = new Set(genresOf(seq.past.map((i) => i.id)));
    const g = genresOf(seq.items.map((i) => i.id));
    return g.filter((x) => past.has(x)).length / Math.max(1, g.length);
  };
  return pairs.map((p) => {
    const d = overlap(p.sourceA, p) - overlap(p.sourceB, p);
    const judgment = d > 0.25
      ? "A>>B"
      : d > 0.05
      ? "A>B"
      : d < -0.25
      ? "B>>A"
      : d < -0.05
      ? "B>A"
      : "A≈B";
    return { pair_id: p.pairId, rater, judgment };
  });
}

/** What {@link titleOverlapScores} reads of the world. */
export interface TitleWorld {
  agent(id: string): { profile: Pick<Profile, "interests"> };
  catalog: { findByTitle(title: string): { genres: readonly string[] }[] };
}

const named = (texts: readonly string[]) =>
  texts.flatMap((t) => [...t.matchAll(/<([^>]+)>/g)].map((m) => m[1]));

const share = (xs: readonly string[], ok: (title: string) => boolean) =>
  xs.length ? xs.filter(ok).length / xs.length : 0;

/**
 * Scores one conversation item 1–5 per question from the titles the agent names in `<…>`:
 * against the profile, the share of titles with a genre the agent is interested in; against
 * past behaviour, the share of titles the agent has watched; 1 + 4 × share, rounded. A
 * question without chats or posts to read stays unanswered (n/a).
 *
 * @param item The sheet item (chats, posts, past).
 * @param world Agents' profiles and the catalogue's titles.
 * @returns Scores for the questions that apply.
 *
 * @example Posts that name a liked, watched title score 5; no chats, no chat scores
 * ```ts
 * import { titleOverlapScores } from "@lib/eval/simulated_raters.ts";
 * import assert from "node:assert/strict";
 * const world = {
 *   agent: () => ({ profile: { interests: ["comedy movies"] } }),
 *   catalog: { findByTitle: (t: string) => t === "Up" ? [{ genres: ["Comedy"] }] : [] },
 * };
 * const item = { itemId: "C001", agentId: "a", checkpoint: 1, profile: "", past: "<Up> 5", chats: [], posts: ["Loved <Up>"] };
 * assert.deepEqual(titleOverlapScores(item, world), { chat_profile: undefined, chat_behaviour: undefined, post_profile: 5, post_behaviour: 5 });
 * ```
 */
export function titleOverlapScores(
  item: ConversationItem,
  world: TitleWorld,
): Partial<Record<ConversationQuestion, number>> {
  const likes = new Set<string>(interestGenres(world.agent(item.agentId).profile));
  const fits = (t: string) =>
    world.catalog.findByTitle(t).some((m) => m.genres.some((g) => likes.has(g)));
  const seen = (t: string) => item.past.includes(`<${t}>`);
  const score = (texts: readonly string[], ok: (t: string) => boolean) =>
    texts.length ? Math.round(1 + 4 * share(named(texts), ok)) : undefined;
  return {
    chat_profile: score(item.chats, fits),
    chat_behaviour: score(item.chats, seen),
    post_profile: score(item.posts, fits),
    post_behaviour: score(item.posts, seen),
  };
}
