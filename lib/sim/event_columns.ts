/**
 * Events kept in columns. A round of a million rule agents makes about 2.4 million events,
 * nearly all decisions and pages; as objects they cost some 290 bytes each and keep the
 * garbage collector busy for the rest of the run. Here a decision, a page or a busy turn is a
 * row of 32-bit integers (about 45 bytes), its texts interned once, and it becomes an object
 * again only when read. Every other event, and any decision or page whose shape a row cannot
 * give back exactly, is kept as the object it was.
 *
 * A row gives back the same JSON line, byte for byte, as its object would through
 * {@link eventLine}: it is taken only when the object's keys come in the order that line
 * writes them and each value is one a row holds exactly (32-bit integers, strings, null
 * failures and queries, and for the action any JSON object, kept as its JSON text).
 *
 * @module
 */
import { fitsInt32, IntColumn } from "../core/int_column.ts";
import {
  BUSY_KEYS,
  DECISION_KEYS,
  isPlainJson,
  keysInOrder,
  PAGE_KEYS,
} from "./event_row_shape.ts";
import { Interner, LastId } from "../core/interner.ts";
import {
  type DecisionEvent,
  type EventDraft,
  eventLine,
  type PageEvent,
  type SimEvent,
} from "./events.ts";

/** The strings a log's columns share (a staging area and the log use the same ids). */
export interface EventTexts {
  /** Agent and item ids, times, behaviours, rationales, failures, queries, sources. */
  strings: Interner;
  /** Actions, by their JSON text. */
  actions: Interner;
}

/**
 * Fresh string tables for a log.
 *
 * @returns Empty tables.
 */
export function eventTexts(): EventTexts {
  return { strings: new Interner(), actions: new Interner() };
}

const OBJECT = 0, DECISION = 1, PAGE = 2, BUSY = 3;

/**
 * A sequence of events, decisions, pages and busy turns held as rows of integers.
 *
 * @example Rows and objects side by side, read back and serialised as objects would be
 * ```ts
 * import { EventColumns, eventTexts } from "@lib/sim/event_columns.ts";
 * import { eventLine } from "@lib/sim/events.ts";
 * import assert from "node:assert/strict";
 * const cols = new EventColumns(eventTexts());
 * const t = "2026-01-01T00:00:00.000Z";
 * const drafts = [
 *   { type: "round_start" as const, round: 0, t, active: ["a"] },
 *   { type: "decision" as const, round: 0, t, agent: "a", behaviour: "choose" as const,
 *     brain: "rule" as const, action: { type: "choose" as const, activity: "nothing" as const },
 *     rationale: "Not now.", calls: 0, tokens: 0, failure: null },
 * ];
 * for (const d of drafts) cols.push(d);
 * assert.equal(cols.rows, 1);
 * assert.deepEqual(cols.get(1, 1), { ...drafts[1], seq: 1 });
 * assert.equal(cols.line(1, 1), eventLine({ ...drafts[1], seq: 1 }));
 * ```
 */
export class EventColumns {
  readonly texts: EventTexts;
  readonly #kind = new IntColumn();
  #rows = 0;
  readonly #round = new IntColumn();
  readonly #t = new IntColumn();
  readonly #agent = new IntColumn();
  // Per kind: decision (behaviour, brain, action, rationale, calls, tokens, failure),
  // page (page, query, items start, items count, source); busy uses none.
  readonly #f = Array.from({ length: 7 }, () => new IntColumn());
  readonly #items = new IntColumn();
  // Events kept as objects, by position (a few per round: starts, ends, fits, deliveries).
  readonly #objects = new Map<number, SimEvent>();

  // A turn's events share their agent and a round's their time: the last id found answers
  // most lookups without hashing (a table of a million agent ids misses the cache).
  readonly #agents: LastId;
  readonly #times: LastId;

  /** @param texts The string tables (shared with the columns events are copied between). */
  constructor(texts: EventTexts) {
    this.texts = texts;
    this.#agents = new LastId(texts.strings);
    this.#times = new LastId(texts.strings);
  }

  /** Events held. */
  get length(): number {
    return this.#kind.length;
  }

  /** Events held as rows rather than objects. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Appends an event: as a row when it fits one exactly, else the object itself.
   *
   * @param e The event or draft. A `seq` it carries must equal `seq`, else it is kept whole.
   * @param seq Its position in the log, when known (checked against the event's own).
   * @returns True when it became a row, false when the object itself is kept.
   */
  push(e: EventDraft | SimEvent, seq?: number): boolean {
    const own = (e as { seq?: number }).seq;
    const i = this.length;
    if (own === undefined || own === seq) {
      if (this.#encode(e)) {
        this.#rows++;
        return true;
      }
    }
    this.#objects.set(i, e as SimEvent);
    this.#row(OBJECT, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    return false;
  }

  /**
   * Appends events `from` to `to` (exclusive) of another sequence sharing these texts; objects
   * among them are numbered in place (`seq`), as the log's own.
   *
   * @param source The sequence (a round's staging area).
   * @param from First index.
   * @param to End index (exclusive).
   */
  pushRange(source: EventColumns, from: number, to: number): void {
    if (source.texts !== this.texts) throw new Error("event columns do not share their texts");
    for (let i = from; i < to; i++) {
      const kind = source.#kind.at(i);
      if (kind === OBJECT) {
        const e = source.#objects.get(i)!;
        e.seq = this.length;
        this.#objects.set(this.length, e);
      } else {
        this.#rows++;
      }
      const f = source.#f;
      let f2 = f[2].at(i);
      if (kind === PAGE) {
        // The item list moves to this sequence's pool.
        const at = this.#items.length;
        this.#items.pushRange(source.#items, f2, f2 + f[3].at(i));
        f2 = at;
      }
      this.#row(
        kind,
        source.#round.at(i),
        source.#t.at(i),
        source.#agent.at(i),
        f[0].at(i),
        f[1].at(i),
        f2,
        f[3].at(i),
        f[4].at(i),
        f[5].at(i),
        f[6].at(i),
      );
    }
  }

  /**
   * Drops the events from an index on (a round that did not finish).
   *
   * @param length The number of events to keep.
   */
  truncate(length: number): void {
    let items = this.#items.length;
    for (let i = this.length - 1; i >= length; i--) {
      const kind = this.#kind.at(i);
      if (kind === OBJECT) this.#objects.delete(i);
      else this.#rows--;
      if (kind === PAGE) items = Math.min(items, this.#f[2].at(i));
    }
    this.#items.truncate(items);
    for (const c of [this.#kind, this.#round, this.#t, this.#agent, ...this.#f]) c.truncate(length);
  }

  /**
   * The type of the event at an index, without making its object.
   *
   * @param i The index.
   * @returns Its type.
   */
  typeAt(i: number): SimEvent["type"] {
    const kind = this.#kind.at(i);
    return kind === DECISION
      ? "decision"
      : kind === PAGE
      ? "page"
      : kind === BUSY
      ? "busy"
      : this.#objects.get(i)!.type;
  }

  /**
   * The action type of the decision at an index, without making its object.
   *
   * @param i The index of a decision.
   * @returns Its action's type.
   */
  actionTypeAt(i: number): string {
    if (this.#kind.at(i) !== DECISION) {
      return (this.#objects.get(i) as Extract<SimEvent, { type: "decision" }>).action.type;
    }
    const id = this.#f[2].at(i);
    return this.#actionTypes[id] ??= (JSON.parse(this.texts.actions.value(id)) as {
      type: string;
    }).type;
  }
  #actionTypes: string[] = [];

  /**
   * What the event at an index spent on LLM calls (decisions, interviews, surveys), without
   * making its object.
   *
   * @param i The index.
   * @returns Calls, tokens and whether it failed; null for events that spend nothing.
   */
  costAt(i: number): { calls: number; tokens: number; failed: boolean } | null {
    if (this.#kind.at(i) === DECISION) {
      const failure = this.#f[6].at(i);
      const failed = failure >= 0 && this.texts.strings.value(failure) !== "";
      return { calls: this.#f[4].at(i), tokens: this.#f[5].at(i), failed };
    }
    if (this.#kind.at(i) !== OBJECT) return null;
    const e = this.#objects.get(i)!;
    if (e.type !== "decision" && e.type !== "interview" && e.type !== "survey") return null;
    return { calls: e.calls, tokens: e.tokens, failed: Boolean(e.failure) };
  }

  /**
   * The event at an index: the object kept (numbered only once a log has taken it), or a fresh
   * object made from its row.
   *
   * @param i The index.
   * @param seq The event's position in its log.
   * @returns The event.
   */
  get(i: number, seq: number): SimEvent {
    const kind = this.#kind.at(i);
    if (kind === OBJECT) return this.#objects.get(i)!;
    const s = this.texts.strings;
    const round = this.#round.at(i), t = s.value(this.#t.at(i)), agent = s.value(this.#agent.at(i));
    const f = this.#f;
    if (kind === BUSY) return { type: "busy", round, t, agent, seq };
    if (kind === PAGE) {
      const query = f[1].at(i);
      const at = f[2].at(i), items = new Array<string>(f[3].at(i));
      for (let k = 0; k < items.length; k++) items[k] = s.value(this.#items.at(at + k));
      return {
        type: "page",
        round,
        t,
        agent,
        page: f[0].at(i),
        query: query < 0 ? null : s.value(query),
        items,
        source: s.value(f[4].at(i)),
        seq,
      };
    }
    const failure = f[6].at(i);
    return {
      type: "decision",
      round,
      t,
      agent,
      behaviour: s.value(f[0].at(i)) as never,
      brain: s.value(f[1].at(i)) as never,
      action: JSON.parse(this.texts.actions.value(f[2].at(i))),
      rationale: s.value(f[3].at(i)),
      calls: f[4].at(i),
      tokens: f[5].at(i),
      failure: failure < 0 ? null : s.value(failure),
      seq,
    };
  }

  /**
   * The event at an index as a JSON line, equal to `eventLine` of its object.
   *
   * @param i The index.
   * @param seq The event's position in its log.
   * @returns The line, without a newline.
   */
  line(i: number, seq: number): string {
    const kind = this.#kind.at(i);
    if (kind === OBJECT) {
      const e = this.#objects.get(i)!;
      // A draft not yet numbered takes its place's number; a numbered event keeps its own.
      return eventLine(e.seq === undefined ? { ...e, seq } : e);
    }
    const s = this.texts.strings;
    const head = `{"seq":${seq},"round":${this.#round.at(i)},"t":${s.json(this.#t.at(i))},"type":`;
    const agent = s.json(this.#agent.at(i));
    const f = this.#f;
    if (kind === BUSY) return `${head}"busy","agent":${agent}}`;
    if (kind === PAGE) {
      const query = f[1].at(i);
      const at = f[2].at(i), n = f[3].at(i);
      let items = "";
      for (let k = 0; k < n; k++) items += (k ? "," : "") + s.json(this.#items.at(at + k));
      return `${head}"page","agent":${agent},"page":${f[0].at(i)},"query":${
        query < 0 ? "null" : s.json(query)
      },"items":[${items}],"source":${s.json(f[4].at(i))}}`;
    }
    const failure = f[6].at(i);
    return `${head}"decision","agent":${agent},"behaviour":${s.json(f[0].at(i))},"brain":${
      s.json(f[1].at(i))
    },"action":${this.texts.actions.value(f[2].at(i))},"rationale":${s.json(f[3].at(i))},"calls":${
      f[4].at(i)
    },"tokens":${f[5].at(i)},"failure":${failure < 0 ? "null" : s.json(failure)}}`;
  }

  // Writes the event as a row when its shape allows it exactly; false leaves nothing written.
  #encode(e: EventDraft | SimEvent): boolean {
    if (!fitsInt32(e.round) || typeof e.t !== "string") return false;
    if (e.type === "decision") return this.#encodeDecision(e);
    if (e.type === "page") return this.#encodePage(e);
    if (e.type !== "busy" || !keysInOrder(e, BUSY_KEYS) || typeof e.agent !== "string") {
      return false;
    }
    const t = this.#times.id(e.t), agent = this.#agents.id(e.agent);
    if (t < 0 || agent < 0) return false;
    this.#row(BUSY, e.round, t, agent, 0, 0, 0, 0, 0, 0, 0);
    return true;
  }

  #encodeDecision(e: Omit<DecisionEvent, "seq"> | DecisionEvent): boolean {
    const { agent, behaviour, brain, action, rationale, calls, tokens, failure } = e;
    if (
      !keysInOrder(e, DECISION_KEYS) || typeof agent !== "string" ||
      typeof behaviour !== "string" || typeof brain !== "string" ||
      typeof rationale !== "string" || !fitsInt32(calls) || !fitsInt32(tokens) ||
      (failure !== null && typeof failure !== "string")
    ) return false;
    const s = this.texts.strings;
    const t = this.#times.id(e.t),
      a = this.#agents.id(agent),
      b = s.id(behaviour),
      br = s.id(brain);
    const act = this.#actionId(action), r = s.id(rationale);
    const f = failure === null ? -1 : s.id(failure);
    if (t < 0 || a < 0 || b < 0 || br < 0 || act < 0 || r < 0 || (failure !== null && f < 0)) {
      return false;
    }
    this.#row(DECISION, e.round, t, a, b, br, act, r, calls, tokens, f);
    return true;
  }

  #encodePage(e: Omit<PageEvent, "seq"> | PageEvent): boolean {
    const { agent, page, query, items, source } = e;
    if (
      !keysInOrder(e, PAGE_KEYS) || typeof agent !== "string" || !fitsInt32(page) ||
      (query !== null && typeof query !== "string") || typeof source !== "string" ||
      !Array.isArray(items)
    ) return false;
    const s = this.texts.strings;
    const t = this.#times.id(e.t), a = this.#agents.id(agent), src = s.id(source);
    const q = query === null ? -1 : s.id(query);
    if (t < 0 || a < 0 || src < 0 || (query !== null && q < 0)) return false;
    const at = this.#items.length;
    for (let k = 0; k < items.length; k++) {
      const id = typeof items[k] === "string" ? s.id(items[k]) : -1;
      if (id < 0) {
        this.#items.truncate(at);
        return false;
      }
      this.#items.push(id);
    }
    this.#row(PAGE, e.round, t, a, page, q, at, items.length, src, 0, 0);
    return true;
  }

  // The id of an action's JSON text. An action of strings, finite numbers, booleans or null
  // (choose, watch, feel, search…) is found by a walk through its keys and values in order:
  // a million feel decisions then cost a few lookups each, no JSON text made and hashed.
  #actionId(action: unknown): number {
    if (typeof action !== "object" || action === null || Array.isArray(action)) return -1;
    if (Object.getPrototypeOf(action) !== Object.prototype) return -1;
    const fields = action as Record<string, unknown>;
    // Checked first: a walk begun on an action with a list (chat, post) would leave nodes,
    // one per friend or text, that no id ends.
    for (const k in fields) {
      if (!isFlatValue(fields[k])) {
        return isPlainJson(action) ? this.texts.actions.id(JSON.stringify(action)) : -1;
      }
    }
    let node = this.#actionTrie;
    for (const k in fields) node = trieStep(trieStep(node, k), fields[k]);
    if (node.id === undefined) {
      const id = this.texts.actions.id(JSON.stringify(action));
      if (id >= 0) node.id = id;
      return id;
    }
    return node.id;
  }

  readonly #actionTrie: TrieNode = { next: new Map() };

  #row(
    kind: number,
    round: number,
    t: number,
    agent: number,
    f0: number,
    f1: number,
    f2: number,
    f3: number,
    f4: number,
    f5: number,
    f6: number,
  ): void {
    this.#kind.push(kind);
    this.#round.push(round);
    this.#t.push(t);
    this.#agent.push(agent);
    const f = this.#f;
    f[0].push(f0);
    f[1].push(f1);
    f[2].push(f2);
    f[3].push(f3);
    f[4].push(f4);
    f[5].push(f5);
    f[6].push(f6);
  }
}

/** A node of the actions' trie: keys and values alternate along a path; `id` ends one. */
interface TrieNode {
  next: Map<unknown, TrieNode>;
  id?: number;
}

function trieStep(node: TrieNode, key: unknown): TrieNode {
  let child = node.next.get(key);
  if (!child) node.next.set(key, child = { next: new Map() });
  return child;
}

/**
 * A value JSON writes back as itself and a Map tells apart from every other such value: a
 * string, a finite number other than −0 (which JSON writes as 0), a boolean or null.
 */
function isFlatValue(v: unknown): boolean {
  return typeof v === "string" || typeof v === "boolean" || v === null ||
    (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0));
}
