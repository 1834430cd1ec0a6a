/**
 * The scenario: everything a run needs, validated by zod. Unknown fields are rejected (a typo
 * must not silently fall back to a default) and every error names the file and the field.
 *
 * @module
 */
import { RANKERS } from "../social/feed_rank.ts";
import { z } from "zod";
import { ConfigError, formatPath } from "../core/errors.ts";
import { decodeText } from "../core/text_file.ts";
import { RecommenderConfigSchema } from "../recsys/config.ts";
import { ruleConfigSchema } from "../brain/rule/config.ts";
import { llmBrainOptionsSchema } from "../brain/llm/llm_brain.ts";
import { memoryConfigSchema } from "../memory/config.ts";
import { LlmConfig } from "../llm/config.ts";
import { profileSchema } from "../profile/schema.ts";
import { checkFields } from "./strict_fields.ts";

/**
 * Refinement that checks an open record against the schema of the module that reads it
 * (unknown keys at any depth, types, ranges) while keeping the record as written.
 */
function readBy(schema: z.ZodType) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    for (const issue of checkFields(schema, value)) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  };
}

const agentsSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("csv"),
    /** Relative paths resolve against the project root. */
    path: z.string().default("data/profiles.csv"),
    count: z.number().int().positive().optional(),
    /**
     * When `count` passes the file's rows, synthesise the rest from the file's own
     * distributions (default true); false makes that an error.
     */
    synthesize: z.boolean().optional(),
  }),
  z.strictObject({
    source: z.literal("movielens"),
    dir: z.string(),
    format: z.enum(["ml-100k", "ml-1m"]),
    count: z.number().int().positive().optional(),
  }),
]);

const catalogSchema = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("vega") }),
  z.strictObject({
    source: z.literal("movielens"),
    dir: z.string(),
    format: z.enum(["ml-100k", "ml-1m"]),
  }),
  z.strictObject({ source: z.literal("file"), path: z.string() }),
]);

const recommenderSchema = z.strictObject({
  /** The algorithm and its parameters (exploration included), as lib/recsys configures it. */
  model: RecommenderConfigSchema.prefault({ algorithm: "mf" }),
  /** Retrain every k rounds on all interactions so far (the original never retrains). */
  retrainEvery: z.number().int().positive().default(1),
  pageSize: z.number().int().positive().default(5),
});

const socialSchema = z.strictObject({
  graph: z.enum(["ba", "ws", "er", "homophily", "csv", "none"]).default("ba"),
  /** BA: edges per new node. */
  m: z.number().int().positive().default(2),
  /** WS: neighbours per node (even). */
  k: z.number().int().positive().default(4),
  /** WS: rewiring probability. */
  beta: z.number().min(0).max(1).default(0.1),
  /** ER: edge probability. */
  p: z.number().min(0).max(1).default(0.05),
  /** Homophily strength (0 = random, larger = more similar friends). */
  homophily: z.number().min(0).default(2),
  /** Homophily: friends per agent. */
  degree: z.number().int().positive().default(4),
  /** CSV edge list (source,target[,type,closeness]). */
  path: z.string().optional(),
  /** How the social feed is ranked (default chronological). */
  ranker: z.enum(RANKERS).optional(),
  /** Messages shown on the social feed per turn (default 10). */
  feedSize: z.number().int().positive().optional(),
});

const brainSchema = z.strictObject({
  kind: z.enum(["rule", "llm", "embedding"]).default("rule"),
  /** Brain parameters: rule weights (rule, embedding) or sampling options (llm). */
  params: z.record(z.string(), z.unknown()).default({}),
  /** A folder of prompt templates overriding the defaults (LLM brain). */
  templates: z.string().optional(),
  /**
   * S3's feed decisions (repost, post or nothing, with emotion and stance) for social turns
   * whose feed holds messages, by rules or by the LLM; the brain above decides the rest.
   */
  feed: z.strictObject({
    kind: z.enum(["rule", "llm"]).default("rule"),
    /** S3 rule parameters (share, emotion and confidence settings). */
    params: z.record(z.string(), z.unknown()).default({}),
  }).optional(),
}).superRefine((b, ctx) => {
  const schema = b.kind === "llm" ? llmBrainOptionsSchema : ruleConfigSchema;
  for (const issue of checkFields(schema, b.params)) {
    ctx.addIssue({ code: "custom", path: ["params", ...issue.path], message: issue.message });
  }
});

/**
 * One share of a mixed population: a brain and the agents that get it, named (`agents`),
 * counted (`count`) or as a part of the population (`fraction`). The other agents keep the
 * scenario's `brain`.
 */
const brainShareSchema = z.strictObject({
  brain: brainSchema,
  /** Part of the whole population (0–1), drawn with the run's seed. */
  fraction: z.number().min(0).max(1).optional(),
  /** Number of agents, drawn with the run's seed. */
  count: z.number().int().min(0).optional(),
  /** These agents, by id. */
  agents: z.array(z.string()).min(1).optional(),
}).superRefine((s, ctx) => {
  const given = (["fraction", "count", "agents"] as const).filter((k) => s[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      path: [],
      message: `expected exactly one of fraction, count and agents, found ${
        given.length ? given.join(" and ") : "none"
      }`,
    });
  }
});

/** Shares may not ask for more than the whole population, nor name an agent twice. */
function checkShares(shares: z.infer<typeof brainShareSchema>[], ctx: z.RefinementCtx): void {
  const total = shares.reduce((sum, s) => sum + (s.fraction ?? 0), 0);
  if (total > 1 + 1e-9) {
    ctx.addIssue({
      code: "custom",
      path: [],
      message: `expected fractions summing to at most 1, found ${+total.toFixed(6)}`,
    });
  }
  const seen = new Set<string>();
  shares.forEach((s, i) =>
    (s.agents ?? []).forEach((id, j) => {
      if (seen.has(id)) {
        ctx.addIssue({
          code: "custom",
          path: [i, "agents", j],
          message: `expected each agent in one share only, found "${id}" twice`,
        });
      }
      seen.add(id);
    })
  );
}

/** What `memory` may hold: the memory module's settings plus the switch. */
const memorySettingsSchema = memoryConfigSchema.extend({ enabled: z.boolean().optional() });

/** What `llm` may hold: the LLM client's settings, endpoints excepted. */
const llmSettingsSchema = LlmConfig.omit({ endpoints: true }).partial();

const sessionSchema = z.strictObject({
  /** Pages an agent may browse in one recommender visit. */
  maxPages: z.number().int().positive().default(3),
  /** Items an agent may watch in one visit. */
  maxWatches: z.number().int().positive().default(2),
  /** Rounds an agent stays busy after watching (it cannot act meanwhile). */
  watchBusyRounds: z.number().int().min(0).default(0),
  /** Memories retrieved for each decision. */
  memoryTopK: z.number().int().positive().default(5),
});

/** Schema of one intervention. */
export const interventionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    round: z.number().int().min(0),
    kind: z.literal("set_profile"),
    agent: z.string(),
    /** Fields of the profile to replace (traits, interests, …). */
    patch: z.record(z.string(), z.unknown()).superRefine(
      readBy(profileSchema.omit({ id: true }).partial()),
    ),
  }),
  z.strictObject({
    round: z.number().int().min(0),
    kind: z.literal("heterogeneous_friends"),
    /** New friends per agent, chosen among the most different interests. */
    count: z.number().int().positive().default(1),
    /** Agents to rewire (all when absent). */
    agents: z.array(z.string()).optional(),
  }),
  z.strictObject({
    round: z.number().int().min(0),
    kind: z.literal("inject_message"),
    text: z.string(),
    items: z.array(z.string()).default([]),
    /** Recipients (all agents when absent). */
    to: z.array(z.string()).optional(),
  }),
  z.strictObject({
    round: z.number().int().min(0),
    kind: z.literal("exploration"),
    /** Items of each page replaced by random unseen ones (0 switches exploration off). */
    randomItems: z.number().int().min(0),
    everyRounds: z.number().int().positive().default(1),
  }),
]);

/** Schema of a scenario. */
export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[\w.-]+$/, "expected letters, digits, '.', '-' and '_' only").default(
    "run",
  ),
  seed: z.union([z.number().int(), z.string()]).default(1),
  rounds: z.number().int().positive().default(10),
  /** Simulated start (ISO, UTC). */
  start: z.iso.datetime().default("2026-01-03T08:00:00Z"),
  /** Simulated hours per round (RecAgent: 5). */
  roundHours: z.number().positive().default(5),
  agents: agentsSchema.default({ source: "csv", path: "data/profiles.csv" }),
  activity: z.strictObject({
    alpha: z.number().positive().default(1.5),
    xMin: z.number().positive().default(1),
    /** Probability of acting per unit of activity per round. */
    rate: z.number().positive().default(0.3),
  }).default({ alpha: 1.5, xMin: 1, rate: 0.3 }),
  catalog: catalogSchema.default({ source: "vega" }),
  recommender: recommenderSchema.prefault({}),
  social: socialSchema.default({
    graph: "ba",
    m: 2,
    k: 4,
    beta: 0.1,
    p: 0.05,
    homophily: 2,
    degree: 4,
  }),
  brain: brainSchema.default({ kind: "rule", params: {} }),
  /**
   * A mixed population: shares of the agents that get another brain than `brain` (e.g. 10 %
   * through an LLM, the rest rule-driven). Drawn with the run's seed; the manifest records who
   * got which brain.
   */
  brains: z.array(brainShareSchema).superRefine(checkShares).default([]),
  session: sessionSchema.default({ maxPages: 3, maxWatches: 2, watchBusyRounds: 0, memoryTopK: 5 }),
  /** Interest drift rate after consuming (0 switches drift off). */
  drift: z.number().min(0).max(1).default(0.1),
  /** Agents deciding at the same time (LLM calls in flight). */
  concurrency: z.number().int().positive().default(32),
  /**
   * Memory settings passed to the memory module; `enabled: false` keeps no memories (rule-brain
   * runs at scale only).
   */
  memory: z.record(z.string(), z.unknown()).superRefine(readBy(memorySettingsSchema)).default({}),
  /**
   * LLM settings passed to the LLM layer (model, timeouts, retries, repairs, cache, prices).
   * Endpoints and keys come only from the environment, so no key is ever written into a
   * scenario or a run's manifest.
   */
  llm: z.record(z.string(), z.unknown()).refine((o) => !("endpoints" in o) && !("keys" in o), {
    message:
      "endpoints and API keys come from OPENAI_BASE_URL and OPENAI_API_KEY, never from a scenario file",
  }).superRefine(readBy(llmSettingsSchema)).default({}),
  interventions: z.array(interventionSchema).default([]),
  /** Hard caps on LLM use: the run stops cleanly before a round that would pass one. */
  budget: z.strictObject({
    calls: z.number().int().positive().optional(),
    tokens: z.number().int().positive().optional(),
  }).default({}),
});

/** A validated scenario with defaults filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a scenario file may contain. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** One intervention. */
export type Intervention = Scenario["interventions"][number];
/** A brain as a scenario describes it (its `brain`, or the brain of a share). */
export type BrainSpec = Scenario["brain"];
/** One share of a mixed population. */
export type BrainShare = Scenario["brains"][number];

/**
 * Whether any agent of the scenario decides through an LLM (its brain, a share's brain, or
 * either one's feed decisions), so that a command knows to make a client.
 *
 * @param sc A validated scenario.
 * @returns True when an LLM is needed.
 *
 * @example A share of LLM agents needs an LLM
 * ```ts
 * import { parseScenario, scenarioNeedsLlm } from "@lib/sim/scenario.ts";
 * import assert from "node:assert/strict";
 * assert.equal(scenarioNeedsLlm(parseScenario({})), false);
 * const mixed = parseScenario({ brains: [{ brain: { kind: "llm" }, fraction: 0.1 }] });
 * assert.equal(scenarioNeedsLlm(mixed), true);
 * ```
 */
export function scenarioNeedsLlm(sc: Scenario): boolean {
  return [sc.brain, ...sc.brains.map((s) => s.brain)].some((b) =>
    b.kind === "llm" || b.feed?.kind === "llm"
  );
}
/** An intervention applied now, as a caller writes it (no round; defaults allowed). */
export type InterventionInput = z.input<typeof interventionSchema> extends infer I
  ? I extends { round: number } ? Omit<I, "round"> : never
  : never;

/**
 * Validates a scenario object.
 *
 * @param input The parsed JSON (or an object built in a notebook).
 * @param source Where it came from, for messages.
 * @returns The scenario with defaults.
 *
 * @example A bad field is named
 * ```ts
 * import { parseScenario } from "@lib/sim/scenario.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseScenario({}).rounds, 10);
 * assert.throws(() => parseScenario({ rounds: -1 }, "s.json"), /s\.json: rounds: /);
 * assert.throws(() => parseScenario({ rouns: 3 }, "s.json"), /s\.json: \(root\): .*rouns/);
 * ```
 */
export function parseScenario(input: unknown, source = "scenario"): Scenario {
  const r = scenarioSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ConfigError(
    source,
    formatPath(issue.path) || "(root)",
    withFound(issue.message, input, issue.path),
  );
}

/** zod's "Invalid input: expected number, received string" gains the value that was found. */
function withFound(message: string, input: unknown, path: readonly PropertyKey[]): string {
  const m = /^Invalid input: (expected [^,]+), received (\w+)$/.exec(message) ??
    /^Invalid option: (expected one of .+)$/.exec(message);
  if (!m) return message;
  let v: unknown = input;
  for (const k of path) v = (v as Record<PropertyKey, unknown> | undefined)?.[k];
  const shown = v === undefined ? m[2] ?? "nothing" : JSON.stringify(v);
  return `${m[1]}, found ${shown && shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`;
}

/**
 * Reads and validates a scenario file.
 *
 * @param path A JSON file.
 * @returns The scenario.
 */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    const decoded = decodeText(await Deno.readFile(path));
    text = decoded.text;
    if (decoded.encoding !== "utf-8") {
      console.error(`note: ${path} is not valid UTF-8; read as Windows-1252 (Latin-1)`);
    }
  } catch (e) {
    throw new ConfigError(path, "(file)", `cannot read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(path, "(file)", `not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(json, path);
}
