/**
 * Usage accounting: every call (network or cache) is one row; tables group them by model,
 * agent and behaviour with tokens, latency, retries, failures, cache hits and estimated cost.
 * Rows name keys by label ("endpoint#0"), never by value.
 *
 * @module
 */
import * as aq from "arquero";
import { DEFAULT_PRICES, estimateCost, type Price } from "./prices.ts";

/** One call as the ledger records it. */
export interface CallRecord {
  /** "chat" or "embedding". */
  kind: "chat" | "embedding";
  model: string;
  /** The agent, or "" when none was given. */
  agentId: string;
  /** The behaviour, or "" when none was given. */
  behaviour: string;
  /** Key label of the last attempt ("cache" for a hit, "" when no key was reached). */
  key: string;
  ok: boolean;
  cached: boolean;
  /** HTTP attempts (retries and repairs included). */
  attempts: number;
  /** Retries after transport errors (429, 5xx, timeouts, …). */
  retries: number;
  /** Tokens billed by this call (0 for cache hits). */
  promptTokens: number;
  completionTokens: number;
  /** Milliseconds from the first attempt to the answer (0 for cache hits). */
  latencyMs: number;
  /** Estimated USD. */
  costUsd: number;
}

/** Totals over all calls. */
export interface UsageTotals {
  calls: number;
  ok: number;
  failures: number;
  cacheHits: number;
  retries: number;
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  meanLatencyMs: number;
}

const GROUPABLE = ["kind", "model", "agentId", "behaviour", "key"] as const;
/** A column calls can be grouped by. */
export type UsageGroup = typeof GROUPABLE[number];

/**
 * Records calls and summarises them.
 *
 * @example One recorded call becomes one row
 * ```ts
 * import { UsageLedger } from "@lib/llm/usage_ledger.ts";
 * import assert from "node:assert/strict";
 * const ledger = new UsageLedger();
 * ledger.record({ kind: "chat", model: "gpt-4o-mini", agentId: "a1", behaviour: "browse", key: "api#0",
 *   ok: true, cached: false, attempts: 1, retries: 0, promptTokens: 1000, completionTokens: 100, latencyMs: 250 });
 * assert.equal(ledger.table().numRows(), 1);
 * assert.match(ledger.summary(), /1 calls/);
 * ```
 */
export class UsageLedger {
  readonly #rows: CallRecord[] = [];
  readonly #prices: Record<string, Price>;

  /** @param prices Prices merged over {@link DEFAULT_PRICES}. */
  constructor(prices: Record<string, Price> = {}) {
    this.#prices = { ...DEFAULT_PRICES, ...prices };
  }

  /**
   * Adds a call; the cost is computed from the price table.
   *
   * @param record The call without its cost.
   */
  record(record: Omit<CallRecord, "costUsd">): void {
    const costUsd = record.cached
      ? 0
      : estimateCost(record.model, record.promptTokens, record.completionTokens, this.#prices);
    this.#rows.push({ ...record, costUsd });
  }

  /** @returns Every call, one row each. */
  calls(): aq.ColumnTable {
    return aq.from(this.#rows.map((r) => ({ ...r })));
  }

  /**
   * Calls grouped (default by model, agent and behaviour).
   *
   * @param by Columns to group by.
   * @returns One row per group with calls, ok, failures, cacheHits, retries, attempts,
   *   promptTokens, completionTokens, meanLatencyMs (network calls only) and costUsd.
   */
  table(by: readonly UsageGroup[] = ["model", "agentId", "behaviour"]): aq.ColumnTable {
    const groups = new Map<string, CallRecord[]>();
    for (const r of this.#rows) {
      const k = JSON.stringify(by.map((c) => r[c]));
      const list = groups.get(k);
      if (list) list.push(r);
      else groups.set(k, [r]);
    }
    const rows = [...groups.values()].map((list) => ({
      ...Object.fromEntries(by.map((c) => [c, list[0][c]])),
      ...totalsOf(list),
    }));
    if (rows.length > 0) return aq.from(rows);
    const empty = [...by, ...Object.keys(totalsOf([]))].map((c) => [c, [] as unknown[]]);
    return aq.table(Object.fromEntries(empty));
  }

  /** @returns Totals over all calls. */
  totals(): UsageTotals {
    return totalsOf(this.#rows);
  }

  /** @returns One line: calls, failures, cache hits, tokens, retries, latency, cost. */
  summary(): string {
    const t = this.totals();
    const k = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n));
    return `${t.calls} calls (${t.failures} failed, ${t.cacheHits} cached) · ` +
      `${k(t.promptTokens)} prompt + ${k(t.completionTokens)} completion tokens · ` +
      `${t.retries} retries · mean latency ${Math.round(t.meanLatencyMs)} ms · ` +
      `est. $${t.costUsd.toFixed(4)}`;
  }
}

function totalsOf(rows: readonly CallRecord[]): UsageTotals {
  const network = rows.filter((r) => !r.cached && r.attempts > 0);
  const sum = (f: (r: CallRecord) => number, list = rows) => list.reduce((s, r) => s + f(r), 0);
  return {
    calls: rows.length,
    ok: sum((r) => (r.ok ? 1 : 0)),
    failures: sum((r) => (r.ok ? 0 : 1)),
    cacheHits: sum((r) => (r.cached ? 1 : 0)),
    retries: sum((r) => r.retries),
    attempts: sum((r) => r.attempts),
    promptTokens: sum((r) => r.promptTokens),
    completionTokens: sum((r) => r.completionTokens),
    costUsd: sum((r) => r.costUsd),
    meanLatencyMs: network.length > 0 ? sum((r) => r.latencyMs, network) / network.length : 0,
  };
}
