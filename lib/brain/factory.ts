/**
 * Brains from configuration: `{ kind: "rule" | "llm" | "embedding", … }` as one zod schema,
 * so a scenario file names its brains and a manifest records them. The LLM itself is not
 * configuration: the caller supplies a `StructuredLlm` (the pooled client, a replay cache).
 *
 * @module
 */
import { z } from "zod";
import { ConfigError, formatIssues } from "../core/errors.ts";
import type { Embedder } from "../llm/embedder.ts";
import type { StructuredLlm } from "../llm/types.ts";
import type { Brain } from "./brain.ts";
import { EmbeddingBrain } from "./embedding/embedding_brain.ts";
import { LlmBrain } from "./llm/llm_brain.ts";
import { loadTemplates, type PromptTemplates } from "./prompts/templates.ts";
import { ruleConfigSchema } from "./rule/config.ts";
import { RuleBrain } from "./rule/rule_brain.ts";
import type { ItemLookup } from "./rule/taste.ts";

/** Configuration of one brain. */
export const brainConfigSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("rule"),
    /** Choice-model weights (any subset). */
    weights: ruleConfigSchema.optional(),
  }),
  z.object({
    kind: z.literal("llm"),
    /** A folder of template overrides (`<name>.txt`); null for the defaults. */
    templatesDir: z.string().nullable().default(null),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
    explainCapacity: z.number().int().nonnegative().optional(),
  }),
  z.object({
    kind: z.literal("embedding"),
    threshold: z.number().min(-1).max(1).optional(),
    maxPages: z.number().int().positive().optional(),
    /** Weights of the rule brain that decides the other behaviours. */
    weights: ruleConfigSchema.optional(),
  }),
]);

/** A brain configuration (parsed). */
export type BrainConfig = z.infer<typeof brainConfigSchema>;
/** A brain configuration as written. */
export type BrainConfigInput = z.input<typeof brainConfigSchema>;

/** What a brain may need that is not configuration. */
export interface BrainDeps {
  /** The LLM for `kind: "llm"`. */
  llm?: StructuredLlm;
  /** Item lookup (rule: novelty and search; embedding: history texts). */
  items?: ItemLookup;
  /** Embedder for `kind: "embedding"` (default: hashed). */
  embedder?: Embedder;
  /** Templates already loaded (otherwise loaded from `templatesDir`). */
  templates?: PromptTemplates;
  /** Where the configuration came from, for error messages. */
  source?: string;
}

/**
 * Builds a brain from configuration.
 *
 * @param config The configuration (validated here).
 * @param deps The LLM, item lookup, embedder or templates it needs.
 * @returns The brain.
 * @throws ConfigError naming the field when the configuration is wrong or a dependency is missing.
 *
 * @example A rule brain, and an LLM brain without an LLM refused
 * ```ts
 * import { createBrain } from "@lib/brain/factory.ts";
 * import assert from "node:assert/strict";
 * const brain = await createBrain({ kind: "rule", weights: { interest: 5 } });
 * assert.equal(brain.name, "rule (RecSim-style choice model)");
 * await assert.rejects(createBrain({ kind: "llm" }, { source: "scenario.json" }), /scenario\.json: llm: kind "llm" needs a StructuredLlm/);
 * ```
 */
export async function createBrain(config: BrainConfigInput, deps: BrainDeps = {}): Promise<Brain> {
  const source = deps.source ?? "brain config";
  const parsed = brainConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new ConfigError(source, "brain", formatIssues(parsed.error.issues));
  }
  const c = parsed.data;
  switch (c.kind) {
    case "rule":
      return new RuleBrain({ config: c.weights, items: deps.items });
    case "embedding":
      return new EmbeddingBrain({
        embedder: deps.embedder,
        items: deps.items,
        threshold: c.threshold,
        maxPages: c.maxPages,
        delegate: new RuleBrain({ config: c.weights, items: deps.items }),
      });
    case "llm": {
      if (!deps.llm) {
        throw new ConfigError(source, "llm", 'kind "llm" needs a StructuredLlm in deps.llm');
      }
      const templates = deps.templates ?? await loadTemplates(c.templatesDir ?? undefined);
      return new LlmBrain(deps.llm, templates, {
        temperature: c.temperature,
        maxTokens: c.maxTokens,
        explainCapacity: c.explainCapacity,
      });
    }
  }
}
