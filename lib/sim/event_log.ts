/**
 * An append-only event log kept in memory (for live analysis) and, when a run folder is
 * attached, written to events.jsonl once per round in one write.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
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
  /** Every event so far, in order. */
  readonly events: SimEvent[] = [];
  // Serialised only when a run store asks, so unsaved runs at scale skip the work.
  #pending: SimEvent[] = [];
  #listeners: ((e: SimEvent) => void)[] = [];

  /**
   * Appends events, numbering them.
   *
   * @param drafts Events without seq.
   * @returns The numbered events.
   */
  append(...drafts: EventDraft[]): SimEvent[] {
    const out: SimEvent[] = [];
    for (const d of drafts) {
      const e = { ...d, seq: this.events.length } as SimEvent;
      this.events.push(e);
      this.#pending.push(e);
      out.push(e);
      for (const l of this.#listeners) l(e);
    }
    return out;
  }

  /**
   * Appends events handed over by their maker (a turn's fresh drafts, kept nowhere else): each
   * draft is numbered in place and becomes the event, where {@link append} copies it, so a
   * round of a million rule turns makes each event object once.
   *
   * @param drafts Events without seq, not to be used again by the caller.
   *
   * @example The draft becomes the event, numbered as `append` would number a copy
   * ```ts
   * import { EventLog } from "@lib/sim/event_log.ts";
   * import assert from "node:assert/strict";
   * const adopted = new EventLog(), copied = new EventLog();
   * const draft = { type: "round_start" as const, round: 0, t: "", active: [] };
   * copied.append(draft);
   * adopted.adopt([draft]);
   * assert.equal(adopted.events[0], draft);
   * assert.equal(adopted.events[0].seq, 0);
   * assert.deepEqual(adopted.drain(), copied.drain());
   * ```
   */
  adopt(drafts: readonly EventDraft[]): void {
    for (const d of drafts) {
      const e = d as SimEvent;
      e.seq = this.events.length;
      this.events.push(e);
      this.#pending.push(e);
      for (const l of this.#listeners) l(e);
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

  /**
   * Takes the events not yet written, as JSON lines (for the run store).
   *
   * @returns One line per event, without newlines.
   */
  drain(): string[] {
    const lines = this.#pending.map(eventLine);
    this.#pending = [];
    return lines;
  }

  /** Forgets the events not yet written (a run without a store). */
  discardPending(): void {
    this.#pending = [];
  }

  /**
   * A copy of a log's events (forks get their own history), with nothing pending.
   *
   * @param events The events to copy.
   * @returns The new log.
   */
  static fromEvents(events: readonly SimEvent[]): EventLog {
    const log = new EventLog();
    for (const e of events) log.events.push(JSON.parse(eventLine(e)) as SimEvent);
    return log;
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
        log.events.push(JSON.parse(lines[i]) as SimEvent);
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
        log.events.push(JSON.parse(line) as SimEvent);
      } catch (e) {
        bad = { line: n, why: (e as Error).message };
      }
    }
    return log;
  }
}
