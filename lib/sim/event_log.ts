/**
 * An append-only event log kept in memory (for live analysis) and, when a run folder is
 * attached, written to events.jsonl once per round, a chunk of lines at a time.
 *
 * Decisions, pages and busy turns are held as rows of integers (lib/sim/event_columns.ts) and
 * become objects only when `events` is read, so a run of millions of agents that nobody reads
 * event by event keeps about 45 bytes per event instead of an object graph of about 290.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import { EventColumns, eventTexts } from "./event_columns.ts";
import { type EventDraft, eventLine, type SimEvent } from "./events.ts";

/**
 * The run's event log.
 *
 * @example Numbering and filtering
 * ```ts
 * import { EventLog } from "@lib/sim/event_log.ts";
 * import assert from "node:assert/strict";
 * const log = new EventLog();
 * log.append({ type: "busy", agent: "a", round: 0, t: "2026-01-01T00:00:00.000Z" });
 * assert.equal(log.events[0].seq, 0);
 * assert.equal(log.ofType("busy").length, 1);
 * ```
 */
export class EventLog {
  readonly #texts = eventTexts();
  readonly #cols = new EventColumns(this.#texts);
  // A round's turns that finished before an earlier one: their events wait here, as rows.
  #turns: {
    base: number;
    next: number;
    staging: EventColumns;
    waiting: Map<number, { from: number; to: number }>;
  } | null = null;
  // The events read so far as objects, made once each so they keep their identity.
  readonly #view: SimEvent[] = [];
  // Serialised only when a run store asks, so unsaved runs at scale skip the work.
  #drained = 0;
  #listeners: ((e: SimEvent) => void)[] = [];

  /** How many events the log holds. */
  get length(): number {
    return this.#cols.length;
  }

  /** How many events the log holds as rows of integers rather than objects. */
  get rows(): number {
    return this.#cols.rows;
  }

  /**
   * Every event so far, in order, as objects (made when first read; not to be changed).
   *
   * @returns The events.
   */
  get events(): SimEvent[] {
    const view = this.#view, cols = this.#cols;
    for (let i = view.length; i < cols.length; i++) view.push(cols.get(i, i));
    return view;
  }

  /**
   * The event at a position as an object, without making objects of those before it.
   *
   * @param seq The position (0 ≤ seq < length).
   * @returns The event (the same object `events` holds once it has been read there).
   */
  at(seq: number): SimEvent {
    return seq < this.#view.length ? this.#view[seq] : this.#cols.get(seq, seq);
  }

  /**
   * Appends events, numbering them.
   *
   * @param drafts Events without seq.
   * @returns The numbered events.
   */
  append(...drafts: EventDraft[]): SimEvent[] {
    const out: SimEvent[] = [];
    for (const d of drafts) {
      // Kept as the object it is (not a row): the caller holds it, and so may the log's readers.
      const seq = this.#cols.length;
      const e = { ...d, seq } as SimEvent;
      this.#cols.push(e);
      out.push(e);
      this.#tell(seq);
    }
    return out;
  }

  /**
   * Appends events handed over by their maker (a turn's fresh drafts, kept nowhere else): a
   * draft kept as an object is numbered in place, where {@link append} copies it.
   *
   * @param drafts Events without seq, not to be used again by the caller.
   *
   * @example Adopted and appended events read and serialise the same
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * const adopted = new EventLog(), copied = new EventLog();
   * const draft = { type: "round_start" as const, round: 0, t: "", active: [] };
   * copied.append(draft);
   * adopted.adopt([draft]);
   * assert.equal(adopted.events[0].seq, 0);
   * assert.deepEqual(adopted.drain(), copied.drain());
   * ```
   */
  adopt(drafts: readonly EventDraft[]): void {
    for (const d of drafts) {
      const seq = this.#cols.length;
      // Kept whole when no row fits it: then numbered in place, as the log's own objects are.
      if (!this.#cols.push(d, seq)) (d as SimEvent).seq = seq;
      this.#tell(seq);
    }
  }

  /**
   * Starts taking a round's turns: from now on, turn i's events follow turn i − 1's in the log,
   * whatever order the turns finish in (see {@link takeTurn}).
   *
   * @example Turns finishing c, a, b are logged a, b, c
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * const log = new EventLog();
   * const busy = (agent: string) => [{ type: "busy" as const, round: 0, t: "", agent }];
   * log.beginTurns();
   * log.takeTurn(2, busy("c"));
   * log.takeTurn(0, busy("a"));
   * log.takeTurn(1, busy("b"));
   * log.endTurns(3);
   * assert.deepEqual(log.events.map((e) => e.type === "busy" && e.agent), ["a", "b", "c"]);
   * ```
   */
  beginTurns(): void {
    this.#turns = {
      base: this.#cols.length,
      next: 0,
      staging: new EventColumns(this.#texts),
      waiting: new Map(),
    };
  }

  /**
   * Takes a finished turn's events. When every earlier turn is in, they go straight into the
   * log (as rows, so a round of a million turns keeps no drafts alive until it ends), followed
   * by any later turns that were waiting; otherwise they wait, as rows, for the turns before.
   *
   * @param index The turn's place in the round (0-based).
   * @param drafts Its events, not to be used again by the caller.
   * @returns False when the log is not taking turns (a turn that finished after its round
   *   failed): the events are then not taken.
   */
  takeTurn(index: number, drafts: readonly EventDraft[]): boolean {
    const turns = this.#turns;
    if (!turns) return false;
    if (index !== turns.next) {
      const from = turns.staging.length;
      for (const d of drafts) turns.staging.push(d);
      turns.waiting.set(index, { from, to: turns.staging.length });
      return true;
    }
    this.adopt(drafts);
    turns.next++;
    for (let w = turns.waiting.get(turns.next); w; w = turns.waiting.get(turns.next)) {
      turns.waiting.delete(turns.next);
      const start = this.#cols.length;
      this.#cols.pushRange(turns.staging, w.from, w.to);
      for (let seq = start; seq < this.#cols.length; seq++) this.#tell(seq);
      turns.next++;
    }
    return true;
  }

  /**
   * Ends taking a round's turns.
   *
   * @param count How many turns the round had: all of them must have been taken. Null when the
   *   round did not finish: its turns' events are then taken out of the log again, which
   *   holds what it held before the turns.
   * @throws Error when turns are missing.
   */
  endTurns(count: number | null): void {
    const turns = this.#turns;
    this.#turns = null;
    if (!turns) return;
    if (count === null) {
      this.#cols.truncate(turns.base);
      this.#view.length = Math.min(this.#view.length, turns.base);
      this.#drained = Math.min(this.#drained, turns.base);
      return;
    }
    if (turns.next !== count) {
      throw new Error(`${count - turns.next} of the round's ${count} turns were never taken`);
    }
  }

  /**
   * Events of one type.
   *
   * @param type The event type.
   * @returns Matching events, in order.
   */
  ofType<T extends SimEvent["type"]>(type: T): Extract<SimEvent, { type: T }>[] {
    return this.events.filter((e) => e.type === type) as Extract<SimEvent, { type: T }>[];
  }

  /**
   * The type of the event at a position, without making its object.
   *
   * @param seq The position.
   * @returns Its type.
   */
  typeAt(seq: number): SimEvent["type"] {
    return this.#cols.typeAt(seq);
  }

  /**
   * How many decisions from a position on took each action type (the round's counts, without
   * making an object per event).
   *
   * @param from The first position.
   * @returns Decisions by action type.
   *
   * @example
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * const log = new EventLog();
   * log.adopt([{ type: "decision", round: 0, t: "", agent: "a", behaviour: "browse",
   *   brain: "rule", action: { type: "leave" }, rationale: "", calls: 0, tokens: 0, failure: null }]);
   * assert.equal(log.actionCounts(0).get("leave"), 1);
   * ```
   */
  actionCounts(from: number): Map<string, number> {
    const counts = new Map<string, number>();
    const cols = this.#cols;
    for (let i = from; i < cols.length; i++) {
      if (cols.typeAt(i) !== "decision") continue;
      const type = cols.actionTypeAt(i);
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * What the log's events spent on LLM calls (decisions, interviews, surveys).
   *
   * @returns Calls, tokens and failed calls.
   */
  spent(): { calls: number; tokens: number; failures: number } {
    const total = { calls: 0, tokens: 0, failures: 0 };
    const cols = this.#cols;
    for (let i = 0; i < cols.length; i++) {
      const c = cols.costAt(i);
      if (!c) continue;
      total.calls += c.calls;
      total.tokens += c.tokens;
      if (c.failed) total.failures++;
    }
    return total;
  }

  /**
   * Calls a function for every new event (live dashboards, progress).
   *
   * @param listener Called synchronously on append.
   * @returns A function that unsubscribes.
   */
  subscribe(listener: (e: SimEvent) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  #tell(seq: number): void {
    if (this.#listeners.length === 0) return;
    const e = this.at(seq);
    for (const l of this.#listeners) l(e);
  }

  /**
   * Takes the events not yet written, as JSON lines (for the run store).
   *
   * @returns One line per event, without newlines.
   */
  drain(): string[] {
    return [...this.drainLines()];
  }

  /**
   * Takes the events not yet written, as JSON lines made as they are read (a round of a million
   * agents makes 2.4 million lines: the run store writes them a chunk at a time instead of
   * holding them all). They count as taken at once, as with {@link drain}.
   *
   * @returns The lines, to be read once.
   *
   * @example The same lines as drain
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * const log = new EventLog();
   * log.append({ type: "busy", agent: "a", round: 0, t: "" });
   * assert.deepEqual([...log.drainLines()], ['{"seq":0,"round":0,"t":"","type":"busy","agent":"a"}']);
   * assert.deepEqual(log.drain(), []);
   * ```
   */
  drainLines(): Iterable<string> {
    const from = this.#drained;
    this.#drained = this.#cols.length;
    return this.lines(from, this.#drained);
  }

  /**
   * Events as JSON lines, made as they are read, without making their objects (export a long
   * log to a file a chunk at a time).
   *
   * @param from First position (default 0).
   * @param to End position, exclusive (default: the log's length now).
   * @returns The lines of events `from` to `to`, as events.jsonl holds them.
   *
   * @example
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * const log = new EventLog();
   * log.append({ type: "busy", agent: "a", round: 0, t: "" }, { type: "busy", agent: "b", round: 0, t: "" });
   * assert.deepEqual([...log.lines(1)], ['{"seq":1,"round":0,"t":"","type":"busy","agent":"b"}']);
   * ```
   */
  lines(from = 0, to = this.#cols.length): Iterable<string> {
    const cols = this.#cols;
    return {
      *[Symbol.iterator]() {
        for (let seq = from; seq < to; seq++) yield cols.line(seq, seq);
      },
    };
  }

  /** Forgets the events not yet written (a run without a store). */
  discardPending(): void {
    this.#drained = this.#cols.length;
  }

  /**
   * A copy of a log's events (forks get their own history), with nothing pending.
   *
   * @param events The events to copy.
   * @returns The new log.
   */
  static fromEvents(events: readonly SimEvent[]): EventLog {
    const log = new EventLog();
    for (const e of events) log.#restore(JSON.parse(eventLine(e)) as SimEvent);
    return log;
  }

  // A saved event, numbered by its place; nothing pending is added.
  #restore(e: SimEvent): void {
    this.#cols.push(e, this.#cols.length);
    this.#drained = this.#cols.length;
  }

  /**
   * Restores a log from JSONL (resume, saved-run analysis); a torn last line is ignored.
   *
   * @param text events.jsonl contents.
   * @returns A log holding those events, with nothing pending.
   */
  static fromJsonl(text: string): EventLog {
    const log = new EventLog();
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]) continue;
      try {
        log.#restore(JSON.parse(lines[i]) as SimEvent);
      } catch (e) {
        if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l)) {
          throw new DataError("events.jsonl", i + 1, `not valid JSON (${(e as Error).message})`);
        }
      }
    }
    return log;
  }

  /**
   * Reads events from JSON lines as they arrive (a log too large for one string). A line that
   * does not parse is an error unless nothing but empty lines follows it (a write cut short).
   *
   * @param lines JSON lines without their newlines.
   * @returns The log.
   * @throws DataError naming the line when a line before the last is not valid JSON.
   *
   * @example Lines in, events out; a cut-off last line is left out
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * async function* lines() {
   *   yield '{"type":"round_start","round":0,"t":"","active":[],"seq":0}';
   *   yield '{"type":"round_e';
   * }
   * assert.equal((await EventLog.fromJsonlLines(lines())).events.length, 1);
   * ```
   */
  static async fromJsonlLines(lines: AsyncIterable<string>): Promise<EventLog> {
    const log = new EventLog();
    let bad: { line: number; why: string } | null = null;
    let n = 0;
    for await (const line of lines) {
      n++;
      if (!line) continue;
      if (bad) throw new DataError("events.jsonl", bad.line, `not valid JSON (${bad.why})`);
      try {
        log.#restore(JSON.parse(line) as SimEvent);
      } catch (e) {
        bad = { line: n, why: (e as Error).message };
      }
    }
    return log;
  }
}
