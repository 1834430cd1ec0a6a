/**
 * Interned strings: each distinct string is kept once and named by a small integer, with its
 * JSON form made once, so a log of millions of events repeating a few thousand texts (agent
 * ids, item ids, templated rationales) holds each text once and serialises it without
 * re-escaping.
 *
 * @module
 */

/**
 * A table of distinct strings.
 *
 * @example Equal strings get one id; the JSON form is quoted once
 * ```ts
 * import { Interner } from "@lib/core/interner.ts";
 * import assert from "node:assert/strict";
 * const t = new Interner();
 * const a = t.id("say \"hi\"");
 * assert.equal(t.id("say \"hi\""), a);
 * assert.equal(t.value(a), "say \"hi\"");
 * assert.equal(t.json(a), JSON.stringify("say \"hi\""));
 * assert.equal(new Interner(1).id("x") + new Interner(0).id("x"), -1);
 * ```
 */
export class Interner {
  readonly #ids = new Map<string, number>();
  readonly #values: string[] = [];
  readonly #json: (string | undefined)[] = [];
  readonly #max: number;

  /** @param max Distinct strings to hold at most (past it {@link id} answers -1). */
  constructor(max = 1 << 21) {
    this.#max = max;
  }

  /**
   * The id of a string, adding it when new.
   *
   * @param s The string.
   * @returns Its id, or -1 when the table is full and the string is not in it.
   */
  id(s: string): number {
    let id = this.#ids.get(s);
    if (id === undefined) {
      if (this.#values.length >= this.#max) return -1;
      id = this.#values.length;
      this.#ids.set(s, id);
      this.#values.push(s);
    }
    return id;
  }

  /**
   * The string of an id.
   *
   * @param id An id given by {@link id}.
   * @returns The string.
   */
  value(id: number): string {
    return this.#values[id];
  }

  /**
   * The string of an id as a JSON string literal (what `JSON.stringify` makes of it).
   *
   * @param id An id given by {@link id}.
   * @returns The quoted, escaped string.
   */
  json(id: number): string {
    return this.#json[id] ??= JSON.stringify(this.#values[id]);
  }
}

/**
 * An {@link Interner} lookup that remembers the last string it was asked for: where the same
 * string comes many times in a row (one agent's events, one round's time) it answers without
 * hashing.
 *
 * @example
 * ```ts
 * import { Interner, LastId } from "@lib/core/interner.ts";
 * import assert from "node:assert/strict";
 * const table = new Interner();
 * const ids = new LastId(table);
 * assert.equal(ids.id("a"), ids.id("a"));
 * assert.equal(ids.id("b"), table.id("b"));
 * assert.notEqual(ids.id("a"), ids.id("b"));
 * ```
 */
export class LastId {
  readonly #table: Interner;
  #last: string | null = null;
  #lastId = -1;

  /** @param table The table ids come from. */
  constructor(table: Interner) {
    this.#table = table;
  }

  /**
   * @param s The string.
   * @returns Its id in the table (see {@link Interner.id}).
   */
  id(s: string): number {
    if (s !== this.#last) {
      this.#lastId = this.#table.id(s);
      this.#last = s;
    }
    return this.#lastId;
  }
}
