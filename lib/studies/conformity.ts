/**
 * The conformity study (RecAgent §5): a few well-connected agents watch the same movie before
 * the first round and rate it through their own brain; from then on everyone lives normally —
 * the watchers tend to chat and post about it, others may search for it after hearing of it —
 * and after each round every agent scores the movie 1–10. An agent that watched answers with
 * the rating its experience earned; one that has not answers with what it expects (a belief
 * that what it heard moves). Influence reaches ratings only through beliefs (what an agent
 * expects, and so whether it watches and how its experience compares) and the named audience
 * effect of rating in public. Ablation arms switch one channel off at a time: the belief
 * channel, the audience effect, the friendship links, or the link between an agent and its
 * own conformity trait (traits shuffled). Friend counts for AC(i) always come from the
 * original graph.
 *
 * @module
 */
import { attitudeChange, scoreSpread, type ScoreSpreadRow } from "../metrics/conformity.ts";
import { meanCI } from "../core/stats.ts";
import type { RatingRow } from "../metrics/rows.ts";
import type { Catalog } from "../recsys/catalog.ts";
import type { Item } from "../recsys/item.ts";
import type { Engine } from "../sim/engine.ts";
import { createSimulation } from "../sim/simulation.ts";
import { attachSurvey, surveyRows } from "../sim/survey.ts";
import { SocialGraph } from "../social/graph.ts";
import { RuleSurveyor, type RuleSurveyorOptions } from "../brain/survey/rule_survey.ts";
import { type StudyBrain, surveyorFor } from "./env.ts";

/** Options of {@link runConformity}. */
export interface ConformityOptions extends StudyBrain {
  agents: number;
  rounds: number;
  seed: number;
  /** How many of the best-connected agents watch the movie first (paper: 5). */
  watchers?: number;
  /** The movie (default: {@link pickTargetItem}). */
  itemId?: string;
  /** false: the control, without social exchange (the same as arm "links_off"). */
  social?: boolean;
  /** Ablation arm (default "full"). */
  arm?: ConformityArm;
  /** Give every agent this conformity (0–1) instead of its profile's. */
  conformity?: number;
  /** Rule surveyor weights (rule brain only). */
  survey?: RuleSurveyorOptions;
  /** Rule-brain weights to override (rule brain only), e.g. another fitted influence pair. */
  rule?: { social?: number; audience?: number };
  /** Friends per new node of the Barabási–Albert graph (default 3: a denser network). */
  m?: number;
  /** Probability of acting per unit of activity per round (default 0.5). */
  activityRate?: number;
}

/** The ablation arms: the full model and one mechanism off at a time. */
export const CONFORMITY_ARMS = [
  "full",
  "belief_off",
  "audience_off",
  "links_off",
  "traits_shuffled",
] as const;

/** The arms that apply to any brain (an LLM has no belief or audience weight to switch off). */
export const LLM_ARMS: readonly ConformityArm[] = ["full", "links_off", "traits_shuffled"];

/** An ablation arm. */
export type ConformityArm = typeof CONFORMITY_ARMS[number];

/**
 * Rule-brain weights of the conformity rounds: going to the recommender is less attractive
 * than talking, so watchers' latest movie stays the one they talk about.
 */
export const SOCIAL_FOCUS = { recommenderBase: -0.5, watcherRecommender: 0, socialBase: 1 };

/** One run's numbers. */
export interface ConformityRun {
  itemId: string;
  title: string;
  watchers: { agentId: string; rating: number }[];
  /** Every agent's 1–10 score after every round. */
  scores: RatingRow[];
  /** Score distribution per round. */
  spread: ScoreSpreadRow[];
  /** AC(i) by number of friends (original graph). */
  ac: { friends: number; ac: number; users: number }[];
  /** Friends of each agent in the original graph. */
  friends: Map<string, number>;
  /** Chats and posts delivered that named the movie. */
  mentions: number;
  /** Agents other than the first watchers who watched the movie during the run, with their 1–5 ratings. */
  later: { agentId: string; round: number; rating: number }[];
  /** Share of the agents (first watchers excluded) who watched the movie during the run. */
  watchShare: number;
  /** The arm this run belongs to. */
  arm: ConformityArm;
  engine: Engine;
}

/**
 * A movie people have mixed feelings about: the most popular item of middling quality.
 *
 * @param catalog The catalog.
 * @param range Quality range (default 0.55–0.7).
 * @returns The item.
 */
export function pickTargetItem(catalog: Catalog, range: [number, number] = [0.55, 0.7]): Item {
  const fits = catalog.items.filter((i) => i.quality >= range[0] && i.quality <= range[1]);
  const pool = fits.length ? fits : [...catalog.items];
  return pool.reduce((best, i) =>
    i.popularity > best.popularity || (i.popularity === best.popularity && i.id < best.id)
      ? i
      : best
  );
}

/**
 * Runs the conformity setup once.
 *
 * @param opts Size, seed, brain, control switch and conformity override.
 * @returns Scores, their spread per round, AC(i) and the run.
 */
export async function runConformity(opts: ConformityOptions): Promise<ConformityRun> {
  const arm: ConformityArm = opts.social === false ? "links_off" : opts.arm ?? "full";
  const rule = opts.kind === "rule"
    ? {
      ...SOCIAL_FOCUS,
      ...opts.rule,
      ...(arm === "belief_off" ? { social: 0 } : {}),
      ...(arm === "audience_off" ? { audience: 0 } : {}),
    }
    : {};
  const engine = await createSimulation({
    name: `conformity-${arm}`,
    seed: opts.seed,
    rounds: opts.rounds,
    agents: { source: "csv", path: "data/profiles.csv", count: opts.agents },
    recommender: { model: { algorithm: "mf", seed: opts.seed }, retrainEvery: 1, pageSize: 5 },
    social: { graph: "ba", m: opts.m ?? 3 },
    activity: { alpha: 1.5, xMin: 1, rate: opts.activityRate ?? 0.5 },
    // The paper's agents spend these rounds talking: the rule brain's recommender pull is
    // lowered so that a turn is mostly a chat, a post or nothing (LLM brains decide freely).
    brain: { kind: opts.kind, params: rule },
  }, { llm: opts.llm });
  const w = engine.world;
  const item = opts.itemId ? w.catalog.get(opts.itemId) : pickTargetItem(w.catalog);
  if (!item) throw new RangeError(`conformity: unknown item id "${opts.itemId}"`);
  const friends = new Map(w.ids.map((id) => [id, w.graph.degree(id)]));
  const chosen = [...w.ids].sort((a, b) => friends.get(b)! - friends.get(a)! || (a < b ? -1 : 1))
    .slice(0, opts.watchers ?? 5);
  if (opts.conformity !== undefined) {
    for (const id of w.ids) w.agent(id).state.conformity = opts.conformity;
  }
  if (arm === "traits_shuffled") {
    const traits = w.rng.fork("conformity:shuffle").shuffle(
      w.ids.map((id) => w.agent(id).state.conformity),
    );
    w.ids.forEach((id, i) => w.agent(id).state.conformity = traits[i]);
  }
  const watchers: ConformityRun["watchers"] = [];
  for (const id of chosen) {
    watchers.push({ agentId: id, rating: await watchFirst(engine, id, item) });
  }
  if (arm === "links_off") {
    w.graph = new SocialGraph(w.ids);
    engine.intervene({ kind: "remove_links", agent: null, detail: { reason: "control" } });
  }
  const surveyor = opts.kind === "rule"
    ? new RuleSurveyor({
      ...opts.survey,
      config: { ...opts.survey?.config, ...(arm === "belief_off" ? { opinionWeight: 0 } : {}) },
      rule: { ...opts.survey?.rule, ...rule },
    })
    : surveyorFor(opts);
  attachSurvey(engine, { surveyor, question: { kind: "score", itemId: item.id } });
  await engine.run();
  const scores = surveyRows(engine.log.events, "score");
  const first = new Set(chosen);
  const later = engine.log.ofType("decision").flatMap((e) =>
    e.action.type === "feel" && e.action.itemId === item.id && !first.has(e.agent)
      ? [{ agentId: e.agent, round: e.round, rating: e.action.rating }]
      : []
  );
  const others = w.ids.length - first.size;
  return {
    itemId: item.id,
    title: item.title,
    watchers,
    scores,
    spread: scoreSpread(scores),
    ac: attitudeChange(scores, friends, { rounds: opts.rounds }),
    friends,
    mentions: engine.log.ofType("deliver").filter((d) => d.items.includes(item.id)).length,
    later,
    watchShare: others > 0 ? new Set(later.map((l) => l.agentId)).size / others : 0,
    arm,
    engine,
  };
}

/**
 * An agent watches the movie before the first round: its own brain says how it felt and rates
 * it, and the world records the watch as if it had happened in a session.
 */
async function watchFirst(engine: Engine, agentId: string, item: Item): Promise<number> {
  const w = engine.world;
  const agent = w.agent(agentId);
  const time = { round: 0, iso: w.scenario.start, label: "before the first round" };
  const decision = await w.brainOf(agentId).decide({
    behaviour: "feel",
    agentId,
    profile: agent.profile,
    state: agent.state,
    time,
    memories: [],
    rng: w.rng.fork(`conformity:watch/${agentId}`),
    callSite: `-1:${agentId}:feel:0`,
    item: w.seen(agentId, item.id),
  });
  const rating = decision.action.type === "feel" ? decision.action.rating : 3;
  agent.state.watched.push(item.id);
  agent.state.ratings[item.id] = rating;
  w.shownTo(agentId).add(item.id);
  let who = w.watchedBy.get(item.id);
  if (!who) w.watchedBy.set(item.id, who = new Set());
  who.add(agentId);
  const r = w.ratings.get(item.id) ?? { sum: 0, n: 0 };
  w.ratings.set(item.id, { sum: r.sum + rating, n: r.n + 1 });
  if (decision.memory) {
    await agent.memory.store(decision.memory.text, decision.memory.importance, 0);
  }
  engine.intervene({
    kind: "watch_first",
    agent: agentId,
    detail: { item: item.id, rating, feeling: decision.rationale },
  });
  return rating;
}

/**
 * AC(i) pooled over bins of friend counts (few agents share an exact count in small graphs).
 *
 * @param ac AC(i) rows (from `attitudeChange`).
 * @param edges Lower edges of the bins, ascending (default 1, 4, 6, 10).
 * @returns One row per non-empty bin: its label, user-weighted AC and users.
 *
 * @example
 * ```ts
 * import { binnedAc } from "@lib/studies/conformity.ts";
 * import assert from "node:assert/strict";
 * const rows = binnedAc([{ friends: 2, ac: 0.1, users: 3 }, { friends: 3, ac: 0.5, users: 1 }, { friends: 12, ac: 0.4, users: 1 }]);
 * assert.deepEqual(rows.map((r) => r.bin), ["1–3", "10+"]);
 * assert.ok(Math.abs(rows[0].ac - 0.2) < 1e-12);
 * ```
 */
export function binnedAc(
  ac: readonly { friends: number; ac: number; users: number }[],
  edges: readonly number[] = [1, 4, 6, 10],
): { bin: string; lower: number; ac: number; users: number }[] {
  const label = (i: number) =>
    i === edges.length - 1 ? `${edges[i]}+` : `${edges[i]}–${edges[i + 1] - 1}`;
  return edges.map((lower, i) => {
    const rows = ac.filter((r) =>
      r.friends >= lower && (i === edges.length - 1 || r.friends < edges[i + 1])
    );
    const users = rows.reduce((s, r) => s + r.users, 0);
    return {
      bin: label(i),
      lower,
      ac: rows.reduce((s, r) => s + r.ac * r.users, 0) / users,
      users,
    };
  }).filter((r) => r.users > 0);
}

/** One arm of the conformity ablation: each outcome's mean over seeds with its 95% CI. */
export interface AblationArm {
  arm: ConformityArm;
  seeds: number;
  /** Share of agents (first watchers excluded) who watched the movie. */
  watchShare: { value: number; lo: number; hi: number };
  /** Mean 1–5 rating of later watchers (runs with none are left out). */
  laterRating: { value: number; lo: number; hi: number; runs: number };
  /** Fall of the std of the 1–10 survey scores from the first to the last round. */
  spreadFall: { value: number; lo: number; hi: number };
  /** The runs behind the row (without their engines). */
  runs: (Omit<ConformityRun, "engine"> & { seed: number })[];
}

/**
 * Runs every ablation arm over the same seeds and summarises each outcome.
 *
 * @param opts Size and brain (seed and arm are set per run).
 * @param seeds Replicate seeds.
 * @param arms Arms to run (default: all five for the rule brain, {@link LLM_ARMS} for an LLM).
 * @returns One row per arm.
 */
export async function conformityAblation(
  opts: Omit<ConformityOptions, "seed" | "arm" | "social">,
  seeds: readonly number[],
  arms: readonly ConformityArm[] = opts.kind === "rule" ? CONFORMITY_ARMS : LLM_ARMS,
): Promise<AblationArm[]> {
  // The belief and audience switches are weights of the rule brain; an LLM has no such knob.
  const ruleOnly = arms.filter((a) => !LLM_ARMS.includes(a));
  if (opts.kind !== "rule" && ruleOnly.length) {
    throw new RangeError(`conformity: arms ${ruleOnly.join(", ")} need the rule brain`);
  }
  const ci = (xs: number[]) => {
    const { mean, lo, hi } = meanCI(xs);
    return { value: mean, lo, hi };
  };
  const out: AblationArm[] = [];
  for (const arm of arms) {
    const runs: AblationArm["runs"] = [];
    for (const seed of seeds) {
      const { engine: _e, ...r } = await runConformity({ ...opts, seed, arm });
      runs.push({ ...r, seed });
    }
    const rated = runs.filter((r) => r.later.length > 0).map((r) =>
      r.later.reduce((s, l) => s + l.rating, 0) / r.later.length
    );
    out.push({
      arm,
      seeds: runs.length,
      watchShare: ci(runs.map((r) => r.watchShare)),
      laterRating: { ...ci(rated), runs: rated.length },
      spreadFall: ci(runs.map((r) => r.spread[0].std - r.spread.at(-1)!.std)),
      runs,
    });
  }
  return out;
}
