/**
 * Who picks `a` items from a candidate page in the selection protocol: random guessing,
 * popularity (to show what uniform negatives give away), the embedding baseline (inner
 * product with the mean embedding of past items), the rule brain's RecSim-style choice model
 * (items drawn one after another by its logit over item utilities), and the LLM brain (one
 * structured call choosing a items).
 *
 * @module
 */
import { EmbeddingBrain } from "../brain/embedding/embedding_brain.ts";
import { type RuleConfigInput, ruleConfigSchema } from "../brain/rule/config.ts";
import { consumedShares } from "../brain/rule/taste.ts";
import { itemUtility, logitProbabilities } from "../brain/rule/utility.ts";
import { ConfigError } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import type { Embedder } from "../llm/embedder.ts";
import type { ChatMessage, StructuredLlm } from "../llm/types.ts";
import type { Catalog } from "../recsys/catalog.ts";
import type { HistoryAgent } from "./selection_agent.ts";
import type { SelectionTask } from "./selection_data.ts";
import type { LogScores } from "./selection_fitted.ts";
import {
  mapPicks,
  SELECTION_QUERY,
  selectionMessages,
  selectionReplySchema,
} from "./selection_prompt.ts";

/** What a selector gets for one user. */
export interface SelectionInput {
  task: SelectionTask;
  agent: HistoryAgent;
  /** The training catalogue (no held-out ratings). */
  catalog: Catalog;
  rng: Rng;
  /** Feature rows from the log at the held-out time (present when a selector needs the log). */
  log?: LogScores;
}

/** What a selector returns. */
export interface SelectionPick {
  /** Exactly a candidate ids. */
  picked: string[];
  calls: number;
  tokens: number;
  failure: string | null;
  /** The messages sent, when an LLM was asked. */
  messages?: ChatMessage[];
}

/** Picks a items from a page. */
export interface Selector {
  /** Short id used on the command line ("llm"). */
  readonly id: string;
  /** Row label of the table ("LLM brain (socius-local)"). */
  readonly label: string;
  /** Whether it needs the agent's memory. */
  readonly needsMemory: boolean;
  /** Whether it reads collaborative features from the log (item-kNN, the fitted model). */
  readonly needsLog?: boolean;
  /**
   * @param input Task, agent, catalogue and rng.
   * @returns The picks.
   */
  select(input: SelectionInput): Promise<SelectionPick>;
}

/** The selector ids known to {@link createSelector}. */
export const SELECTOR_IDS = [
  "random",
  "popular",
  "knn",
  "embedding",
  "rule",
  "fitted",
  "llm",
] as const;

const done = (picked: string[]): SelectionPick => ({ picked, calls: 0, tokens: 0, failure: null });

/** Indices of the k highest scores (ties: earlier candidate first). */
function topIndices(scores: readonly number[], k: number): number[] {
  return scores.map((s, i) => [s, i]).sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, k)
    .map(([, i]) => i);
}

/** Uniform guessing: the floor every other row should clear. */
export const randomSelector: Selector = {
  id: "random",
  label: "Random",
  needsMemory: false,
  select: ({ task, rng }) =>
    Promise.resolve(done(rng.sample(task.candidates, task.a).map((c) => c.id))),
};

/** Most-rated first (training counts): how much popularity alone gives away. */
export const popularSelector: Selector = {
  id: "popular",
  label: "Popularity",
  needsMemory: false,
  select: ({ task, catalog }) => {
    const scores = task.candidates.map((c) => catalog.get(c.id)?.popularity ?? 0);
    return Promise.resolve(done(topIndices(scores, task.a).map((i) => task.candidates[i].id)));
  },
};

/**
 * Item-kNN on the user's history: the sum of cosine similarities (over co-raters, from ratings
 * made before the held-out time) between a candidate and every history item.
 */
export const knnSelector: Selector = {
  id: "knn",
  label: "Item-kNN (baseline)",
  needsMemory: false,
  needsLog: true,
  select: ({ task, log }) => {
    if (!log) throw new ConfigError("--brains", "knn", "needs the log's features");
    const scores = log.features.map((x) => x[0]);
    return Promise.resolve(done(topIndices(scores, task.a).map((i) => task.candidates[i].id)));
  },
};

/**
 * The fitted choice model: the a candidates of highest utility under weights fitted by
 * maximum likelihood on training choices made before the held-out time (the most probable
 * set under the model's logit).
 */
export const fittedSelector: Selector = {
  id: "fitted",
  label: "Fitted choice model",
  needsMemory: false,
  needsLog: true,
  select: ({ task, log }) => {
    if (!log) throw new ConfigError("--brains", "fitted", "needs the log's features");
    const scores = log.features.map((x) => x.reduce((s, v, k) => s + v * log.weights[k], 0));
    return Promise.resolve(done(topIndices(scores, task.a).map((i) => task.candidates[i].id)));
  },
};

/**
 * The embedding baseline: cosine with the mean embedding of the user's past items (the
 * embedder's vectors are unit length, so this is the inner product the paper describes).
 *
 * @param embedder The embedder (default: hashed, offline).
 * @returns The selector.
 */
export function embeddingSelector(embedder?: Embedder): Selector {
  const brain = new EmbeddingBrain({ embedder });
  return {
    id: "embedding",
    label: `Embedding (${embedder?.name ?? "hashed"})`,
    needsMemory: false,
    async select({ task }) {
      const scores = await brain.scoreItems(task.history.map((e) => e.item), task.candidates);
      return done(topIndices(scores, task.a).map((i) => task.candidates[i].id));
    },
  };
}

/**
 * The rule brain (RecSim-style choice model): a items drawn one after another without
 * replacement, each by the brain's multinomial logit over the remaining items' utilities
 * (interest match from the drifted genre weights, quality, novelty; no social signals).
 *
 * @param config Rule weights (any subset).
 * @returns The selector.
 */
export function ruleSelector(config: RuleConfigInput = {}): Selector {
  const cfg = ruleConfigSchema.parse(config);
  return {
    id: "rule",
    label: "Rule brain (RecSim-style)",
    needsMemory: false,
    select({ task, agent, catalog, rng }) {
      const inputs = {
        profile: agent.profile,
        state: agent.state,
        shares: consumedShares(agent.state, (id) => catalog.get(id)),
      };
      const left = task.candidates.slice();
      const picked: string[] = [];
      while (picked.length < task.a) {
        const u = left.map((item) =>
          itemUtility({ item, friendsWatched: 0, mentions: 0, avgRating: null }, inputs, cfg).total
        );
        const [chosen] = left.splice(rng.categorical(logitProbabilities(u, cfg.temperature)), 1);
        picked.push(chosen.id);
      }
      return Promise.resolve(done(picked));
    },
  };
}

/** Options of {@link llmSelector}. */
export interface LlmSelectorOptions {
  /** Memories retrieved into the prompt (default 5). */
  memoryK?: number;
  /** Recent history items listed (default 15). */
  recentK?: number;
  /** Sampling temperature (default 0). */
  temperature?: number;
}

/**
 * The LLM brain: one structured call with the agent's profile, retrieved memories and
 * recent history, choosing a items of the numbered page.
 *
 * @param llm Any structured LLM (the pooled client, a local server).
 * @param options Memory and history sizes.
 * @returns The selector.
 */
export function llmSelector(llm: StructuredLlm, options: LlmSelectorOptions = {}): Selector {
  return {
    id: "llm",
    label: `LLM brain (${llm.model})`,
    needsMemory: true,
    async select({ task, agent, rng }) {
      const memories = agent.memory
        ? (await agent.memory.retrieve(SELECTION_QUERY, agent.now, options.memoryK ?? 5)).texts
        : [];
      const messages = selectionMessages(
        agent,
        task.history,
        memories,
        task.candidates,
        task.a,
        options.recentK,
      );
      const r = await llm.complete({
        messages,
        schema: selectionReplySchema(task.candidates.length, task.a),
        schemaName: "selection",
        meta: { agentId: agent.profile.id, behaviour: "selection", seed: `${task.a}x${task.b}` },
        temperature: options.temperature ?? 0,
      });
      const mapped = mapPicks(r.ok ? r.value.picks : null, task.candidates, task.a, rng);
      return {
        picked: mapped.ids,
        calls: 1,
        tokens: r.usage.promptTokens + r.usage.completionTokens,
        failure: r.ok ? mapped.failure : `call failed (${r.error}); ${mapped.failure}`,
        messages,
      };
    },
  };
}

/**
 * A selector by id.
 *
 * @param id One of {@link SELECTOR_IDS}.
 * @param deps The LLM (for "llm"), embedder and rule weights.
 * @returns The selector.
 * @throws ConfigError for an unknown id or "llm" without an LLM.
 */
export function createSelector(
  id: string,
  deps: { llm?: StructuredLlm; embedder?: Embedder; rule?: RuleConfigInput } = {},
): Selector {
  switch (id) {
    case "random":
      return randomSelector;
    case "popular":
      return popularSelector;
    case "knn":
      return knnSelector;
    case "fitted":
      return fittedSelector;
    case "embedding":
      return embeddingSelector(deps.embedder);
    case "rule":
      return ruleSelector(deps.rule);
    case "llm":
      if (!deps.llm) throw new ConfigError("--brains", "llm", "the LLM brain needs an LLM client");
      return llmSelector(deps.llm);
  }
  throw new ConfigError("--brains", id, `expected one of ${SELECTOR_IDS.join(", ")}`);
}
