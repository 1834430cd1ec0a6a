/**
 * Agents' genre weights as rows of one typed array per world, so that interest drift, the
 * rule brain's hottest write, changes numbers in place instead of making a record of a dozen
 * boxed numbers for every item an agent watches.
 *
 * An agent's `state.genreWeights` stays plain data to everyone who reads it: an enumerable
 * property whose getter makes the record from the row when asked (frozen: weights are only
 * ever replaced, never changed in place) and whose setter takes any record, as an assignment
 * would. The rule brain reads the row directly. A row holds the weights in the order the
 * record lists them, so every sum runs in the same order and gives the same bits as on the
 * record.
 *
 * @module
 */
import type { Item } from "../../recsys/item.ts";
import type { AgentState } from "../context.ts";
import {
  type CanonicalTaste,
  canonicalTaste,
  canonicalWeights,
  genresOf,
  stateMatch,
} from "./taste.ts";

/** The canonical genres an agent's weights list, in their order; shared by agents alike. */
export class GenreKeys {
  /** The genres, in order. */
  readonly names: readonly string[];
  readonly #slots = new Map<string, number>();
  readonly #longer = new Map<string, GenreKeys>();

  /** @param names Distinct genres, in order. */
  constructor(names: readonly string[]) {
    this.names = names;
    names.forEach((g, i) => this.#slots.set(g, i));
  }

  /**
   * @param genre A canonical genre.
   * @returns Its place in the list, or -1.
   */
  slot(genre: string): number {
    return this.#slots.get(genre) ?? -1;
  }

  /**
   * @param genre A genre not in the list.
   * @returns The list with it added at the end (the same object every time).
   */
  with(genre: string): GenreKeys {
    let longer = this.#longer.get(genre);
    if (longer === undefined) {
      longer = new GenreKeys([...this.names, genre]);
      this.#longer.set(genre, longer);
    }
    return longer;
  }
}

/** Lists met in records, by their genres joined; bounded, past which lists are not shared. */
const KEYS = new Map<string, GenreKeys>();
const KEYS_MAX = 10_000;

function keysOf(names: string[]): GenreKeys {
  const id = names.join("\u0000");
  let keys = KEYS.get(id);
  if (keys === undefined) {
    keys = new GenreKeys(names);
    if (KEYS.size < KEYS_MAX) KEYS.set(id, keys);
  }
  return keys;
}

const NO_GENRES = keysOf([]);

/** Weights on canonical keys as numbers in the keys' order, with their maximum. */
export interface TasteVector {
  readonly keys: GenreKeys;
  readonly values: Float64Array;
  /** Where the weights start in `values`. */
  readonly base: number;
  /** The largest weight (0 when none is positive). */
  readonly max: number;
}

// A for-in lists keys that are array indices first, in numeric order, whatever order they
// were added in; and a name every object inherits ("__proto__", "constructor") reads as
// something on a record before it is set there. Weights with such a genre would sum otherwise
// than a row, so they stay a record.
function unlikeRow(key: string): boolean {
  return key in Object.prototype ||
    (/^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295);
}

/**
 * A record's weights on canonical keys, as `canonicalWeights` makes them (labels that meet on
 * one genre add up, negatives count as 0), as a vector in that record's key order.
 *
 * @param weights Weights by genre label.
 * @returns The vector, or null when a canonical key could not live in a row.
 */
function vectorOf(weights: Readonly<Record<string, number>>): TasteVector | null {
  const canonical = canonicalWeights(weights);
  const names = Object.keys(canonical);
  if (names.some(unlikeRow)) return null;
  const values = Float64Array.from(names, (g) => canonical[g]);
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  return { keys: keysOf(names), values, base: 0, max };
}

// Frozen records never change, so their vectors are made once (above all the few dozen
// starting weights that agents with the same interests share).
const FROZEN = new WeakMap<object, TasteVector | null>();

function frozenVector(weights: Readonly<Record<string, number>>): TasteVector | null {
  let v = FROZEN.get(weights);
  if (v === undefined) FROZEN.set(weights, v = vectorOf(weights));
  return v;
}

/** Rows per chunk of a table: a table holds at most one chunk more than its agents need. */
const CHUNK_ROWS = 4096;

/**
 * The rows of one world's agents, in chunks of {@link CHUNK_ROWS} rows: a row is taken at an
 * agent's first drift, and a million agents' table grows a chunk at a time, never copied.
 */
export class TasteTable {
  /**
   * Numbers per row: the canonical genres and a few more a catalogue may add; wider, every
   * chunk laid out again, when some agent's weights list more.
   */
  stride = 20;
  /** The chunks of rows. */
  readonly chunks: Float64Array[] = [];
  #rows = 0;

  /** @returns The number of rows handed out. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * A new row.
   *
   * @param width How many numbers it needs.
   * @returns The row.
   */
  take(width: number): number {
    this.widen(width);
    const row = this.#rows++;
    if (row % CHUNK_ROWS === 0) this.chunks.push(new Float64Array(CHUNK_ROWS * this.stride));
    return row;
  }

  /**
   * Makes every row at least this wide.
   *
   * @param width Numbers per row.
   */
  widen(width: number): void {
    if (width <= this.stride) return;
    const was = this.stride, stride = Math.max(width, was * 2);
    for (let c = 0; c < this.chunks.length; c++) {
      const old = this.chunks[c], next = new Float64Array(CHUNK_ROWS * stride);
      for (let r = 0; r < CHUNK_ROWS; r++) {
        next.set(old.subarray(r * was, r * was + was), r * stride);
      }
      this.chunks[c] = next;
    }
    this.stride = stride;
  }

  /**
   * @param row A row.
   * @returns The chunk it lives in.
   */
  chunkOf(row: number): Float64Array {
    return this.chunks[Math.floor(row / CHUNK_ROWS)];
  }

  /**
   * @param row A row.
   * @returns Where it starts in its chunk.
   */
  baseOf(row: number): number {
    return (row % CHUNK_ROWS) * this.stride;
  }
}

const TABLE = Symbol("taste table");
const CELL = Symbol("taste weights");

/**
 * The part of a state the getter and setter of `genreWeights` reach: its world's table, and
 * the record given until the first drift, its cell after (an agent that never drifts has none).
 */
interface WithCell {
  readonly [TABLE]: TasteTable;
  [CELL]: unknown;
}

/** One agent's weights: a row of its world's table, or the record last given. */
export class TasteCell implements TasteVector {
  readonly table: TasteTable;
  #row = -1;
  /** Whether the row holds the weights (false: `record` does). */
  inRow = false;
  keys: GenreKeys = NO_GENRES;
  max = 0;
  /** The record given, while the row does not hold the weights. */
  record: unknown = undefined;
  /**
   * The row read out as a record, held weakly: the same object for every read while anyone
   * keeps it, and no second copy of every agent's weights once a checkpoint has read them all.
   */
  #readOut: WeakRef<Record<string, number>> | undefined = undefined;

  /** @param table The world's table. */
  constructor(table: TasteTable) {
    this.table = table;
  }

  /** @returns The numbers the row lives in. */
  get values(): Float64Array {
    return this.table.chunkOf(this.#row);
  }

  /** @returns Where the row starts. */
  get base(): number {
    return this.table.baseOf(this.#row);
  }

  /** @returns The weights: the record given, or the row as a frozen record. */
  read(): unknown {
    if (!this.inRow) return this.record;
    let out = this.#readOut?.deref();
    if (out === undefined) {
      out = {};
      const names = this.keys.names, values = this.values, base = this.base;
      for (let k = 0; k < names.length; k++) out[names[k]] = values[base + k];
      this.#readOut = new WeakRef(Object.freeze(out));
    }
    return out;
  }

  /**
   * Moves the weights toward an item's genres, as `driftInterests` does on a record.
   *
   * @param item The item consumed.
   * @param s The step in [0, 1].
   * @returns False when the weights cannot live in a row (they stay a record, unchanged).
   */
  drift(item: Item, s: number): boolean {
    let keys: GenreKeys, from: Float64Array, at: number;
    if (this.inRow) {
      keys = this.keys;
      from = this.values;
      at = this.base;
    } else {
      const w = this.record as Readonly<Record<string, number>>;
      const v = typeof w !== "object" || w === null
        ? null
        : Object.isFrozen(w)
        ? frozenVector(w)
        : vectorOf(w);
      if (v === null) return false;
      ({ keys, values: from, base: at } = v);
    }
    const gs = genresOf(item);
    let grown = keys;
    if (s > 0) {
      for (const g of gs) {
        if (grown.slot(g) >= 0) continue;
        if (unlikeRow(g)) return false;
        grown = grown.with(g);
      }
    }
    const n = keys.names.length, width = grown.names.length;
    // Widening lays the chunks out anew and leaves the old ones as they were, so `from` still
    // reads the weights where it found them.
    if (this.#row < 0) this.#row = this.table.take(width);
    else this.table.widen(width);
    const out = this.values, base = this.base;
    // The steps of driftInterests on a record, number for number in the record's key order:
    // the canonical copy (0 + max(0, w)), its sum, scaled by 1 − s ...
    let total = 0;
    for (let k = 0; k < n; k++) total += out[base + k] = 0 + Math.max(0, from[at + k]);
    for (let k = 0; k < n; k++) out[base + k] = (1 - s) * (total > 0 ? out[base + k] / total : 0);
    // ... plus s spread over the item's genres (a new genre starts from 0) ...
    if (s > 0) {
      for (const g of gs) {
        const k = grown.slot(g);
        // A genre new to the row starts from 0, as a key new to the record does.
        out[base + k] = (k < n ? out[base + k] : 0) + s / gs.length;
      }
    }
    // ... normalised.
    let sum = 0;
    for (let k = 0; k < width; k++) sum += out[base + k];
    let max = 0;
    for (let k = 0; k < width; k++) {
      const v = out[base + k] = sum > 0 ? out[base + k] / sum : 0;
      max = Math.max(max, v);
    }
    this.keys = grown;
    this.max = max;
    this.inRow = true;
    this.record = undefined;
    this.#readOut = undefined;
    return true;
  }
}

// One getter and setter for every state, so states made alike share their shape.
const WEIGHTS: PropertyDescriptor = {
  get(this: WithCell) {
    const held = this[CELL];
    return held instanceof TasteCell ? held.read() : held;
  },
  set(this: WithCell, value: unknown) {
    const held = this[CELL];
    if (held instanceof TasteCell) {
      held.inRow = false;
      held.record = value;
    } else this[CELL] = value;
  },
  enumerable: true,
  configurable: true,
};

/**
 * Gives a state object its `genreWeights` on a row of a table: call it on a fresh object,
 * before any other property, so the weights stay its first key.
 *
 * @param target The object to become a state.
 * @param table The world's table.
 * @param weights The starting weights (kept as given until the first drift).
 *
 * @example The weights read back as given, and drift keeps them plain data
 * ```ts
 * import { TasteTable, withTasteRow } from "@lib/brain/rule/taste_table.ts";
 * import { driftState } from "@lib/brain/rule/drift.ts";
 * import assert from "node:assert/strict";
 * const weights = Object.freeze({ "Sci-Fi": 0.9, Comedy: 0.1 });
 * const state = withTasteRow({}, new TasteTable(), weights) as { genreWeights: Record<string, number> };
 * assert.equal(state.genreWeights, weights);
 * const item = { id: "c", title: "Airplane!", genres: ["Comedy"], year: 1980, description: "", popularity: 1, quality: 0.8 };
 * driftState(state, item, 5, 0.2);
 * assert.ok(state.genreWeights.Comedy > 0.1);
 * assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(state))), ["genreWeights"]);
 * ```
 */
export function withTasteRow(
  target: object,
  table: TasteTable,
  weights: Record<string, number>,
): object {
  Object.defineProperty(target, "genreWeights", WEIGHTS);
  Object.defineProperty(target, TABLE, { value: table });
  Object.defineProperty(target, CELL, { value: weights, writable: true });
  return target;
}

/**
 * @param state A state.
 * @returns Whether its weights move to a row of a taste table when they drift.
 */
export function onTasteTable(state: object): boolean {
  return (state as Partial<WithCell>)[TABLE] !== undefined;
}

/**
 * @param state A state.
 * @returns Its cell, once its weights have drifted on a taste table.
 */
export function tasteCell(state: object): TasteCell | undefined {
  const held = (state as Partial<WithCell>)[CELL];
  return held instanceof TasteCell ? held : undefined;
}

/**
 * Drifts a state's weights on its row (see `driftInterests` for the step).
 *
 * @param state The agent's state.
 * @param item The item consumed.
 * @param s The step in [0, 1].
 * @returns False when the state is not on a table or its weights cannot live on a row (then
 *   nothing changed).
 */
export function driftOnRow(state: object, item: Item, s: number): boolean {
  const on = state as Partial<WithCell>;
  const table = on[TABLE];
  if (table === undefined) return false;
  const held = on[CELL];
  if (held instanceof TasteCell) return held.drift(item, s);
  const cell = new TasteCell(table);
  cell.record = held;
  if (!cell.drift(item, s)) return false;
  on[CELL] = cell;
  return true;
}

/**
 * An agent's weights as the rule brain reads them for a decision: its row, a frozen record's
 * vector, or {@link canonicalTaste} of a record that may still change.
 *
 * @param state The agent's state.
 * @returns What {@link tasteMatch} reads.
 */
export function tasteOf(state: Pick<AgentState, "genreWeights">): TasteVector | CanonicalTaste {
  const held = (state as Partial<WithCell>)[CELL];
  if (held instanceof TasteCell && held.inRow) return held;
  const w = state.genreWeights;
  if (typeof w === "object" && w !== null && Object.isFrozen(w)) {
    const v = frozenVector(w);
    if (v !== null) return v;
  }
  return canonicalTaste(state);
}

/**
 * `stateMatch` on what {@link tasteOf} gave: the same number, read from a vector when there
 * is one.
 *
 * @param state The agent's state.
 * @param item The item.
 * @param taste The state's taste (default: {@link tasteOf}).
 * @returns A match in [0, 1].
 */
export function tasteMatch(
  state: Pick<AgentState, "genreWeights">,
  item: Item,
  taste: TasteVector | CanonicalTaste = tasteOf(state),
): number {
  if (!("keys" in taste)) return stateMatch(state, item, taste);
  const { keys, values, base, max } = taste;
  if (max === 0) return 0;
  const gs = genresOf(item);
  let s = 0;
  for (let k = 0; k < gs.length; k++) {
    const slot = keys.slot(gs[k]);
    s += (slot < 0 ? 0 : values[base + slot]) / max;
  }
  return s / gs.length;
}
