/**
 * The paper's "Embedding" baseline: an agent is the mean embedding of what it watched, and it
 * watches the page item closest to that mean (cosine) when the similarity clears a threshold,
 * else asks for the next page or, past the last page it is willing to see, leaves. Behaviours
 * other than browsing are delegated to another brain (by default the rule brain), and those
 * decisions say so: their `brain` is the delegate's kind.
 *
 * @module
 */
import { cosine, type Embedder } from "../../llm/embedder.ts";
import { HashedEmbedder } from "../../llm/hashed_embedder.ts";
import type { Item } from "../../recsys/item.ts";
import type { Brain, Decision } from "../brain.ts";
import type { BrowseContext, DecisionContext } from "../context.ts";
import { browseDecision } from "../browse_decision.ts";
import { ExplainLog, type Explanation } from "../explain.ts";
import { RuleBrain } from "../rule/rule_brain.ts";
import type { ItemLookup } from "../rule/taste.ts";

/** Options of {@link EmbeddingBrain}. */
export interface EmbeddingBrainOptions {
  /** Text embedder (default: the offline hashed embedder). */
  embedder?: Embedder;
  /** Finds watched items by id, for the history texts. Without it the history is the memories. */
  items?: ItemLookup;
  /** Minimum cosine to watch the best item (default 0.1). */
  threshold?: number;
  /** Pages the agent is willing to see before leaving (default 3). */
  maxPages?: number;
  /** Decides every behaviour but browsing (default: a rule brain with the same lookup). */
  delegate?: Brain;
  /** Explanations kept (default 1000). */
  explainCapacity?: number;
}

/**
 * The text of an item that gets embedded.
 *
 * @param item An item.
 * @returns "Title. Genre, Genre. Description".
 */
export function itemText(item: Item): string {
  return `${item.title}. ${item.genres.join(", ")}. ${item.description}`;
}

/**
 * Embedding baseline brain.
 *
 * @example Picks the page item most like the history
 * ```ts
 * import { EmbeddingBrain } from "@lib/brain/embedding/embedding_brain.ts";
 * import assert from "node:assert/strict";
 * const brain = new EmbeddingBrain();
 * const [space, romance] = await brain.scoreTexts(
 *   ["space station sci-fi thriller", "alien planet sci-fi"],
 *   ["sci-fi space adventure", "romantic comedy in Paris"],
 * );
 * assert.ok(space > romance);
 * ```
 */
export class EmbeddingBrain implements Brain {
  readonly kind = "embedding" as const;
  readonly name: string;
  readonly #embedder: Embedder;
  readonly #items?: ItemLookup;
  readonly #threshold: number;
  readonly #maxPages: number;
  readonly #delegate: Brain;
  readonly #log: ExplainLog;
  readonly #cache = new Map<string, Float32Array>();

  /** @param options Embedder, item lookup, threshold and delegate. */
  constructor(options: EmbeddingBrainOptions = {}) {
    this.#embedder = options.embedder ?? new HashedEmbedder();
    this.#items = options.items;
    this.#threshold = options.threshold ?? 0.1;
    this.#maxPages = options.maxPages ?? 3;
    this.#delegate = options.delegate ?? new RuleBrain({ items: options.items });
    this.#log = new ExplainLog(options.explainCapacity ?? 1000);
    this.name =
      `embedding baseline (${this.#embedder.name}; other behaviours: ${this.#delegate.name})`;
  }

  /**
   * Cosine between the mean embedding of history texts and each candidate text.
   *
   * @param history Texts of what the agent consumed.
   * @param candidates Texts to score.
   * @returns One score per candidate (0 for all when the history is empty).
   */
  async scoreTexts(history: readonly string[], candidates: readonly string[]): Promise<number[]> {
    const mean = await this.#mean(history);
    const vecs = await this.#embed(candidates);
    return vecs.map((v) => (mean ? cosine(mean, v) : 0));
  }

  /**
   * Scores candidate items against history items (the Table 3 selection protocol).
   *
   * @param history Items the agent consumed.
   * @param candidates Items to score.
   * @returns One cosine per candidate.
   */
  scoreItems(history: readonly Item[], candidates: readonly Item[]): Promise<number[]> {
    return this.scoreTexts(history.map(itemText), candidates.map(itemText));
  }

  /**
   * Browsing is decided by similarity; other behaviours go to the delegate.
   *
   * @param ctx The context.
   * @returns The decision.
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    return ctx.behaviour === "browse" ? this.#browse(ctx) : this.#delegate.decide(ctx);
  }

  /**
   * @param callSite A decision's call site.
   * @returns Its explanation (cosine per page item), or what the delegate kept, or null.
   */
  explain(callSite: string): Explanation | null {
    return this.#log.get(callSite) ?? this.#delegate.explain?.(callSite) ?? null;
  }

  /**
   * @param agentId An agent.
   * @returns Its latest browse explanation, or the delegate's, or null.
   */
  explainLast(agentId: string): Explanation | null {
    return this.#log.last(agentId) ?? this.#delegate.explainLast?.(agentId) ?? null;
  }

  async #browse(ctx: BrowseContext): Promise<Decision> {
    const history = ctx.state.watched.map((id) => this.#items?.(id)).filter((i) => i !== undefined)
      .map(itemText);
    const texts = history.length > 0
      ? history
      : [...ctx.memories, ctx.profile.interests.join(", ")].filter((t) => t.trim());
    const scores = await this.scoreTexts(texts, ctx.page.map((s) => itemText(s.item)));
    let best = -1;
    scores.forEach((s, i) => {
      if (!ctx.state.watched.includes(ctx.page[i].item.id) && (best < 0 || s > scores[best])) {
        best = i;
      }
    });
    const item = best >= 0 && scores[best] >= this.#threshold ? ctx.page[best].item : null;
    const decision = browseDecision(this.kind, ctx, {
      item,
      why: item
        ? `<${item.title}> is the closest to what I watched before (similarity ${
          scores[best].toFixed(2)
        }).`
        : "",
      whyNot: "Nothing on this page is close to what I like.",
    }, this.#maxPages);
    this.#log.note(ctx, this, {
      messages: null,
      raw: null,
      scores: Object.fromEntries(ctx.page.map((s, i) => [`watch:${s.item.id}`, scores[i]])),
      action: decision.action,
      failure: null,
    });
    return decision;
  }

  async #mean(texts: readonly string[]): Promise<Float32Array | null> {
    if (texts.length === 0) return null;
    const vecs = await this.#embed(texts);
    const mean = new Float32Array(this.#embedder.dim);
    for (const v of vecs) for (let i = 0; i < mean.length; i++) mean[i] += v[i] / vecs.length;
    return mean;
  }

  async #embed(texts: readonly string[]): Promise<Float32Array[]> {
    // Memories make history texts open-ended: bound the cache rather than let it grow forever.
    if (this.#cache.size > 20_000) this.#cache.clear();
    const missing = [...new Set(texts.filter((t) => !this.#cache.has(t)))];
    if (missing.length > 0) {
      const vecs = await this.#embedder.embed(missing);
      missing.forEach((t, i) => this.#cache.set(t, vecs[i]));
    }
    return texts.map((t) => this.#cache.get(t)!);
  }
}
