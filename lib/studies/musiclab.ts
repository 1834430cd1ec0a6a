/**
 * MusicLab (Salganik, Dodds & Watts, "Experimental study of inequality and unpredictability in
 * an artificial cultural market", Science 311:854–856, 2006), reproduced with simulated
 * listeners. Several independent worlds offer the same songs; listeners arrive one at a time,
 * see the list, choose a song to listen to and decide whether to download it. In the
 * `independent` condition the list is in random order without counts; in `social` it shows
 * how often each song was downloaded in the listener's world; in `social_ranked` it is also
 * sorted by those counts. Success inequality (Gini of downloads) and unpredictability (spread
 * of a song's market share across worlds) are measured per condition.
 *
 * The rule brain decides with its own parts: download counts shift its belief about a song
 * (`beliefShift`, the fitted belief channel), the belief and a cost of looking further down
 * the list drive the logit choice, and the download follows the experience compared with the
 * expectation (`ratingFromExperience`). An LLM gets the same list as text and answers
 * `{ listen, download }`. Nothing adds popularity to the outcome: counts reach downloads only
 * through what listeners choose and experience. Each run also counts how often listeners took
 * the song at the top of their list, the plain position bias a ranked list feeds on.
 *
 * @module
 */
import { z } from "zod";
import { Rng } from "../core/rng.ts";
import { meanCI } from "../core/stats.ts";
import { DEFAULT_RULE_CONFIG, type RuleConfig } from "../brain/rule/config.ts";
import { beliefShift, ratingFromExperience } from "../brain/rule/belief.ts";
import { logitProbabilities } from "../brain/rule/utility.ts";
import type { SeenItem } from "../brain/context.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { gini } from "../metrics/diversity.ts";
import { unpredictability } from "../metrics/unpredictability.ts";

/** The experiment's conditions. */
export const MUSICLAB_CONDITIONS = ["independent", "social", "social_ranked"] as const;
/** A condition. */
export type MusicLabCondition = typeof MUSICLAB_CONDITIONS[number];

const GENRES = ["rock", "pop", "indie", "electronic", "folk", "hip hop", "jazz", "metal"];

/** A song of the market. */
export interface Song {
  id: string;
  title: string;
  genre: string;
  /** Appeal to an average listener (0–1). */
  appeal: number;
}

/** Options of {@link runMusicLab}. */
export interface MusicLabOptions {
  condition: MusicLabCondition;
  seed: number;
  /** "rule" or "llm" (then `llm` is required). */
  kind: "rule" | "llm";
  llm?: StructuredLlm;
  /** Songs (paper: 48). */
  songs?: number;
  /** Parallel worlds (paper: 8 social worlds). */
  worlds?: number;
  /** Listeners per world. */
  listeners?: number;
  /** Utility lost per log(1 + position) down the list (attention; not fitted). */
  positionCost?: number;
  /** Rule-brain weights (defaults: the rule brain's). */
  rule?: Partial<RuleConfig>;
}

/** One run of one condition: downloads per world and song, and the two measures. */
export interface MusicLabRun {
  condition: MusicLabCondition;
  seed: number;
  songs: Song[];
  /** downloads[w][i]. */
  downloads: number[][];
  /** listens[w][i]. */
  listens: number[][];
  /** Mean over worlds of the Gini of downloads. */
  gini: number;
  /** Salganik's U of download shares across worlds. */
  unpredictability: number;
  /** LLM calls and failed calls (0 for the rule brain). */
  calls: number;
  failures: number;
  /** Listeners who chose a song, and those who chose the first song of their list. */
  choices: number;
  firstOnList: number;
}

/** The LLM's reply: `listen` is a position on the list (1 = top). */
export const musicLabReplySchema = z.object({
  listen: z.number().int(),
  download: z.boolean(),
});

/**
 * The reply schema for a list of `n` songs: a position outside the list is an invalid reply,
 * which the client sends back for repair (and a grammar-constrained server cannot produce).
 *
 * @param n Songs on the list.
 * @returns The schema.
 *
 * @example
 * ```ts
 * import { musicLabReply } from "@lib/studies/musiclab.ts";
 * import assert from "node:assert/strict";
 * assert.equal(musicLabReply(8).safeParse({ listen: 8, download: true }).success, true);
 * assert.equal(musicLabReply(8).safeParse({ listen: 9, download: true }).success, false);
 * ```
 */
export function musicLabReply(n: number) {
  return musicLabReplySchema.extend({ listen: z.number().int().min(1).max(n) });
}

/**
 * The songs of a market (the same in every world and condition for a seed).
 *
 * @param n Songs.
 * @param seed Seed.
 * @returns Songs with genre and appeal.
 */
export function musicLabSongs(n: number, seed: number): Song[] {
  const rng = new Rng(`musiclab:songs:${seed}`);
  return Array.from({ length: n }, (_, i) => ({
    id: `s${i + 1}`,
    title: `Track ${i + 1}`,
    genre: GENRES[rng.int(GENRES.length)],
    appeal: rng.uniform(0.2, 0.9),
  }));
}

interface Listener {
  conformity: number;
  /** Favourite genre. */
  genre: string;
  /** What the listener's taste predicts of each song: genre match + appeal − 0.5 + a personal offset. */
  value: number[];
}

/**
 * Runs one condition once: every world, listener by listener.
 *
 * @param opts Condition, seed, brain and sizes.
 * @returns Downloads, listens, Gini and unpredictability.
 *
 * @example Social influence raises inequality over independent choice (rule brain)
 * ```ts
 * import { runMusicLab } from "@lib/studies/musiclab.ts";
 * import assert from "node:assert/strict";
 * const base = { kind: "rule" as const, seed: 1, songs: 20, worlds: 4, listeners: 150 };
 * const ind = await runMusicLab({ ...base, condition: "independent" });
 * const soc = await runMusicLab({ ...base, condition: "social_ranked" });
 * assert.ok(soc.gini > ind.gini);
 * ```
 */
export async function runMusicLab(opts: MusicLabOptions): Promise<MusicLabRun> {
  if (opts.kind === "llm" && !opts.llm) throw new RangeError("musiclab: kind llm needs an llm");
  const nSongs = opts.songs ?? 48, nWorlds = opts.worlds ?? 8, nListeners = opts.listeners ?? 200;
  const songs = musicLabSongs(nSongs, opts.seed);
  const cfg: RuleConfig = { ...DEFAULT_RULE_CONFIG, ...opts.rule };
  const positionCost = opts.positionCost ?? 0.5;
  const downloads = Array.from({ length: nWorlds }, () => new Array<number>(nSongs).fill(0));
  const listens = Array.from({ length: nWorlds }, () => new Array<number>(nSongs).fill(0));
  let calls = 0, failures = 0, choices = 0, firstOnList = 0;
  // Worlds share nothing, so they run side by side (an LLM server answers several at once);
  // within a world listeners arrive one after another, each seeing the counts so far.
  await Promise.all(Array.from({ length: nWorlds }, async (_, w) => {
    // The same listeners arrive in the same order in every condition: only the signal differs.
    const people = new Rng(`musiclab:people:${opts.seed}:${w}`);
    const order = new Rng(`musiclab:order:${opts.seed}:${w}`);
    for (let l = 0; l < nListeners; l++) {
      const genre = GENRES[people.int(GENRES.length)];
      const who: Listener = {
        conformity: people.next(),
        genre,
        value: songs.map((s) =>
          (s.genre === genre ? 0.6 : 0) + (s.appeal - 0.5) + people.normal(0, 0.3)
        ),
      };
      const surprise = songs.map(() => people.normal(0, cfg.experienceNoise));
      const noise = people.normal(0, cfg.ratingNoise);
      const pick = people.next();
      const list = displayOrder(songs, downloads[w], opts.condition, order);
      const choice = opts.kind === "rule"
        ? ruleListener(
          who,
          list,
          downloads[w],
          opts.condition,
          cfg,
          positionCost,
          surprise,
          noise,
          pick,
        )
        : await llmListener(
          opts.llm!,
          who,
          list,
          downloads[w],
          opts.condition,
          `${opts.seed}:${opts.condition}:${w}:${l}`,
          songs,
        );
      calls += choice.calls;
      failures += choice.failed ? 1 : 0;
      if (choice.song < 0) continue;
      choices++;
      if (choice.song === list[0]) firstOnList++;
      listens[w][choice.song]++;
      if (choice.download) downloads[w][choice.song]++;
    }
  }));
  return {
    condition: opts.condition,
    seed: opts.seed,
    songs,
    downloads,
    listens,
    gini: downloads.reduce((s, d) => s + gini(d), 0) / nWorlds,
    unpredictability: unpredictability(downloads),
    calls,
    failures,
    choices,
    firstOnList,
  };
}

/** Song indices in the order the listener sees them. */
function displayOrder(
  songs: readonly Song[],
  counts: readonly number[],
  condition: MusicLabCondition,
  rng: Rng,
): number[] {
  const shuffled = rng.shuffle(songs.map((_, i) => i));
  if (condition !== "social_ranked") return shuffled;
  return shuffled.sort((a, b) => counts[b] - counts[a]);
}

interface Choice {
  song: number;
  download: boolean;
  calls: number;
  failed: boolean;
}

function ruleListener(
  who: Listener,
  list: readonly number[],
  counts: readonly number[],
  condition: MusicLabCondition,
  cfg: RuleConfig,
  positionCost: number,
  surprise: readonly number[],
  noise: number,
  pick: number,
): Choice {
  const seen: SeenItem = {
    item: { id: "", title: "", genres: [], year: null, description: "", popularity: 0, quality: 0 },
    friendsWatched: 0,
    mentions: 0,
    avgRating: null,
  };
  const expected: number[] = [];
  const utilities = list.map((i, pos) => {
    seen.mentions = condition === "independent" ? 0 : counts[i];
    const mine = who.value[i];
    expected[pos] = mine + beliefShift(seen, who.conformity, cfg);
    return cfg.interest * mine + (expected[pos] - mine) - positionCost * Math.log1p(pos);
  });
  const probs = logitProbabilities(utilities, cfg.temperature);
  let pos = 0;
  for (let acc = probs[0]; acc < pick && pos < probs.length - 1;) acc += probs[++pos];
  const i = list[pos];
  const experienced = who.value[i] + surprise[i];
  const rating = ratingFromExperience(experienced, expected[pos], cfg) + noise;
  return { song: i, download: rating >= 3, calls: 0, failed: false };
}

async function llmListener(
  llm: StructuredLlm,
  who: Listener,
  list: readonly number[],
  counts: readonly number[],
  condition: MusicLabCondition,
  callSite: string,
  songs: readonly Song[],
): Promise<Choice> {
  const lines = list.map((i, pos) =>
    `${pos + 1}. "${songs[i].title}" (${songs[i].genre})${
      condition === "independent" ? "" : ` — downloaded ${counts[i]} times`
    }`
  );
  const result = await llm.complete({
    messages: [
      {
        role: "system",
        content: `You are a music listener whose favourite genre is ${who.genre}. ` +
          "Answer as this person would.",
      },
      {
        role: "user",
        content: [
          "A music website offers these songs by unknown bands:",
          ...lines,
          "Pick one song to listen to (its number), and say whether you would download it after listening.",
          'Reply as JSON: {"listen": <number>, "download": <true or false>}.',
        ].join("\n"),
      },
    ],
    schema: musicLabReply(list.length),
    schemaName: "socius_musiclab",
    meta: { agentId: callSite, behaviour: "musiclab", seed: callSite },
  });
  // Replies asked of the model, repairs included.
  const calls = result.calls ?? 1;
  if (!result.ok) return { song: -1, download: false, calls, failed: true };
  return {
    song: list[result.value.listen - 1],
    download: result.value.download,
    calls,
    failed: false,
  };
}

/** A measure's mean over seeds with its 95% interval. */
export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/** The experiment's summary: per condition, Gini and unpredictability with intervals. */
export interface MusicLabSummary {
  brain: string;
  seeds: number[];
  songs: number;
  worlds: number;
  listeners: number;
  conditions: Record<
    MusicLabCondition,
    {
      gini: Interval;
      unpredictability: Interval;
      failures: number;
      /** Share of choices that took the first song of the list, over all runs. */
      firstOnList: number;
    }
  >;
}

/**
 * Runs every condition over seeds and summarises each measure (mean over seeds, 95% CI).
 *
 * @param opts Brain and sizes (condition and seed are set per run).
 * @param seeds Replicate seeds (each gives its own songs and listeners).
 * @returns The summary and the runs.
 */
export async function musicLabExperiment(
  opts: Omit<MusicLabOptions, "condition" | "seed">,
  seeds: readonly number[],
): Promise<{ summary: MusicLabSummary; runs: MusicLabRun[] }> {
  const runs: MusicLabRun[] = [];
  for (const condition of MUSICLAB_CONDITIONS) {
    for (const seed of seeds) runs.push(await runMusicLab({ ...opts, condition, seed }));
  }
  const ci = (xs: number[]): Interval => {
    const { mean, lo, hi } = meanCI(xs);
    return { value: mean, lo, hi };
  };
  const of = (c: MusicLabCondition) => runs.filter((r) => r.condition === c);
  const conditions = Object.fromEntries(MUSICLAB_CONDITIONS.map((c) => [c, {
    gini: ci(of(c).map((r) => r.gini)),
    unpredictability: ci(of(c).map((r) => r.unpredictability)),
    failures: of(c).reduce((s, r) => s + r.failures, 0),
    firstOnList: of(c).reduce((s, r) => s + r.firstOnList, 0) /
      Math.max(1, of(c).reduce((s, r) => s + r.choices, 0)),
  }])) as MusicLabSummary["conditions"];
  return {
    summary: {
      brain: opts.kind === "rule" ? "rule (RecSim-style choice model)" : `llm:${opts.llm!.model}`,
      seeds: [...seeds],
      songs: opts.songs ?? 48,
      worlds: opts.worlds ?? 8,
      listeners: opts.listeners ?? 200,
      conditions,
    },
    runs,
  };
}
