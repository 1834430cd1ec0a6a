/**
 * Believability of behaviour sequences (the paper's Tables 4–5). For each sampled user the
 * last N rated items are the real sequence and everything before builds the agent; a brain
 * generates its sequence by picking N items, in order, from a pool of the real next N items
 * and `extra` popularity-matched negatives. Two sources are then paired per user, blinded
 * (which is A is drawn at random and kept in a separate key), and exported for raters.
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import type { Item } from "../recsys/item.ts";
import { agentFromHistory } from "./selection_agent.ts";
import {
  buildTask,
  heldOutPairs,
  type NegativeSampling,
  sampleUsers,
  type SelectionData,
  trainingCatalog,
} from "./selection_data.ts";
import type { Selector } from "./selectors.ts";
import { toCsv } from "./rating_csv.ts";

/** The source name of the real sequence. */
export const REAL_SOURCE = "real";

/** One generated (or real) sequence. */
export interface BehaviourSequence {
  userId: string;
  n: number;
  /** Selector id or {@link REAL_SOURCE}. */
  source: string;
  items: Item[];
  /** The user's past items shown to raters (most recent last). */
  past: Item[];
}

/** Options of {@link generateSequences}. */
export interface SequenceOptions {
  /** Users (default 20). */
  users?: number;
  /** Sequence length (the paper: 5 and 10). */
  n: number;
  /** Brain sources; the real sequence is always produced as "real". */
  selectors: readonly Selector[];
  /** Negatives in the pool per sequence (default 2N). */
  extra?: number;
  /** Default "popularity", so popularity alone does not reveal the real items. */
  negatives?: NegativeSampling;
  /** Past items shown to raters (default 10). */
  pastShown?: number;
  seed?: number | string;
}

/**
 * Generates the real sequence and one sequence per selector for sampled users.
 *
 * @param data MovieLens data.
 * @param options Users, N, selectors.
 * @returns Sequences, grouped by nothing (filter by source and user).
 */
export async function generateSequences(
  data: SelectionData,
  options: SequenceOptions,
): Promise<BehaviourSequence[]> {
  const n = options.n, extra = options.extra ?? 2 * n;
  const rng = new Rng(`believability:${options.seed ?? 1}:${n}`);
  const users = sampleUsers(data, options.users ?? 20, rng.fork("users"), {
    maxA: n,
    maxB: extra,
    minHistory: 5,
  });
  const catalog = trainingCatalog(data, heldOutPairs(data, users, n));
  const out: BehaviourSequence[] = [];
  for (const u of users) {
    const cell = rng.fork(u);
    const task = buildTask(data, u, n, extra, catalog, options.negatives ?? "popularity", cell);
    const past = task.history.slice(-(options.pastShown ?? 10)).map((e) => e.item);
    out.push({
      userId: u,
      n,
      source: REAL_SOURCE,
      items: task.truth.map((id) => catalog.get(id)!),
      past,
    });
    const agent = await agentFromHistory(task.user, task.history, {
      memory: options.selectors.some((s) => s.needsMemory),
    });
    for (const sel of options.selectors) {
      const pick = await sel.select({ task, agent, catalog, rng: cell.fork(sel.id) });
      out.push({
        userId: u,
        n,
        source: sel.id,
        items: pick.picked.map((id) => catalog.get(id)!),
        past,
      });
    }
  }
  return out;
}

/** A blinded pair as raters see it, plus the key (never in the raters' file). */
export interface BlindPair {
  pairId: string;
  userId: string;
  n: number;
  past: string;
  sequenceA: string;
  sequenceB: string;
  /** Key: which source is A and which is B. */
  sourceA: string;
  sourceB: string;
}

const titles = (items: readonly Item[]) => items.map((i) => `<${i.title}>`).join(" → ");

/**
 * Pairs two sources per user and blinds them: half the pairs show x as A, half as B, in a
 * drawn order; pair ids are numbers in a shuffled order and carry no source.
 *
 * @param sequences Generated sequences.
 * @param x First source.
 * @param y Second source.
 * @param seed Seed of the order and the ids.
 * @returns Blinded pairs (with the key fields).
 */
export function blindPairs(
  sequences: readonly BehaviourSequence[],
  x: string,
  y: string,
  seed: number | string = 1,
): BlindPair[] {
  const rng = new Rng(`blind:${seed}:${x}:${y}`);
  const of = (s: string, u: string, n: number) =>
    sequences.find((q) => q.source === s && q.userId === u && q.n === n);
  const matched = sequences.filter((q) => q.source === x && of(y, q.userId, q.n));
  // Balanced: half the pairs show x as A, half as B, in a drawn order.
  const swaps = rng.shuffle(matched.map((_, i) => i < Math.floor(matched.length / 2)));
  const pairs = matched.map((qx, i) => {
    const qy = of(y, qx.userId, qx.n)!;
    const swap = swaps[i];
    const [qa, qb] = swap ? [qy, qx] : [qx, qy];
    return {
      pairId: "",
      userId: qx.userId,
      n: qx.n,
      past: titles(qx.past),
      sequenceA: titles(qa.items),
      sequenceB: titles(qb.items),
      sourceA: qa.source,
      sourceB: qb.source,
    };
  });
  return rng.shuffle(pairs).map((p, i) => ({ ...p, pairId: `P${String(i + 1).padStart(3, "0")}` }));
}

/** Columns of the raters' sheet. */
export const PAIR_COLUMNS = [
  "pair_id",
  "n",
  "past_movies",
  "sequence_A",
  "sequence_B",
  "rater",
  "judgment",
];

/**
 * The raters' sheet: no user id, no source; empty rater and judgment columns to fill in.
 *
 * @param pairs Blinded pairs.
 * @returns CSV text.
 */
export function pairsCsv(pairs: readonly BlindPair[]): string {
  return toCsv(
    PAIR_COLUMNS,
    pairs.map((p) => ({
      pair_id: p.pairId,
      n: p.n,
      past_movies: p.past,
      sequence_A: p.sequenceA,
      sequence_B: p.sequenceB,
    })),
  );
}

/**
 * The key that un-blinds the sheet (keep it away from raters).
 *
 * @param pairs Blinded pairs.
 * @returns CSV text: pair_id, user_id, n, source_A, source_B.
 */
export function keyCsv(pairs: readonly BlindPair[]): string {
  return toCsv(
    ["pair_id", "user_id", "n", "source_A", "source_B"],
    pairs.map((p) => ({
      pair_id: p.pairId,
      user_id: p.userId,
      n: p.n,
      source_A: p.sourceA,
      source_B: p.sourceB,
    })),
  );
}

/** The codebook that goes with the raters' sheet. */
export const BELIEVABILITY_CODEBOOK = `Believability rating sheet — codebook

Each row shows a viewer's most recent past movies and two sequences of the next movies the
viewer watched (A and B), in order. One of them may be what the viewer really watched, the
other generated; which is which is hidden and drawn at random for every row.

Columns
  pair_id      Identifier of the row. Do not change it.
  n            Length of each sequence.
  past_movies  The viewer's past movies, oldest first (arrows separate movies).
  sequence_A   Sequence A, in order.
  sequence_B   Sequence B, in order.
  rater        Your rater id (any short name, the same on every row you rate). Required.
  judgment     Which sequence is more believable as this viewer's next movies. One of:
                 A>>B   A is much more believable than B
                 A>B    A is somewhat more believable than B
                 A≈B    equally believable (A=B and A~B are accepted too)
                 B>A    B is somewhat more believable than A
                 B>>A   B is much more believable than A

Leave no judgment empty: a row you cannot judge should be removed from the file.
Several raters may return several files, or one file with several rows per pair_id.
`;
