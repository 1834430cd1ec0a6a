/**
 * The fitted choice model as a brain: browsing draws a page item, or nothing, from the
 * multinomial logit whose weights were fitted by maximum likelihood on a real log (the
 * collaborative signal, popularity, genre taste and recency of the agent's own history);
 * rating draws stars around the model's calibrated prediction with the spread real ratings
 * had. Behaviours the log says nothing about (choosing between recommender and social, chats,
 * posts, interviews) are delegated, by default to the rule brain, and those decisions say so.
 *
 * @module
 */
import type { Brain, Decision } from "../brain.ts";
import type { BrowseContext, DecisionContext, FeelContext } from "../context.ts";
import { browseDecision } from "../browse_decision.ts";
import { ExplainLog, type Explanation } from "../explain.ts";
import { RuleBrain } from "../rule/rule_brain.ts";
import type { ItemLookup } from "../rule/taste.ts";
import { choiceFeatures, type HistoryPoint, predictRating } from "./features.ts";
import type { FittedModel } from "./model.ts";
import { mnlLogProbs } from "./mnl.ts";

/** Options of {@link FittedBrain}. */
export interface FittedBrainOptions {
  /** The model (from `fitChoiceModel`). */
  model: FittedModel;
  /** Finds watched items by id (their genres, when the log does not know them). */
  items?: ItemLookup;
  /** Pages seen before leaving when nothing is chosen (default 3). */
  maxPages?: number;
  /** Decides every other behaviour (default: a rule brain with the same lookup). */
  delegate?: Brain;
  /** Explanations kept (default 1000). */
  explainCapacity?: number;
}

/**
 * Fitted choice model brain.
 *
 * @example An agent whose history is co-rated with a page item tends to watch it
 * ```ts
 * import { FittedBrain } from "@lib/brain/fitted/fitted_brain.ts";
 * import { fitChoiceModel } from "@lib/brain/fitted/model.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const items = Array.from({ length: 40 }, (_, i) => ({ id: `i${i}`, genres: [i % 2 ? "Drama" : "Comedy"] }));
 * const byUser = new Map();
 * for (let u = 0; u < 30; u++) {
 *   const g = u % 2;
 *   byUser.set(`u${u}`, Array.from({ length: 15 }, (_, k) => ({ userId: `u${u}`, itemId: `i${(2 * (k + u)) % 40 + g}`, rating: 4, timestamp: k * 86400 + u })));
 * }
 * const brain = new FittedBrain({ model: fitChoiceModel({ byUser, items }, "toy") });
 * const item = (id: string, g: string) => ({ item: { id, title: id, genres: [g], year: null, description: "", popularity: 1, quality: 0.5 }, friendsWatched: 0, mentions: 0, avgRating: null });
 * let drama = 0, comedy = 0;
 * for (let i = 0; i < 60; i++) {
 *   const d = await brain.decide({ behaviour: "browse", agentId: "a", callSite: `${i}`, memories: [], rng: new Rng(i),
 *     time: { round: 0, iso: "", label: "" },
 *     profile: { id: "a", name: "A", gender: "f", age: 30, traits: [], career: "", interests: [], features: [], extras: {} },
 *     state: { genreWeights: {}, watched: ["i1", "i3", "i5"], ratings: { i1: 5, i3: 4, i5: 4 }, heardOf: {}, conformity: 0, busyRounds: 0 },
 *     page: [item("i7", "Drama"), item("i8", "Comedy")], pageIndex: 0, query: null, watchedThisSession: [] });
 *   if (d.action.type === "watch") d.action.itemId === "i7" ? drama++ : comedy++;
 * }
 * assert.ok(drama > comedy);
 * ```
 */
export class FittedBrain implements Brain {
  readonly kind = "fitted" as const;
  readonly name: string;
  readonly model: FittedModel;
  readonly #items?: ItemLookup;
  readonly #maxPages: number;
  readonly #delegate: Brain;
  readonly #log: ExplainLog;

  /** @param options The model, item lookup and delegate. */
  constructor(options: FittedBrainOptions) {
    this.model = options.model;
    this.#items = options.items;
    this.#maxPages = options.maxPages ?? 3;
    this.#delegate = options.delegate ?? new RuleBrain({ items: options.items });
    this.#log = new ExplainLog(options.explainCapacity ?? 1000);
    this.name =
      `fitted choice model (fitted on ${options.model.source}; other behaviours: ${this.#delegate.name})`;
  }

  /**
   * Browsing and rating from the model; other behaviours go to the delegate.
   *
   * @param ctx The context.
   * @returns The decision.
   */
  decide(ctx: DecisionContext): Promise<Decision> {
    if (ctx.behaviour === "browse") return Promise.resolve(this.#browse(ctx));
    if (ctx.behaviour === "feel") return Promise.resolve(this.#feel(ctx));
    return this.#delegate.decide(ctx);
  }

  /**
   * @param callSite A decision's call site.
   * @returns Its explanation (utility per option), or the delegate's, or null.
   */
  explain(callSite: string): Explanation | null {
    return this.#log.get(callSite) ?? this.#delegate.explain?.(callSite) ?? null;
  }

  /**
   * @param agentId An agent.
   * @returns Its latest explanation, or the delegate's, or null.
   */
  explainLast(agentId: string): Explanation | null {
    return this.#log.last(agentId) ?? this.#delegate.explainLast?.(agentId) ?? null;
  }

  #point(id: string, rating: number): HistoryPoint {
    const i = this.model.index.get(id) ?? -1;
    const genres = i >= 0 ? this.model.genres[i] : this.#items?.(id)?.genres ?? [];
    return { item: i, genres, rating };
  }

  #history(ctx: DecisionContext): HistoryPoint[] {
    return ctx.state.watched.map((id) => this.#point(id, ctx.state.ratings[id] ?? 3));
  }

  #browse(ctx: BrowseContext): Decision {
    const open = ctx.page.filter((s) => !ctx.state.watched.includes(s.item.id));
    const x = choiceFeatures(
      this.model.view,
      this.#history(ctx),
      open.map((s) => {
        const i = this.model.index.get(s.item.id) ?? -1;
        return { item: i, genres: s.item.genres };
      }),
    );
    const lp = mnlLogProbs(x, this.model.fit.weights, this.model.fit.noChoice);
    const k = ctx.rng.categorical(lp.map(Math.exp));
    const item = k < open.length ? open[k].item : null;
    const decision = browseDecision(this.kind, ctx, {
      item,
      why: item ? `<${item.title}> fits what I usually watch.` : "",
      whyNot: "Nothing on this page tempts me.",
    }, this.#maxPages);
    this.#log.note(ctx, this, {
      messages: null,
      raw: null,
      scores: Object.fromEntries([
        ...open.map((s, i) => [`watch:${s.item.id}`, lp[i]]),
        ["nothing", lp[lp.length - 1]],
      ]),
      action: decision.action,
      failure: null,
    });
    return decision;
  }

  #feel(ctx: FeelContext): Decision {
    const item = ctx.item.item;
    const history = this.#history(ctx).filter((h) => h.item !== this.model.index.get(item.id));
    const mean = predictRating(this.model.view, history, this.model.index.get(item.id) ?? -1);
    const rating = Math.min(
      5,
      Math.max(1, Math.round(mean + ctx.rng.normal(0, this.model.ratingSd))),
    );
    const feeling = rating >= 4
      ? "I enjoyed it."
      : rating <= 2
      ? "It was not for me."
      : "It was fine.";
    this.#log.note(ctx, this, {
      messages: null,
      raw: null,
      scores: { predicted: mean, rating },
      action: { type: "feel", itemId: item.id, rating, feeling },
      failure: null,
    });
    return {
      action: { type: "feel", itemId: item.id, rating, feeling },
      brain: this.kind,
      rationale: feeling,
      memory: {
        text: `On ${ctx.time.label} I watched <${item.title}> and rated it ${rating}/5. ${feeling}`,
        importance: 3 + 2 * Math.abs(rating - 3),
      },
      calls: 0,
      tokens: 0,
      failure: null,
      cached: false,
    };
  }
}
