/**
 * A seedable, forkable pseudo-random number generator (sfc32), the only source of randomness
 * in a simulation. Forks are derived from the seed and a label, never from the parent's
 * position in its stream, so an agent's draws do not depend on who ran before it.
 *
 * @module
 */
import { fmix32, hash32 } from "./hash.ts";

/** A snapshot of a generator, enough to resume its stream exactly (for checkpoints). */
export interface RngState {
  /** The derivation key forks are computed from. */
  key: string;
  /** The four sfc32 state words. */
  words: [number, number, number, number];
}

/**
 * Seeded generator with the draws a simulation needs.
 *
 * @example Same seed, same stream; forks are independent of the parent's position
 * ```ts
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const a = new Rng(42), b = new Rng(42);
 * assert.equal(a.next(), b.next());
 * const before = new Rng(42).fork("agent:1").next();
 * const c = new Rng(42);
 * c.next(); c.next();
 * assert.equal(c.fork("agent:1").next(), before);
 * ```
 */
export class Rng {
  #key: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /**
   * @param seed A number or string; equal seeds give equal streams.
   */
  constructor(seed: number | string) {
    this.#key = String(seed);
    const h = hash32(this.#key);
    this.#a = fmix32(h ^ 0x9e3779b9);
    this.#b = fmix32(h ^ 0x243f6a88);
    this.#c = fmix32(h ^ 0xb7e15162);
    this.#d = 1;
    // Warm up so that nearby seeds diverge before the first draw is used.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The derivation key this generator was seeded with. */
  get key(): string {
    return this.#key;
  }

  /**
   * A child generator for a named purpose ("agent:7", "round:3"), derived from this
   * generator's seed and the label only.
   *
   * @param label What the child is for.
   * @returns An independent generator.
   */
  fork(label: string | number): Rng {
    return new Rng(`${this.#key}/${label}`);
  }

  /** @returns An unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** @returns A uniform draw in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * @param min Inclusive lower bound.
   * @param max Exclusive upper bound.
   * @returns A uniform draw in [min, max).
   */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /**
   * @param n Exclusive upper bound (a positive integer).
   * @returns A uniform integer in [0, n).
   */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * @param p Probability of true.
   * @returns true with probability p.
   */
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /**
   * Normal draw (Box–Muller; no cached spare, so the state is just the four words).
   *
   * @param mean Mean.
   * @param sd Standard deviation.
   * @returns A normal draw.
   */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Pareto draw with density p(x) = α·x_min^α / x^(α+1) for x ≥ x_min (inverse transform).
   *
   * @param alpha Shape α > 0.
   * @param xMin Scale x_min > 0.
   * @returns A draw ≥ xMin.
   *
   * @example Never below x_min
   * ```ts
   * import { Rng } from "@lib/core/rng.ts";
   * import assert from "node:assert/strict";
   * const rng = new Rng(1);
   * for (let i = 0; i < 100; i++) assert.ok(rng.pareto(1.5, 2) >= 2);
   * ```
   */
  pareto(alpha: number, xMin: number): number {
    if (!(alpha > 0) || !(xMin > 0)) {
      throw new RangeError(`pareto needs alpha > 0 and xMin > 0, got ${alpha}, ${xMin}`);
    }
    return xMin / Math.pow(1 - this.next(), 1 / alpha);
  }

  /**
   * @param rate Rate λ > 0.
   * @returns An exponential draw with mean 1/λ.
   */
  exponential(rate = 1): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Draws an index with probability proportional to its weight.
   *
   * @param weights Non-negative weights, not all zero.
   * @returns The chosen index.
   *
   * @example A zero weight is never drawn
   * ```ts
   * import { Rng } from "@lib/core/rng.ts";
   * import assert from "node:assert/strict";
   * const rng = new Rng("w");
   * for (let i = 0; i < 50; i++) assert.notEqual(rng.categorical([1, 0, 2]), 1);
   * ```
   */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (!(total > 0)) throw new RangeError("categorical needs at least one positive weight");
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /**
   * @param items A non-empty array.
   * @returns One element, uniformly.
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty array");
    return items[this.int(items.length)];
  }

  /**
   * Fisher–Yates shuffle into a new array.
   *
   * @param items The items.
   * @returns A shuffled copy.
   */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  /**
   * k distinct items, uniformly, in random order.
   *
   * @param items The population.
   * @param k How many (capped at the population size).
   * @returns A sample without replacement.
   */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const m = Math.min(k, n);
    if (m * 4 < n) {
      const chosen = new Set<number>();
      const out: T[] = [];
      while (out.length < m) {
        const i = this.int(n);
        if (!chosen.has(i)) {
          chosen.add(i);
          out.push(items[i]);
        }
      }
      return out;
    }
    return this.shuffle(items).slice(0, m);
  }

  /** @returns A snapshot that {@link Rng.fromState} resumes exactly. */
  getState(): RngState {
    return { key: this.#key, words: [this.#a, this.#b, this.#c, this.#d] };
  }

  /**
   * @param state A snapshot from {@link Rng.getState}.
   * @returns A generator that continues that stream.
   */
  static fromState(state: RngState): Rng {
    const rng = new Rng(state.key);
    [rng.#a, rng.#b, rng.#c, rng.#d] = state.words;
    return rng;
  }
}
