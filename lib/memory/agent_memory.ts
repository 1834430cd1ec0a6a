/**
 * One agent's memory: sensory → short-term → long-term, with reflection and forgetting,
 * after Atkinson–Shiffrin as RecAgent describes it. State is plain data (checkpointable);
 * randomness (forgetting) comes from a seeded Rng; times are simulated hours.
 *
 * @module
 */
import { topK } from "../core/top_k.ts";
import { DataError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { cosine, type Embedder } from "../llm/embedder.ts";
import { type MemoryConfig, memoryConfig, type MemoryConfigInput } from "./config.ts";
import { type MemoryRow, memoryRow } from "./inspect.ts";
import { type MemoryState, memoryStateSchema } from "./state.ts";
import { CachedEmbedder } from "./embed_cache.ts";
import type { MemoryEvent, MemoryEventType, MemoryStage } from "./events.ts";
import {
  clampImportance,
  type MemoryKind,
  type MemoryRecord,
  recordFromJson,
  recordToJson,
} from "./record.ts";
import { type InsightWriter, type Reflector, ruleInsight, ruleReflection } from "./reflection.ts";
import { forgetProbability, retrievalScore, type ScoreParts, strength } from "./scoring.ts";
import { type Perceived, RuleSensory, type SensoryProcessor } from "./sensory.ts";

/** Replaceable parts: LLM-backed sensory, insight and reflection, and an event listener. */
export interface MemoryHooks {
  sensory?: SensoryProcessor;
  insightWriter?: InsightWriter;
  reflector?: Reflector;
  onEvent?: (event: MemoryEvent) => void;
}

/** Options of {@link AgentMemory}. */
export interface AgentMemoryOptions extends MemoryHooks {
  embedder: Embedder;
  /** Seeded generator for forgetting (fork one per agent). */
  rng: Rng;
  config?: MemoryConfigInput;
}

/** One retrieved long-term memory with its score parts. */
export interface Retrieved extends ScoreParts {
  record: MemoryRecord;
}

/** What {@link AgentMemory.retrieve} returns. */
export interface Retrieval {
  query: string;
  /** Top-k long-term memories, best first. */
  longTerm: Retrieved[];
  /** The short-term contents, oldest first. */
  shortTerm: MemoryRecord[];
  /** All texts, long-term first, for a prompt. */
  texts: string[];
}

/**
 * An agent's memory.
 *
 * @example Store, enhance, retrieve
 * ```ts
 * import { AgentMemory } from "@lib/memory/agent_memory.ts";
 * import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const mem = new AgentMemory({ embedder: new HashedEmbedder(), rng: new Rng(1) });
 * await mem.observe("Ann watched <Alien> and rated it 5 stars.", 0);
 * await mem.observe({ text: "Ann entered the recommender page.", importance: 1 }, 1);
 * const r = await mem.retrieve("what sci-fi did Ann watch?", 2);
 * assert.equal(r.shortTerm.length, 2);
 * assert.ok(mem.events.some((e) => e.type === "stored"));
 * ```
 */
export class AgentMemory {
  readonly config: MemoryConfig;
  readonly embedder: CachedEmbedder;
  #rng: Rng;
  #hooks: MemoryHooks;
  #shortTerm: MemoryRecord[] = [];
  #longTerm: MemoryRecord[] = [];
  #pendingImportance = 0;
  #nextId = 0;
  #events: MemoryEvent[] = [];

  /** @param options Embedder, rng, configuration and hooks. */
  constructor(options: AgentMemoryOptions) {
    this.config = memoryConfig(options.config ?? {});
    this.embedder = options.embedder instanceof CachedEmbedder
      ? options.embedder
      : new CachedEmbedder(options.embedder);
    this.#rng = options.rng;
    this.#hooks = options;
  }

  /** Short-term contents, oldest first. */
  get shortTerm(): readonly MemoryRecord[] {
    return this.#shortTerm;
  }

  /** Long-term contents, in order of arrival. */
  get longTerm(): readonly MemoryRecord[] {
    return this.#longTerm;
  }

  /** Everything that happened so far. */
  get events(): readonly MemoryEvent[] {
    return this.#events;
  }

  /** Empties the event log (e.g. after copying it into a run store). */
  clearEvents(): void {
    this.#events = [];
  }

  #emit(type: MemoryEventType, at: number, r: MemoryRecord, stage: MemoryStage, detail?: string) {
    const e: MemoryEvent = { type, at, memoryId: r.id, text: r.text, stage };
    if (detail !== undefined) e.detail = detail;
    this.#events.push(e);
    this.#hooks.onEvent?.(e);
  }

  async #make(text: string, importance: number, kind: MemoryKind, now: number, sources: string[]) {
    const r: MemoryRecord = {
      id: `m${this.#nextId++}`,
      text,
      importance: clampImportance(importance),
      createdAt: now,
      lastAccess: now,
      embedding: await this.embedder.embedOne(text),
      kind,
      enhancements: 0,
      sources,
    };
    return r;
  }

  #toLongTerm(r: MemoryRecord) {
    this.#longTerm.push(r);
    if (r.kind !== "reflection") this.#pendingImportance += r.importance;
  }

  /**
   * Perceives an observation and stores it.
   *
   * @param observation Raw text (compressed by the sensory processor), or a sentence with
   *   its importance already given (e.g. by the decision call).
   * @param now Simulated hour.
   * @returns The stored record.
   */
  async observe(observation: string | Perceived, now: number): Promise<MemoryRecord> {
    const sensory = this.#hooks.sensory ?? new RuleSensory(this.config.sensoryMaxChars);
    const p = typeof observation === "string" ? await sensory.perceive(observation) : observation;
    const rec = await this.#make(p.text, p.importance, "observation", now, []);
    const c = this.config;
    if (c.shortTerm) {
      this.#emit("stored", now, rec, "short-term", `importance ${rec.importance}`);
      await this.#enhance(rec, now);
    } else if (c.longTerm) {
      this.#toLongTerm(rec);
      this.#emit("stored", now, rec, "long-term", `importance ${rec.importance}`);
    } else {
      this.#emit("dropped", now, rec, "gone", "short- and long-term memory are both off");
    }
    if (c.reflection && c.longTerm && this.#pendingImportance > c.reflectionThreshold) {
      await this.reflect(now);
    }
    return rec;
  }

  async #enhance(rec: MemoryRecord, now: number) {
    const c = this.config;
    const promoted: MemoryRecord[] = [];
    for (const m of this.#shortTerm) {
      const sim = cosine(m.embedding, rec.embedding);
      if (sim >= c.enhanceThreshold) {
        m.enhancements++;
        m.sources.push(rec.id);
        this.#emit("enhanced", now, m, "short-term", `by ${rec.id} (cosine ${sim.toFixed(3)})`);
        if (m.enhancements >= c.promoteAfter) promoted.push(m);
      }
    }
    this.#shortTerm.push(rec);
    for (const m of promoted) {
      this.#shortTerm.splice(this.#shortTerm.indexOf(m), 1);
      if (!c.longTerm) {
        this.#emit("dropped", now, m, "gone", "promotion with long-term memory off");
        continue;
      }
      const byId = new Map([...this.#shortTerm, ...this.#longTerm].map((r) => [r.id, r]));
      const enhancers = m.sources.map((id) => byId.get(id)).filter((r) => r !== undefined);
      const text = await (this.#hooks.insightWriter ?? ((a, b) =>
        Promise.resolve(ruleInsight(a, b))))(m, enhancers);
      this.#toLongTerm(m);
      this.#emit("promoted", now, m, "long-term", `after ${m.enhancements} enhancements`);
      const insight = await this.#make(
        text,
        Math.min(10, m.importance + c.insightBoost),
        "insight",
        now,
        [m.id, ...m.sources],
      );
      this.#toLongTerm(insight);
      this.#emit("stored", now, insight, "long-term", `insight on ${m.id}`);
    }
    while (this.#shortTerm.length > c.shortTermCapacity) {
      const old = this.#shortTerm.shift()!;
      if (c.overflow === "to-long-term" && c.longTerm) {
        this.#toLongTerm(old);
        this.#emit("evicted", now, old, "long-term", "short-term over capacity");
      } else {
        this.#emit("dropped", now, old, "gone", "short-term over capacity");
      }
    }
  }

  /**
   * Reflects now on the recent long-term memories (called automatically when the
   * importance of new long-term memories passes the threshold). A new insight similar to an
   * earlier reflection is merged into it.
   *
   * @param now Simulated hour.
   * @returns The reflection record (new or merged into), or null when nothing stood out.
   */
  async reflect(now: number): Promise<MemoryRecord | null> {
    const c = this.config;
    this.#pendingImportance = 0;
    if (!c.reflection || !c.longTerm) return null;
    const recent = this.#longTerm.filter((r) => r.kind !== "reflection").slice(-c.reflectionWindow);
    const out = this.#hooks.reflector
      ? await this.#hooks.reflector(recent)
      : ruleReflection(recent, c.topicWords, c.reflectionMinCount);
    if (!out) return null;
    const sources = out.sources ?? recent.map((r) => r.id);
    const rec = await this.#make(
      out.insight,
      out.importance ?? c.reflectionImportance,
      "reflection",
      now,
      sources,
    );
    const similar = this.#longTerm.find((r) =>
      r.kind === "reflection" && cosine(r.embedding, rec.embedding) >= c.mergeThreshold
    );
    if (similar) {
      similar.sources = [...new Set([...similar.sources, ...sources])];
      similar.enhancements++;
      similar.lastAccess = now;
      similar.importance = Math.max(similar.importance, rec.importance);
      this.#emit("merged", now, similar, "long-term", `Q: ${out.question}`);
      return similar;
    }
    this.#toLongTerm(rec);
    this.#emit("reflected", now, rec, "long-term", `Q: ${out.question}`);
    return rec;
  }

  /**
   * Retrieves the top-k long-term memories for a query (score = w_r·recency +
   * w_i·importance/10 + w_v·relevance), marks them accessed, and adds the short-term contents.
   *
   * @param query What the current behaviour is about.
   * @param now Simulated hour.
   * @param k Overrides the configured k.
   * @returns Scored long-term memories, short-term contents and prompt texts.
   */
  async retrieve(query: string, now: number, k = this.config.topK): Promise<Retrieval> {
    const c = this.config;
    const shortTerm = c.shortTerm ? this.#shortTerm.slice() : [];
    let longTerm: Retrieved[] = [];
    if (c.longTerm && this.#longTerm.length > 0) {
      const q = await this.embedder.embedOne(query);
      const scored = this.#longTerm.map((record) => ({
        record,
        ...retrievalScore(record, cosine(q, record.embedding), now, c),
      }));
      longTerm = topK(scored.map((s) => s.score), k).map((e) => scored[e.index]);
      for (const r of longTerm) {
        r.record.lastAccess = now;
        this.#emit("retrieved", now, r.record, "long-term", `score ${r.score.toFixed(3)}`);
      }
    }
    return {
      query,
      longTerm,
      shortTerm,
      texts: [...longTerm.map((r) => r.record.text), ...shortTerm.map((r) => r.text)],
    };
  }

  /**
   * One maintenance step: each long-term memory past its grace period is forgotten with
   * probability rising as its strength (recency × importance/10) falls. One draw per
   * candidate, in storage order, so the outcome depends only on the seed and the state.
   *
   * @param now Simulated hour.
   * @returns The forgotten records.
   */
  maintain(now: number): MemoryRecord[] {
    const f = this.config.forgetting;
    if (!f.enabled || !this.config.longTerm) return [];
    const gone: MemoryRecord[] = [];
    this.#longTerm = this.#longTerm.filter((r) => {
      if (now - r.createdAt < f.graceHours) return true;
      const p = forgetProbability(strength(r, now, this.config.recencyDecay), f);
      if (this.#rng.next() >= p) return true;
      gone.push(r);
      this.#emit("forgotten", now, r, "gone", `p ${p.toFixed(3)}`);
      return false;
    });
    return gone;
  }

  /**
   * Every held memory as a row (for arquero / tableView).
   *
   * @param now Simulated hour at which recency and strength are computed.
   * @returns Rows, short-term first.
   */
  rows(now: number): MemoryRow[] {
    const d = this.config.recencyDecay;
    return [
      ...this.#shortTerm.map((r) => memoryRow(r, "short-term", now, d)),
      ...this.#longTerm.map((r) => memoryRow(r, "long-term", now, d)),
    ];
  }

  /** @returns A checkpoint of the whole state (the event log excluded). */
  toJSON(): MemoryState {
    return {
      version: 1,
      config: this.config,
      shortTerm: this.#shortTerm.map(recordToJson),
      longTerm: this.#longTerm.map(recordToJson),
      pendingImportance: this.#pendingImportance,
      nextId: this.#nextId,
      rng: this.#rng.getState(),
    };
  }

  /**
   * Restores a memory from a checkpoint.
   *
   * @param state A value from {@link toJSON} (possibly through JSON text).
   * @param options The embedder and hooks (not serialisable).
   * @param source Where the checkpoint came from, named in errors.
   * @returns The memory, continuing exactly where the checkpoint left off.
   * @throws DataError when the checkpoint does not match the schema.
   */
  static fromJSON(
    state: unknown,
    options: MemoryHooks & { embedder: Embedder },
    source = "memory checkpoint",
  ): AgentMemory {
    const r = memoryStateSchema.safeParse(state);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new DataError(source, 0, `${i.path.join(".")}: ${i.message}`);
    }
    const s = r.data;
    const mem = new AgentMemory({ ...options, rng: Rng.fromState(s.rng), config: s.config });
    mem.#shortTerm = s.shortTerm.map(recordFromJson);
    mem.#longTerm = s.longTerm.map(recordFromJson);
    mem.#pendingImportance = s.pendingImportance;
    mem.#nextId = s.nextId;
    for (const rec of [...mem.#shortTerm, ...mem.#longTerm]) {
      mem.embedder.remember(rec.text, rec.embedding);
    }
    return mem;
  }
}
