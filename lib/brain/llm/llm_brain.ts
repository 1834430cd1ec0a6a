/**
 * The LLM brain: one structured call per decision. The prompt comes from the
 * behaviour-adaptive templates; the reply carries the decision, a short rationale or feeling,
 * and a memory with its importance, so remembering costs no extra call. Every decision leaves
 * an explanation (prompt, memories, raw reply) in a bounded log.
 *
 * @module
 */
import { z } from "zod";
import type { StructuredLlm } from "../../llm/types.ts";
import { LlmUnreachableError } from "../../llm/llm_error.ts";
import { type Brain, type Decision, fallbackAction } from "../brain.ts";
import type { DecisionContext } from "../context.ts";
import { ExplainLog, type Explanation } from "../explain.ts";
import { buildPrompt } from "../prompts/build.ts";
import type { PromptTemplates } from "../prompts/templates.ts";
import { mapReply } from "./map_reply.ts";
import { replySchema } from "./schemas.ts";

/** Options of {@link LlmBrain}. */
/** Schema of {@link LlmBrainOptions}, as a scenario's `brain.params` writes them. */
export const llmBrainOptionsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  explainCapacity: z.number().int().min(0).optional(),
});

export interface LlmBrainOptions {
  /** Sampling temperature (default: the client's). */
  temperature?: number;
  /** Completion token limit per decision (default: the client's). */
  maxTokens?: number;
  /** Explanations kept (default 1000; oldest dropped first). */
  explainCapacity?: number;
}

/**
 * An LLM-powered brain over any {@link StructuredLlm} (the pooled client, a replay cache, …).
 *
 * Accounting: `calls` is the replies a decision asked of the model (one, plus one per repair
 * of an invalid reply) and `tokens` the prompt + completion tokens recorded for them, the same whether the reply came from the server or from
 * the record/replay cache, so a replayed run logs exactly what the recorded run logged. HTTP
 * attempts, retries and cache hits are counted by the client's usage ledger.
 * Explanations: `explain(callSite)` and `explainLast(agentId)` return the prompt messages,
 * the memories used and the raw reply of a recent decision.
 *
 * @example Against the local OpenAI-compatible server
 * ```ts
 * import { LlmBrain } from "@lib/brain/llm/llm_brain.ts";
 * import { loadTemplates } from "@lib/brain/prompts/templates.ts";
 * import { LlmClient, startLocalServer } from "@lib/llm/mod.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const server = await startLocalServer({ keys: ["k-doc"] });
 * const llm = new LlmClient({ model: "local", endpoints: [{ baseUrl: server.url, keys: ["k-doc"] }], cache: { mode: "off" } });
 * const brain = new LlmBrain(llm, await loadTemplates());
 * const d = await brain.decide({ behaviour: "choose", agentId: "a", callSite: "0:a:choose:0", memories: [], rng: new Rng(1),
 *   time: { round: 0, iso: "", label: "Monday" }, unread: 0, hasFriends: false,
 *   profile: { id: "a", name: "Ann", gender: "f", age: 30, traits: [], career: "", interests: [], features: [], extras: {} },
 *   state: { genreWeights: {}, watched: [], ratings: {}, heardOf: {}, conformity: 0.5, busyRounds: 0 } });
 * assert.equal(d.action.type, "choose");
 * assert.equal(d.calls, 1);
 * assert.match(brain.explainLast("a")!.messages![1].content, /Monday/);
 * await server.stop();
 * ```
 */
export class LlmBrain implements Brain {
  readonly kind = "llm" as const;
  /** `llm:<model>`. */
  readonly name: string;
  /** The templates in use (hash them with `templateHash` for the manifest). */
  readonly templates: PromptTemplates;
  readonly #llm: StructuredLlm;
  readonly #options: LlmBrainOptions;
  readonly #log: ExplainLog;

  /**
   * @param llm The structured LLM to call.
   * @param templates The prompt templates (from `loadTemplates`).
   * @param options Sampling and explanation options.
   */
  constructor(llm: StructuredLlm, templates: PromptTemplates, options: LlmBrainOptions = {}) {
    this.#llm = llm;
    this.templates = templates;
    this.#options = options;
    this.name = `llm:${llm.model}`;
    this.#log = new ExplainLog(options.explainCapacity ?? 1000);
  }

  /**
   * Decides with one structured call. A failed call, an invalid reply or an unrepairable
   * reference gives the fallback action with `failure` set; only an endpoint that looks
   * unusable (LlmUnreachableError) is thrown, so the run stops.
   *
   * @param ctx The context.
   * @returns The decision.
   */
  async decide(ctx: DecisionContext): Promise<Decision> {
    let messages: Explanation["messages"] = null;
    try {
      messages = buildPrompt(ctx, this.templates);
      const result = await this.#llm.complete({
        messages,
        schema: replySchema(ctx),
        schemaName: `socius_${ctx.behaviour}`,
        meta: { agentId: ctx.agentId, behaviour: ctx.behaviour, seed: ctx.callSite },
        temperature: this.#options.temperature,
        maxTokens: this.#options.maxTokens,
      });
      // A repair is a reply asked of the model like the first one, so it counts as a call.
      const calls = result.calls ?? 1;
      const tokens = result.usage.promptTokens + result.usage.completionTokens;
      const base = { brain: this.kind, calls, tokens, cached: result.cached };
      if (!result.ok) {
        return this.#fail(ctx, messages, result.raw ?? null, `llm: ${result.error}`, base);
      }
      const mapped = mapReply(ctx, result.value);
      if (!mapped.ok) return this.#fail(ctx, messages, result.raw, `reply: ${mapped.error}`, base);
      const reply = result.value;
      const text = reply.memory.trim() || reply.rationale.trim();
      const importance = Number.isFinite(reply.importance)
        ? Math.min(10, Math.max(1, Math.round(reply.importance)))
        : 3;
      this.#record(ctx, messages, result.raw, mapped.action, null, mapped.repairs);
      return {
        ...base,
        action: mapped.action,
        rationale: reply.rationale.trim(),
        memory: text ? { text, importance } : null,
        failure: null,
      };
    } catch (e) {
      if (e instanceof LlmUnreachableError) throw e;
      const why = `brain: ${e instanceof Error ? e.message : String(e)}`;
      return this.#fail(ctx, messages, null, why, {
        brain: this.kind,
        calls: 0,
        tokens: 0,
        cached: false,
      });
    }
  }

  /**
   * @param callSite A decision's call site.
   * @returns Its explanation (prompt, memories, raw reply, repairs), or null.
   */
  explain(callSite: string): Explanation | null {
    return this.#log.get(callSite);
  }

  /**
   * @param agentId An agent.
   * @returns Its latest explanation, or null.
   */
  explainLast(agentId: string): Explanation | null {
    return this.#log.last(agentId);
  }

  #fail(
    ctx: DecisionContext,
    messages: Explanation["messages"],
    raw: string | null,
    failure: string,
    base: Pick<Decision, "brain" | "calls" | "tokens" | "cached">,
  ): Decision {
    const action = fallbackAction(ctx);
    this.#record(ctx, messages, raw, action, failure, []);
    return { ...base, action, rationale: "", memory: null, failure };
  }

  #record(
    ctx: DecisionContext,
    messages: Explanation["messages"],
    raw: string | null,
    action: Decision["action"],
    failure: string | null,
    repairs: string[],
  ): void {
    this.#log.note(ctx, this, { messages, raw, scores: null, repairs, action, failure });
  }
}
