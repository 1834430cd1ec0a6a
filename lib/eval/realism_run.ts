/**
 * The realism benchmark: are simulated users like the real ones? The log is cut at a time
 * (a quantile of its timestamps). Agents are aligned to N real users from the part of their
 * history before the cut only (profile, tastes from their ratings, activity from how much
 * they rated), the recommender is trained on every rating before the cut, and the agents live
 * R rounds in the simulated recommender (retrained every round, as usual). What they then
 * watch and rate is compared with what the same users really did after the cut: activity,
 * popularity, ratings and diversity (see realism_measures.ts), for each brain, with intervals
 * over seeds, next to the real values and a random-behaviour floor.
 *
 * The fitted choice model is fitted on ratings before the cut only, so no brain knows the
 * future it is compared with.
 *
 * @module
 */
import type { Brain } from "../brain/brain.ts";
import { FittedBrain } from "../brain/fitted/fitted_brain.ts";
import { LlmBrain } from "../brain/llm/llm_brain.ts";
import { loadTemplates } from "../brain/prompts/templates.ts";
import { driftState } from "../brain/rule/drift.ts";
import { RuleBrain } from "../brain/rule/rule_brain.ts";
import { ConfigError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { meanCI } from "../core/stats.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { buildWorld } from "../sim/build.ts";
import { Engine } from "../sim/engine.ts";
import { parseScenario } from "../sim/scenario.ts";
import { ksDistance } from "../metrics/realism.ts";
import type { Catalog } from "../recsys/catalog.ts";
import type { Item } from "../recsys/item.ts";
import type { PromptTemplates } from "../brain/prompts/templates.ts";
import type { FittedModel } from "../brain/fitted/model.ts";
import { fitOnMovieLens } from "./fitted_log.ts";
import {
  type Behaviour,
  compare,
  REALISM_MEASURES,
  type RealismMeasure,
  referenceValues,
  summarise,
} from "./realism_measures.ts";
import { RandomBrain } from "./realism_random.ts";
import { agentFromHistory, historySentence, profileOfUser } from "./selection_agent.ts";
import type { SelectionData } from "./selection_data.ts";
import { RatingTimeline } from "./selection_time.ts";

/** Brains the benchmark knows. */
export const REALISM_BRAINS = ["random", "rule", "fitted", "llm"] as const;

/** Row labels. */
export const REALISM_LABELS: Readonly<Record<string, string>> = {
  random: "Random behaviour (floor)",
  rule: "Rule brain (RecSim-style)",
  fitted: "Fitted choice model",
  llm: "LLM brain",
};

/** Options of {@link runRealism}. */
export interface RealismOptions {
  /** Brains (default random, rule, fitted); "random" is always added as the floor. */
  brains?: readonly string[];
  /** Users per seed (default 50) or "all". */
  users?: number | "all";
  /** Simulated rounds (default 10). */
  rounds?: number;
  /** Seeds (default 3). */
  seeds?: number;
  /** Base seed (default 1). */
  seed?: number | string;
  /** Where the log is cut, as a quantile of its timestamps (default 0.5). */
  split?: number;
  /** Shortest history before the cut (default 10). */
  minHistory?: number;
  /** The LLM for "llm". */
  llm?: StructuredLlm;
  /** Called after each (seed, brain). */
  onProgress?: (p: { seed: number; brain: string; done: number; total: number }) => void;
}

/** One cell of realism.json. */
export interface RealismCell {
  value: number;
  distance: number;
  lo: number;
  hi: number;
}

/** What {@link runRealism} returns (realism.json is `{ reference, brains }`). */
export interface RealismResult {
  reference: Record<RealismMeasure, number>;
  brains: Record<string, Record<RealismMeasure, RealismCell>>;
  /** Rating distributions over 1–5: "real" and each brain (means over seeds). */
  ratingShares: Record<string, number[]>;
  /** KS distance of log item counts per brain (mean over seeds). */
  logCountKs: Record<string, number>;
  settings: {
    source: string;
    users: number | "all";
    usersUsed: number;
    eligible: number;
    rounds: number;
    seeds: number;
    /** The cut (Unix seconds) and the quantile it came from. */
    cut: number;
    split: number;
    brains: string[];
  };
}

/**
 * Runs the benchmark.
 *
 * @param data The data (from readSelectionData).
 * @param options Brains, users, rounds, seeds.
 * @returns The result (the realism.json shape plus extras).
 */
export async function runRealism(
  data: SelectionData,
  options: RealismOptions = {},
): Promise<RealismResult> {
  const asked = options.brains ?? ["random", "rule", "fitted"];
  for (const b of asked) {
    if (!(REALISM_BRAINS as readonly string[]).includes(b)) {
      throw new ConfigError("--brains", b, `expected one of ${REALISM_BRAINS.join(", ")}`);
    }
  }
  if (asked.includes("llm") && !options.llm) {
    throw new ConfigError("--brains", "llm", "the LLM brain needs an LLM client");
  }
  const brains = ["random", ...asked.filter((b) => b !== "random")];
  const rounds = options.rounds ?? 10, nSeeds = options.seeds ?? 3, base = options.seed ?? 1;
  const split = options.split ?? 0.5;
  const stamps = [...data.byUser.values()].flat().map((r) => r.timestamp).sort((a, b) => a - b);
  const cut = stamps[Math.min(stamps.length - 1, Math.floor(split * stamps.length))];
  const minHistory = options.minHistory ?? 10;
  const eligible = [...data.byUser.entries()]
    .filter(([id, l]) =>
      data.users.has(id) && l.filter((r) => r.timestamp < cut).length >= minHistory
    )
    .map(([id]) => id)
    .sort((x, y) => Number(x) - Number(y) || x.localeCompare(y));
  if (eligible.length < 2) {
    throw new ConfigError(
      "--users",
      "users",
      `fewer than 2 users have ${minHistory} ratings before the cut`,
    );
  }
  const timeline = new RatingTimeline(data);
  const catalog = timeline.catalogAt(cut);
  const ids = catalog.ids();
  const genresOf = (id: string) => catalog.get(id)?.genres ?? [];
  const model = brains.includes("fitted") ? fitOnMovieLens(data, cut, { seed: base }) : null;
  const templates = brains.includes("llm") ? await loadTemplates() : null;

  const perSeed: {
    ref: Record<RealismMeasure, number>;
    sim: Record<string, ReturnType<typeof compare>>;
    shares: Record<string, number[]>;
    logKs: Record<string, number>;
  }[] = [];
  let usersUsed = 0, done = 0;
  for (let s = 0; s < nSeeds; s++) {
    const rng = new Rng(`${base}:${s}`);
    const users = options.users === "all"
      ? eligible
      : rng.fork("users").sample(eligible, options.users ?? 50)
        .sort((x, y) => Number(x) - Number(y) || x.localeCompare(y));
    usersUsed = users.length;
    const real: Behaviour = { items: new Map(), ratings: [] };
    for (const u of users) {
      const after = data.byUser.get(u)!.filter((r) => r.timestamp >= cut);
      real.items.set(u, after.map((r) => r.itemId));
      real.ratings.push(...after.map((r) => r.rating));
    }
    const realSummary = summarise(real, ids, genresOf);
    const sim: Record<string, ReturnType<typeof compare>> = {};
    const shares: Record<string, number[]> = { real: realSummary.ratingShares };
    const logKs: Record<string, number> = {};
    for (const b of brains) {
      const behaviour = await simulate(data, users, cut, catalog, b, {
        seed: `${base}:${s}`,
        rounds,
        brain: brainFor(b, model, templates, options.llm, (id) => catalog.get(id)),
        memory: b === "llm",
        timeline,
      });
      const summary = summarise(behaviour, ids, genresOf);
      sim[b] = compare(summary, realSummary);
      shares[b] = summary.ratingShares;
      logKs[b] = ksDistance(summary.logCounts, realSummary.logCounts);
      options.onProgress?.({ seed: s, brain: b, done: ++done, total: nSeeds * brains.length });
    }
    perSeed.push({ ref: referenceValues(realSummary), sim, shares, logKs });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const reference = Object.fromEntries(
    REALISM_MEASURES.map((m) => [m, mean(perSeed.map((p) => p.ref[m]))]),
  ) as Record<RealismMeasure, number>;
  const out: RealismResult["brains"] = {};
  for (const b of brains) {
    out[b] = Object.fromEntries(REALISM_MEASURES.map((m) => {
      const d = meanCI(perSeed.map((p) => p.sim[b][m].distance));
      return [m, {
        value: mean(perSeed.map((p) => p.sim[b][m].value)),
        distance: d.mean,
        // A distance is never negative; the t interval is clipped to it.
        lo: Math.max(0, d.lo),
        hi: d.hi,
      }];
    })) as Record<RealismMeasure, RealismCell>;
  }
  const keys = ["real", ...brains];
  return {
    reference,
    brains: out,
    ratingShares: Object.fromEntries(
      keys.map((k) => [k, [0, 1, 2, 3, 4].map((j) => mean(perSeed.map((p) => p.shares[k][j])))]),
    ),
    logCountKs: Object.fromEntries(brains.map((b) => [b, mean(perSeed.map((p) => p.logKs[b]))])),
    settings: {
      source: data.source,
      users: options.users ?? 50,
      usersUsed,
      eligible: eligible.length,
      rounds,
      seeds: nSeeds,
      cut,
      split,
      brains,
    },
  };
}

function brainFor(
  id: string,
  model: FittedModel | null,
  templates: PromptTemplates | null,
  llm: StructuredLlm | undefined,
  items: (id: string) => Item | undefined,
): Brain {
  switch (id) {
    case "random":
      return new RandomBrain();
    case "fitted":
      return new FittedBrain({ model: model!, items });
    case "llm":
      return new LlmBrain(llm!, templates!, {});
    default:
      return new RuleBrain({ items });
  }
}

/** Runs R rounds with agents aligned to the users' history before the cut. */
async function simulate(
  data: SelectionData,
  users: readonly string[],
  cut: number,
  catalog: Catalog,
  brainId: string,
  o: {
    seed: string;
    rounds: number;
    brain: Brain;
    memory: boolean;
    timeline: RatingTimeline;
  },
): Promise<Behaviour> {
  const agentOf = new Map(users.map((u) => [`ml:${u}`, u]));
  const before = new Map(
    users.map((u) => [u, data.byUser.get(u)!.filter((r) => r.timestamp < cut)]),
  );
  const meanCount = users.reduce((s, u) => s + before.get(u)!.length, 0) / users.length;
  // Activity aligned to how much each user rated before the cut, relative to the others.
  const profiles = users.map((u) => ({
    ...profileOfUser(data.users.get(u)!),
    activity: before.get(u)!.length / meanCount,
  }));
  const sc = parseScenario({
    name: `realism-${brainId}`,
    seed: o.seed,
    rounds: o.rounds,
    social: { graph: "none" },
    brain: { kind: "rule" },
    memory: o.memory ? {} : { enabled: false },
  }, "realism");
  const built = await buildWorld(sc, { profiles, catalog });
  const world = built.world;
  for (const [uid, list] of data.byUser) {
    const agent = users.includes(uid) ? `ml:${uid}` : `u:${uid}`;
    for (const r of list) {
      if (r.timestamp < cut && catalog.has(r.itemId)) {
        world.interactions.push({ userId: agent, itemId: r.itemId, weight: r.rating });
      }
    }
  }
  const initial = world.interactions.length;
  await world.retrain();
  for (const u of users) {
    const history = before.get(u)!.map((r) => ({
      item: catalog.get(r.itemId)!,
      rating: r.rating,
      timestamp: r.timestamp,
    })).filter((e) => e.item);
    const aligned = await agentFromHistory(data.users.get(u)!, history, { memory: false });
    const agent = world.agents.get(`ml:${u}`)!;
    Object.assign(agent.state, aligned.state);
    if (o.memory) {
      for (const e of history.slice(-20)) {
        await agent.memory.store(historySentence(e), 2 + 2 * Math.abs(e.rating - 3), 0);
      }
    }
    world.brains.set(`ml:${u}`, o.brain);
  }
  const rate = sc.drift;
  const engine = new Engine(world, {
    drift: (agent, item, rating) => {
      if (rate > 0) driftState(agent.state, item, rating, rate);
    },
    initialInteractions: initial,
  });
  await engine.run(o.rounds);
  const out: Behaviour = { items: new Map(users.map((u) => [u, []])), ratings: [] };
  for (const e of engine.log.ofType("decision")) {
    const u = agentOf.get(e.agent);
    if (u === undefined) continue;
    if (e.action.type === "watch") out.items.get(u)!.push(e.action.itemId);
    if (e.action.type === "feel") out.ratings.push(e.action.rating);
  }
  return out;
}

/**
 * The table as text: one row per brain with each measure's distance [interval], the real
 * reference values on top.
 *
 * @param r The result.
 * @returns Fixed-width text.
 */
export function formatRealismTable(r: RealismResult): string {
  const head = ["", ...REALISM_MEASURES];
  const ref = [
    "Real users (reference value)",
    ...REALISM_MEASURES.map((m) => r.reference[m].toFixed(3)),
  ];
  const rows = r.settings.brains.map((b) => [
    `${REALISM_LABELS[b] ?? b}: value`,
    ...REALISM_MEASURES.map((m) => r.brains[b][m].value.toFixed(3)),
  ]).flatMap((row, i) => {
    const b = r.settings.brains[i];
    return [row, [
      `${REALISM_LABELS[b] ?? b}: distance`,
      ...REALISM_MEASURES.map((m) => {
        const c = r.brains[b][m];
        return c.lo === c.hi
          ? c.distance.toFixed(3)
          : `${c.distance.toFixed(3)} [${c.lo.toFixed(3)}, ${c.hi.toFixed(3)}]`;
      }),
    ]];
  });
  const all = [head, ref, ...rows];
  const w = head.map((_, j) => Math.max(...all.map((x) => x[j].length)));
  return all.map((x) => x.map((v, j) => (j === 0 ? v.padEnd(w[j]) : v.padStart(w[j]))).join("  "))
    .join("\n");
}

/**
 * realism.json: exactly `{ reference, brains }`.
 *
 * @param r The result.
 * @returns The JSON text.
 */
export function realismJson(r: RealismResult): string {
  return JSON.stringify({ reference: r.reference, brains: r.brains }, null, 1);
}
