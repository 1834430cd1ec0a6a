/**
 * Explanations: what a brain saw and said for one decision (the prompt messages, the memories
 * used, the raw reply or the rule brain's option utilities), kept in a bounded log so a
 * notebook or the dashboard can ask "why did agent 7 do that?" without the engine storing
 * prompts in its event log.
 *
 * @module
 */
import type { ChatMessage } from "../llm/types.ts";
import type { Action } from "./action.ts";
import type { BrainKind } from "./brain.ts";
import type { DecisionContext } from "./context.ts";

/** The record of one decision. */
export interface Explanation {
  /** The agent. */
  agentId: string;
  /** The decision's call site (`${round}:${agentId}:${behaviour}:${step}`), its key. */
  callSite: string;
  /** The behaviour asked. */
  behaviour: string;
  /** Which kind of brain decided, and its name. */
  brain: BrainKind;
  brainName: string;
  /** The prompt sent (LLM brain), or null. */
  messages: ChatMessage[] | null;
  /** The memories the context carried. */
  memories: string[];
  /** The raw model reply, when there was one. */
  raw: string | null;
  /** Option scores or probabilities (rule and embedding brains), by option label. */
  scores: Record<string, number> | null;
  /** Repairs made to the reply before it became an action (LLM brain). */
  repairs?: string[];
  /** The action taken. */
  action: Action;
  /** Why the brain failed, when it did. */
  failure: string | null;
}

/**
 * A bounded log of explanations, by call site and by agent (last one).
 *
 * @example The oldest explanation is dropped once the log is full
 * ```ts
 * import { ExplainLog } from "@lib/brain/explain.ts";
 * import assert from "node:assert/strict";
 * const log = new ExplainLog(1);
 * const base = { behaviour: "choose", brain: "rule" as const, brainName: "rule", messages: null, memories: [],
 *   raw: null, scores: null, action: { type: "nothing" as const }, failure: null };
 * log.record({ ...base, agentId: "a", callSite: "0:a:choose:0" });
 * log.record({ ...base, agentId: "b", callSite: "0:b:choose:0" });
 * assert.equal(log.get("0:a:choose:0"), null);
 * assert.equal(log.last("b")?.callSite, "0:b:choose:0");
 * assert.equal(log.last("a"), null);
 * ```
 */
export class ExplainLog {
  readonly #capacity: number;
  /**
   * The last `capacity` records in a ring (record number `n` in slot `n % capacity`). A rule
   * round records a million decisions and is asked about a handful, so recording is a slot
   * write and asking is a scan.
   */
  readonly #ring: Explanation[] = [];
  /** How many records were ever made. */
  #count = 0;

  /** @param capacity How many explanations to keep (oldest dropped first). */
  constructor(capacity = 1000) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  /**
   * Keeps an explanation (a call site recorded again answers with its newest record).
   *
   * @param e The explanation.
   */
  record(e: Explanation): void {
    if (this.#capacity === 0) return;
    this.#ring[this.#count++ % this.#capacity] = e;
  }

  /**
   * Records a decision from its context and the brain that made it.
   *
   * @param ctx The decision's context (agent, call site, behaviour, memories).
   * @param brain The brain (kind and name).
   * @param what What only the brain knows: prompt, raw reply, scores, repairs, action, failure.
   */
  note(
    ctx: Pick<DecisionContext, "agentId" | "callSite" | "behaviour" | "memories">,
    brain: { kind: BrainKind; name: string },
    what: Pick<Explanation, "messages" | "raw" | "action" | "failure" | "repairs"> & {
      /** Scores, or how to compute them when asked (most decisions are never asked about). */
      scores: Explanation["scores"] | (() => Record<string, number>);
    },
  ): void {
    // One literal with its fields named, not a spread of `what`: every decision of every agent
    // comes here, and a spread copies through a runtime call.
    const e: Explanation = {
      agentId: ctx.agentId,
      callSite: ctx.callSite,
      behaviour: ctx.behaviour,
      brain: brain.kind,
      brainName: brain.name,
      memories: ctx.memories,
      messages: what.messages,
      raw: what.raw,
      scores: what.scores as Explanation["scores"],
      action: what.action,
      failure: what.failure,
    };
    if (what.repairs !== undefined) e.repairs = what.repairs;
    this.record(e);
  }

  /** An explanation as kept, with scores computed now if they were left for later. */
  #asked(e: Explanation): Explanation {
    const scores = e.scores as Explanation["scores"] | (() => Record<string, number>);
    if (typeof scores === "function") e.scores = scores();
    return e;
  }

  get(callSite: string): Explanation | null {
    return this.#newest((e) => e.callSite === callSite);
  }

  /**
   * @param agentId An agent id.
   * @returns The agent's latest explanation still kept, or null.
   */
  last(agentId: string): Explanation | null {
    return this.#newest((e) => e.agentId === agentId);
  }

  /** The newest record kept that `match` accepts, newest first (a scan of the ring). */
  #newest(match: (e: Explanation) => boolean): Explanation | null {
    const kept = Math.min(this.#count, this.#capacity);
    for (let k = 1; k <= kept; k++) {
      const e = this.#ring[(this.#count - k) % this.#capacity];
      if (match(e)) return this.#asked(e);
    }
    return null;
  }

  /** @returns How many records are kept. */
  get size(): number {
    return Math.min(this.#count, this.#capacity);
  }
}
