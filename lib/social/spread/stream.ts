/**
 * Counter-based random draws for the typed-array rule path: the k-th draw of agent i at step
 * t is a hash of (seed, t, i, k). It is the array-speed equivalent of `rng.fork(agent:step)`:
 * no generator state is shared, so results never depend on the order agents are processed.
 *
 * @module
 */
import { fmix32, hash32 } from "@lib/core/hash.ts";

/** Draws keyed by (step, agent, k) under one seed. */
export class StepStream {
  readonly #seed: number;

  /** @param seed The run's seed (number or string). */
  constructor(seed: number | string) {
    this.#seed = hash32(`s3-stream:${seed}`);
  }

  /**
   * @param t Step.
   * @param agent Agent index.
   * @param k Draw number within the agent's step.
   * @returns A uniform in [0, 1), the same for the same (seed, t, agent, k).
   *
   * @example Order-free draws
   * ```ts
   * import { StepStream } from "@lib/social/spread/stream.ts";
   * import assert from "node:assert/strict";
   * const s = new StepStream(7);
   * const u = s.uniform(3, 10, 0);
   * s.uniform(1, 2, 3);
   * assert.equal(new StepStream(7).uniform(3, 10, 0), u);
   * assert.ok(u >= 0 && u < 1);
   * ```
   */
  uniform(t: number, agent: number, k: number): number {
    let h = fmix32(this.#seed ^ Math.imul(t + 1, 0x9e3779b1));
    h = fmix32(h ^ Math.imul(agent + 1, 0x85ebca77));
    h = fmix32(h ^ Math.imul(k + 1, 0xc2b2ae3d));
    return (h >>> 0) / 4294967296;
  }

  /**
   * @param t Step.
   * @param agent Agent index.
   * @param k First of the two draws used (k and k+1).
   * @returns A standard normal (Box–Muller).
   */
  normal(t: number, agent: number, k: number): number {
    const u = 1 - this.uniform(t, agent, k), v = this.uniform(t, agent, k + 1);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
