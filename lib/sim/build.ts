/**
 * Builds a world from a scenario: catalog, population, activity levels, friend graph,
 * recommender (trained on any initial data), search, memories and brains. Every random
 * choice forks from the scenario's seed by name.
 *
 * @module
 */
import { FeedBrain } from "../brain/social/feed_brain.ts";
import { RuleS3Brain } from "../brain/social/s3_rule.ts";
import { LlmS3Brain } from "../brain/social/social_llm.ts";
import type { RuleParamsInput } from "../social/spread/params.ts";
import { LlmBrain } from "../brain/llm/llm_brain.ts";
import { loadTemplates } from "../brain/prompts/templates.ts";
import { RuleBrain } from "../brain/rule/rule_brain.ts";
import type { Brain } from "../brain/brain.ts";
import { ConfigError, DataError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Embedder } from "../llm/embedder.ts";
import { defaultEmbedder } from "../llm/default_embedder.ts";
import type { StructuredLlm } from "../llm/types.ts";
import { CachedEmbedder } from "../memory/embed_cache.ts";
import type { MemoryHooks } from "../memory/agent_memory.ts";
import { memoryConfig as memoryConfigOf } from "../memory/config.ts";
import { llmInsightWriter, llmReflector } from "../memory/llm_hooks.ts";
import { readProfilesCsv } from "../profile/handcrafted.ts";
import { alignedProfiles } from "../profile/movielens_profiles.ts";
import { readMovieLens } from "../profile/movielens_read.ts";
import type { Profile } from "../profile/schema.ts";
import { synthesizeProfiles } from "../profile/synthesize.ts";
import type { Catalog } from "../recsys/catalog.ts";
import { createRecommender } from "../recsys/config.ts";
import type { Interaction } from "../recsys/item.ts";
import { loadMovieLens, ratingsToInteractions } from "../recsys/load_movielens.ts";
import { loadUserCatalog } from "../recsys/load_user.ts";
import { loadVegaCatalog } from "../recsys/load_vega.ts";
import { ItemSearch } from "../recsys/search.ts";
import { barabasiAlbert } from "../social/barabasi_albert.ts";
import { erdosRenyi } from "../social/erdos_renyi.ts";
import { SocialGraph } from "../social/graph.ts";
import { homophilyGraph } from "../social/homophily.ts";
import { loadEdgeCsv } from "../social/load_csv.ts";
import { wattsStrogatz } from "../social/watts_strogatz.ts";
import { drawActivity } from "./activity.ts";
import { initialState, type SimAgent } from "./agent.ts";
import { TasteTable } from "../brain/rule/taste_table.ts";
import { MemoryAdapter } from "./memory_port.ts";
import { NoMemory } from "./no_memory.ts";
import type { BrainSpec, Scenario } from "./scenario.ts";
import { assignBrains } from "./brain_mix.ts";
import { checkInterventions } from "./check_interventions.ts";
import { s3Brain, setUpS3World } from "./s3_preset.ts";
import { World } from "./world.ts";

/** Project root: relative paths in scenarios resolve against it. */
export const PROJECT_ROOT: string = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Options of {@link buildWorld}. */
export interface BuildOptions {
  /** The LLM for `brain.kind = "llm"` (e.g. `createLlmFromEnv()`). */
  llm?: StructuredLlm;
  /** Embedder for memory and search (default: {@link defaultEmbedder}). */
  embedder?: Embedder;
  /** Profiles to use instead of the scenario's source. */
  profiles?: Profile[];
  /** A catalog to use instead of the scenario's source. */
  catalog?: Catalog;
  /** Where the scenario file was, for resolving relative paths (default: project root). */
  baseDir?: string;
  /** Where the scenario came from (its file), named in errors (default "scenario"). */
  source?: string;
}

/** How many profiles came from the source and how many were synthesised from it. */
export interface PopulationCounts {
  real: number;
  synthesized: number;
}

/** A built world and what the engine needs to know about it. */
export interface Built {
  world: World;
  /** Interactions that came from data (not from the simulation). */
  initialInteractions: number;
  /** The embedder memories share (needed to restore them). */
  embedder: Embedder;
  /** What the catalog loader dropped or fixed. */
  catalogReport: unknown;
  /** The LLM-backed memory steps of an agent (none for offline brains). */
  memoryHooks: (agentId: string) => MemoryHooks;
  /** Real and synthesised profiles (recorded in the manifest). */
  population: PopulationCounts;
  /** The scenario's `brain`, the one every agent outside a share has. */
  brain: Brain;
  /** Who got which brain in a mixed population (empty when the scenario has no shares). */
  brains: BrainAssignment[];
}

/** The agents of one brain in a mixed population (recorded in the manifest). */
export interface BrainAssignment {
  /** The brain's name. */
  brain: string;
  /** Index of its share in the scenario's `brains`, null for the scenario's `brain`. */
  share: number | null;
  agents: string[];
}

function resolvePath(path: string, baseDir: string): string {
  return path.startsWith("/") ? path : `${baseDir}/${path}`;
}

async function loadCatalog(
  sc: Scenario,
  baseDir: string,
): Promise<{ catalog: Catalog; interactions: Interaction[]; report: unknown }> {
  const c = sc.catalog;
  if (c.source === "vega") {
    const { catalog, report } = await loadVegaCatalog();
    return { catalog, interactions: [], report };
  }
  if (c.source === "movielens") {
    const loaded = await loadMovieLens(
      resolvePath(c.dir, baseDir),
      c.format === "ml-100k" ? "100k" : "1m",
    );
    return {
      catalog: loaded.catalog,
      interactions: ratingsToInteractions(loaded.ratings, { minRating: 4 }),
      report: loaded.report,
    };
  }
  const { catalog, report } = await loadUserCatalog(resolvePath(c.path, baseDir));
  return { catalog, interactions: [], report };
}

async function loadProfiles(
  sc: Scenario,
  baseDir: string,
  rng: Rng,
  source: string,
): Promise<{ profiles: Profile[]; counts: PopulationCounts }> {
  const a = sc.agents;
  const file = a.source === "csv" ? a.path : a.dir;
  const profiles = a.source === "csv"
    ? [...(await readProfilesCsv(resolvePath(a.path, baseDir))).profiles]
    : alignedProfiles(await readMovieLens(resolvePath(a.dir, baseDir))).profiles;
  if (profiles.length === 0) {
    throw new DataError(file, 0, "expected at least one profile after the header, found none");
  }
  const count = a.count ?? profiles.length;
  if (count <= profiles.length) {
    return { profiles: profiles.slice(0, count), counts: { real: count, synthesized: 0 } };
  }
  if (a.source !== "csv" || a.synthesize === false) {
    const why = a.source === "csv"
      ? "agents.synthesize is false"
      : "profiles aligned to dataset users are not synthesised";
    throw new ConfigError(
      source,
      "agents.count",
      `expected at most ${profiles.length} (the profiles in ${file}; ${why}), found ${count}`,
    );
  }
  const extra = synthesizeProfiles(profiles, count - profiles.length, rng.fork("synthesize"), file);
  return {
    profiles: [...profiles, ...extra],
    counts: { real: profiles.length, synthesized: extra.length },
  };
}

async function buildGraph(
  sc: Scenario,
  profiles: Profile[],
  rng: Rng,
  baseDir: string,
  source: string,
) {
  const s = sc.social;
  const ids = profiles.map((p) => p.id);
  const n = ids.length;
  const opts = { rng: rng.fork("graph"), ids };
  switch (s.graph) {
    case "ba":
      return barabasiAlbert(n, s.m, opts);
    case "ws":
      if (s.k % 2 !== 0) {
        throw new ConfigError(source, "social.k", `expected an even number, found ${s.k}`);
      }
      return wattsStrogatz(n, s.k, s.beta, opts);
    case "er":
      return erdosRenyi(n, s.p, opts);
    case "homophily":
      return homophilyGraph(profiles.map((p) => ({ id: p.id, interests: p.interests })), {
        rng: rng.fork("graph"),
        ties: s.degree,
        strength: s.homophily,
      });
    case "csv": {
      if (!s.path) {
        throw new ConfigError(
          source,
          "social.path",
          'expected an edge-list file for graph "csv", found none',
        );
      }
      const g = await loadEdgeCsv(resolvePath(s.path, baseDir), { agents: new Set(ids) });
      for (const id of ids) g.addNode(id);
      return g;
    }
    case "none":
      return new SocialGraph(ids);
  }
}

/**
 * Makes the brain the scenario names.
 *
 * @param sc The scenario.
 * @param catalog The catalog (the rule brain looks items up).
 * @param options The LLM, when the scenario asks for one.
 * @returns One brain shared by every agent that has it (brains keep no per-agent state).
 */
export function scenarioBrain(
  sc: Scenario,
  catalog: Catalog,
  options: BuildOptions,
): Promise<Brain> {
  return brainFrom(sc.brain, "brain", catalog, options, sc.preset);
}

async function brainFrom(
  spec: BrainSpec,
  field: string,
  catalog: Catalog,
  options: BuildOptions,
  preset?: Scenario["preset"],
): Promise<Brain> {
  if (preset === "s3") {
    return s3Brain(spec, { llm: options.llm, field, source: options.source });
  }
  const base = await baseBrain(spec, field, catalog, options);
  const feed = spec.feed;
  if (!feed) return base;
  if (feed.kind === "llm" && !options.llm) {
    throw new ConfigError(
      options.source ?? "scenario",
      `${field}.feed.kind`,
      '"llm" needs an LLM: set OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL',
    );
  }
  const s3 = feed.kind === "llm"
    ? new LlmS3Brain(options.llm!, { comments: true })
    : new RuleS3Brain();
  return new FeedBrain(s3, base, { params: feed.params as RuleParamsInput });
}

async function baseBrain(
  b: BrainSpec,
  field: string,
  catalog: Catalog,
  options: BuildOptions,
): Promise<Brain> {
  if (b.kind === "llm") {
    if (!options.llm) {
      throw new ConfigError(
        options.source ?? "scenario",
        `${field}.kind`,
        '"llm" needs an LLM: set OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL',
      );
    }
    return new LlmBrain(options.llm, await loadTemplates(b.templates), b.params);
  }
  return new RuleBrain({ config: b.params, items: (id) => catalog.get(id) });
}

/** Each agent's brain spec, and one brain per spec, for the scenario's population. */
async function populationBrains(
  sc: Scenario,
  ids: readonly string[],
  rng: Rng,
  catalog: Catalog,
  options: BuildOptions,
) {
  const source = options.source ?? "scenario";
  const share = assignBrains(sc.brains, ids, rng.fork("brains"), source);
  const main = await brainFrom(sc.brain, "brain", catalog, options, sc.preset);
  const shared = await Promise.all(
    sc.brains.map((s, i) => brainFrom(s.brain, `brains[${i}].brain`, catalog, options, sc.preset)),
  );
  const specOf = (id: string) => {
    const i = share.get(id);
    return i === undefined ? sc.brain : sc.brains[i].brain;
  };
  const brainOf = (id: string) => {
    const i = share.get(id);
    return i === undefined ? main : shared[i];
  };
  const assignment: BrainAssignment[] = sc.brains.length === 0 ? [] : [
    { brain: main.name, share: null, agents: ids.filter((id) => !share.has(id)) },
    ...shared.map((b, i) => ({
      brain: b.name,
      share: i,
      agents: ids.filter((id) => share.get(id) === i),
    })),
  ];
  return { main, specOf, brainOf, assignment };
}

/**
 * Builds the world a scenario describes.
 *
 * @param sc A validated scenario.
 * @param options LLM, embedder, and data overrides.
 * @returns The world at round 0, with the recommender trained on any initial data.
 */
export async function buildWorld(sc: Scenario, options: BuildOptions = {}): Promise<Built> {
  const baseDir = options.baseDir ?? PROJECT_ROOT;
  const rng = new Rng(sc.seed);
  const loaded = options.catalog
    ? { catalog: options.catalog, interactions: [], report: null }
    : await loadCatalog(sc, baseDir);
  const { catalog } = loaded;
  const source = options.source ?? "scenario";
  const loadedProfiles = options.profiles
    ? { profiles: options.profiles, counts: { real: options.profiles.length, synthesized: 0 } }
    : await loadProfiles(sc, baseDir, rng, source);
  const { profiles } = loadedProfiles;
  const ids = profiles.map((p) => p.id);
  // Everything a round would only find out later is checked before the world exists, so a
  // bad scenario never leaves a run folder behind.
  checkInterventions(sc.interventions, profiles, catalog, source);
  const activity = drawActivity(
    ids,
    new Map(profiles.map((p) => [p.id, p.activity])),
    sc.activity,
    rng,
  );
  const graph = await buildGraph(sc, profiles, rng, baseDir, source);
  const kinds = new Set([sc.brain.kind, ...sc.brains.map((s) => s.brain.kind)]);
  // Memory and search read text with the real embedder when any agent's brain reads text.
  const textKind = ["llm", "embedding"].find((k) => kinds.has(k as BrainSpec["kind"]));
  const { enabled = true, ...memoryConfig } = sc.memory;
  if (!enabled && textKind !== undefined) {
    throw new ConfigError(
      source,
      "memory.enabled",
      "only the rule brain can run without memory",
    );
  }
  const brains = await populationBrains(sc, ids, rng, catalog, options);
  const embedder = new CachedEmbedder(
    options.embedder ?? await defaultEmbedder({ brain: textKind ?? "rule" }),
  );
  const memoryHooks = (agentId: string): MemoryHooks => {
    if (brains.specOf(agentId).kind !== "llm" || !options.llm) return {};
    const owner = { agentId, seed: sc.name };
    const c = memoryConfigOf(memoryConfig);
    return {
      insightWriter: llmInsightWriter(options.llm, owner),
      reflector: llmReflector(options.llm, owner, {
        topicWords: c.topicWords,
        minCount: c.reflectionMinCount,
      }),
    };
  };
  // A memory that keeps nothing has no state: a million agents share one.
  const none = new NoMemory();
  const newMemory = (id: string) =>
    enabled
      ? MemoryAdapter.create(embedder, rng.fork(`memory:${id}`), memoryConfig, memoryHooks(id))
      : none;
  const tastes = new TasteTable();
  const agents: SimAgent[] = profiles.map((profile) => ({
    id: profile.id,
    profile,
    state: initialState(profile, tastes),
    memory: newMemory(profile.id),
    inbox: [],
    activity: activity.get(profile.id)!,
  }));
  const recommender = createRecommender(
    sc.recommender.model,
    catalog,
    { rng: rng.fork("recommender"), source: "scenario recommender.model" },
  );
  const world = new World({
    scenario: sc,
    rng,
    catalog,
    recommender,
    search: await ItemSearch.create(catalog, embedder),
    graph,
    agents,
    brains: new Map(ids.map((id) => [id, brains.brainOf(id)])),
    interactions: loaded.interactions.slice(),
    newMemory,
    tastes,
  });
  if (sc.preset === "s3") setUpS3World(world, rng);
  await world.retrain();
  return {
    world,
    initialInteractions: loaded.interactions.length,
    embedder,
    catalogReport: loaded.report,
    memoryHooks,
    population: loadedProfiles.counts,
    brain: brains.main,
    brains: brains.assignment,
  };
}
