/**
 * A StructuredLlm that passes every request through and records, per call, the behaviour it
 * served and the wall-clock milliseconds it took (queueing for a key included), so the
 * efficiency protocol can time behaviours of a running engine without touching it.
 *
 * @module
 */
import type { StructuredLlm, StructuredRequest, StructuredResult } from "../llm/types.ts";

/** One timed call. */
export interface TimedCall {
  /** The behaviour as the paper names it (see {@link behaviourLabel}). */
  label: string;
  ms: number;
  tokens: number;
  ok: boolean;
}

/**
 * The paper's name of a behaviour: browse → movie selection; a social decision → friend
 * chatting or message posting by what was decided.
 *
 * @param behaviour The decision behaviour (the call's meta.behaviour).
 * @param decided The action type or the social reply's decision, when known.
 * @returns A label.
 *
 * @example
 * ```ts
 * import { behaviourLabel } from "@lib/eval/timed_llm.ts";
 * import assert from "node:assert/strict";
 * assert.equal(behaviourLabel("browse", "watch"), "movie selection (browse)");
 * assert.equal(behaviourLabel("social", "chat"), "friend chatting");
 * assert.equal(behaviourLabel("social", "post"), "message posting");
 * ```
 */
export function behaviourLabel(behaviour: string, decided?: string): string {
  switch (behaviour) {
    case "browse":
      return "movie selection (browse)";
    case "feel":
      return "feeling after watching";
    case "choose":
      return "top-level choice";
    case "social":
      return decided === "chat"
        ? "friend chatting"
        : decided === "post"
        ? "message posting"
        : "social: nothing";
    default:
      return behaviour;
  }
}

/** Wraps a StructuredLlm and times its calls. */
export class TimedLlm implements StructuredLlm {
  readonly model: string;
  /** Every call so far, in completion order. */
  readonly records: TimedCall[] = [];
  readonly #inner: StructuredLlm;

  /** @param inner The LLM to time. */
  constructor(inner: StructuredLlm) {
    this.#inner = inner;
    this.model = inner.model;
  }

  /**
   * @param request The request, passed through unchanged.
   * @returns The inner result, unchanged.
   */
  async complete<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const t0 = performance.now();
    const r = await this.#inner.complete(request);
    const behaviour = request.meta?.behaviour ?? "";
    const decided = r.ok && typeof r.value === "object" && r.value !== null
      ? String((r.value as Record<string, unknown>).decision ?? "")
      : undefined;
    this.records.push({
      label: behaviourLabel(behaviour, decided),
      ms: performance.now() - t0,
      tokens: r.usage.promptTokens + r.usage.completionTokens,
      ok: r.ok,
    });
    return r;
  }
}
