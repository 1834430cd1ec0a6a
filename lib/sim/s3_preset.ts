/**
 * The "s3" scenario preset: S3's social network on the one engine. Its agents only read their
 * feed (a {@link FeedReader} wrapped in a {@link FeedBrain} that decides by S3's rules or by an
 * LLM), start with S3's predisposed emotion and stance (drawn from the rule parameters), and
 * read a feed that keeps a message for `feedWindow` rounds and scores it by S3's decay ×
 * relevance, the relevance being the lexical similarity of the message to the reader's profile.
 * Everything else (rounds, store, checkpoints, budgets, events) is the engine's.
 *
 * @module
 */
import type { Brain } from "../brain/brain.ts";
import type { FeedPost } from "../brain/context.ts";
import { FeedBrain } from "../brain/social/feed_brain.ts";
import { FeedReader } from "../brain/social/feed_reader.ts";
import type { S3Brain } from "../brain/social/context.ts";
import { RuleS3Brain } from "../brain/social/s3_rule.ts";
import { LlmS3Brain } from "../brain/social/social_llm.ts";
import { ConfigError } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { cosine } from "../llm/embedder.ts";
import { HashedEmbedder } from "../llm/hashed_embedder.ts";
import type { StructuredLlm } from "../llm/types.ts";
import type { Profile } from "../profile/schema.ts";
import { Catalog } from "../recsys/catalog.ts";
import { type RuleParams, ruleParams, type RuleParamsInput } from "../social/spread/params.ts";
import { initialMood } from "../social/spread/seed_event.ts";
import type { BrainSpec, Scenario } from "./scenario.ts";
import type { World } from "./world.ts";

/**
 * The rule parameters of an s3 scenario (its `brain.feed.params`).
 *
 * @param sc The scenario.
 * @returns The validated parameters.
 *
 * @example Defaults filled
 * ```ts
 * import { s3Params } from "@lib/sim/s3_preset.ts";
 * import { parseScenario } from "@lib/sim/scenario.ts";
 * import assert from "node:assert/strict";
 * const sc = parseScenario({ preset: "s3", brain: { kind: "rule", feed: { kind: "rule", params: { feedSize: 3 } } } });
 * assert.equal(s3Params(sc).feedSize, 3);
 * assert.equal(s3Params(sc).ranker, "s3");
 * ```
 */
export function s3Params(sc: Scenario): RuleParams {
  return ruleParams((sc.brain.feed?.params ?? {}) as RuleParamsInput, "scenario brain.feed.params");
}

/**
 * The brain of the agents of an s3 scenario (its `brain`, or a share's brain).
 *
 * @param spec The brain as the scenario gives it (its `feed` picks rule or LLM decisions;
 *   rule by default).
 * @param options The LLM for `feed.kind = "llm"`; S3 decision logic to use instead of the
 *   spec's (e.g. a custom LLM brain); the field and file named in errors.
 * @returns The brain.
 * @throws ConfigError when the spec asks for a brain the preset has no use for.
 *
 * @example Rule decisions on the feed, a reader for the rest; an LLM base brain is refused
 * ```ts
 * import { s3Brain } from "@lib/sim/s3_preset.ts";
 * import { parseScenario } from "@lib/sim/scenario.ts";
 * import assert from "node:assert/strict";
 * assert.match(s3Brain(parseScenario({ preset: "s3" }).brain).name, /^feed:rule .* feed reader/);
 * assert.throws(() => s3Brain(parseScenario({ preset: "s3", brain: { kind: "llm" } }).brain), /brain\.kind/);
 * ```
 */
export function s3Brain(
  spec: BrainSpec,
  options: { llm?: StructuredLlm; feed?: S3Brain; field?: string; source?: string } = {},
): Brain {
  const field = options.field ?? "brain";
  const source = options.source ?? "scenario";
  if (spec.kind !== "rule") {
    throw new ConfigError(
      source,
      `${field}.kind`,
      `expected "rule" under preset "s3" (${field}.feed.kind chooses the LLM), found "${spec.kind}"`,
    );
  }
  const kind = spec.feed?.kind ?? "rule";
  if (!options.feed && kind === "llm" && !options.llm) {
    throw new ConfigError(
      source,
      `${field}.feed.kind`,
      '"llm" needs an LLM: set OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL',
    );
  }
  const params = ruleParams(
    (spec.feed?.params ?? {}) as RuleParamsInput,
    `${source} ${field}.feed.params`,
  );
  const logic = options.feed ?? (kind === "llm" ? new LlmS3Brain(options.llm!) : new RuleS3Brain());
  return new FeedBrain(logic, new FeedReader(params), { params });
}

/** The text of a profile that relevance compares messages with. */
function profileText(p: Profile): string {
  return [p.career, ...p.interests, ...p.traits].join(" ").trim() || p.id;
}

/**
 * Sets an s3 world up: each agent's starting emotion and leaning, and the feed's window, decay
 * and relevance.
 *
 * @param world A freshly built world of the scenario.
 * @param rng The generator its draws fork from (by agent).
 *
 * @example Every agent starts predisposed
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ preset: "s3", rounds: 1, agents: { source: "csv", count: 6 },
 *   recommender: { model: { algorithm: "popular" } }, memory: { enabled: false } });
 * const a = engine.world.agent(engine.world.ids[0]).state;
 * assert.equal(typeof a.leaning, "number");
 * assert.equal(typeof a.emotion, "number");
 * ```
 */
export function setUpS3World(world: World, rng: Rng): void {
  const params = s3Params(world.scenario);
  for (const id of world.ids) {
    const r = rng.fork(`s3:init:${id}`);
    const mood = initialMood(params, r.next(), r.normal());
    const state = world.agent(id).state;
    state.emotion = mood.emotion;
    state.leaning = mood.stance;
  }
  // Lexical relevance, computed as messages are read: the feed is ranked synchronously.
  const embedder = new HashedEmbedder();
  const vectors = new Map<string, Float32Array>();
  const vector = (text: string) => {
    let v = vectors.get(text);
    if (!v) vectors.set(text, v = embedder.embedSync(text));
    return v;
  };
  world.feed.configure({
    window: params.feedWindow,
    decay: params.feedDecay,
    relevance: (viewer: string, post: FeedPost) =>
      (1 + cosine(vector(profileText(world.agent(viewer).profile)), vector(post.text))) / 2,
  });
}

/**
 * The profile of an agent known only by its id on a graph (and, when S3's studies give them,
 * its gender, age, occupation and interests), who opens its feed every round.
 *
 * @param id The agent's id.
 * @param about What is known of it.
 * @returns A profile.
 *
 * @example
 * ```ts
 * import { feedProfile } from "@lib/sim/s3_preset.ts";
 * import assert from "node:assert/strict";
 * assert.equal(feedProfile("u1", { occupation: "nurse" }).career, "nurse");
 * assert.equal(feedProfile("u1").activity, 1);
 * ```
 */
export function feedProfile(
  id: string,
  about: { gender?: string; age?: number | null; occupation?: string; description?: string } = {},
): Profile {
  return {
    id,
    name: id,
    gender: about.gender ?? "unknown",
    age: about.age ?? 0,
    traits: [],
    career: about.occupation ?? "unknown",
    interests: about.description ? [about.description] : [],
    features: [],
    // Every agent opens its feed every round, as S3's agents do.
    activity: 1,
    extras: {},
  };
}

/**
 * The smallest catalogue, for worlds whose agents never browse the recommender.
 *
 * @returns A catalogue of one item.
 *
 * @example
 * ```ts
 * import { feedOnlyCatalog } from "@lib/sim/s3_preset.ts";
 * import assert from "node:assert/strict";
 * assert.equal(feedOnlyCatalog().size, 1);
 * ```
 */
export function feedOnlyCatalog(): Catalog {
  return new Catalog([{
    id: "none",
    title: "Nothing to watch",
    genres: ["Drama"],
    year: null,
    description: "",
    popularity: 0,
    quality: 0.5,
  }]);
}
