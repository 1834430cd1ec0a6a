/**
 * Classic baselines on the same graph and seeds as the S3 runs: independent cascade (IC) and
 * linear threshold (LT) for information, Voter and DeGroot for opinion. All run on the inbox
 * CSR with order-free counter-based draws, one step per simulation step.
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { InboxCsr } from "@lib/social/spread/csr.ts";
import { StepStream } from "@lib/social/spread/stream.ts";

/** Options shared by the information baselines. */
export interface SpreadOptions {
  /** Steps to run. */
  steps: number;
  /** Seed of every draw. */
  seed: number | string;
}

/** An information baseline's outcome. */
export interface SpreadRun {
  /** Spreading edges (seeds with null parent), time in steps. */
  cascade: CascadeEdge[];
  /** Step each agent became active (−1 never). */
  activeAt: Int32Array;
}

function seedIndices(csr: InboxCsr, seeds: readonly string[]): number[] {
  const index = new Map<string, number>();
  csr.ids.forEach((id, k) => index.set(id, k));
  return seeds.map((id) => {
    const i = index.get(id) ?? -1;
    if (i < 0) throw new RangeError(`unknown seed agent "${id}"`);
    return i;
  });
}

function start(csr: InboxCsr, seeds: readonly string[]): SpreadRun {
  const activeAt = new Int32Array(csr.ids.length).fill(-1);
  const cascade: CascadeEdge[] = [];
  for (const i of seedIndices(csr, seeds)) {
    if (activeAt[i] === 0) continue;
    activeAt[i] = 0;
    cascade.push({ parent: null, child: csr.ids[i], time: 0 });
  }
  return { cascade, activeAt };
}

/**
 * Independent cascade: an agent activated at step t − 1 gets one chance, with probability p,
 * to activate each agent that reads it.
 *
 * @param csr Who reads whom.
 * @param seeds Agents active at step 0.
 * @param options Steps, seed and the edge probability p.
 * @returns The cascade.
 *
 * @example p = 1 reaches every reader at its graph distance
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { independentCascade } from "@lib/social/spread/baselines.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b", "c"]);
 * g.addEdge("a", "b");
 * g.addEdge("b", "c");
 * const run = independentCascade(inboxCsr(g), ["a"], { p: 1, steps: 5, seed: 1 });
 * assert.deepEqual([...run.activeAt], [0, 1, 2]);
 * ```
 */
export function independentCascade(
  csr: InboxCsr,
  seeds: readonly string[],
  options: SpreadOptions & { p: number },
): SpreadRun {
  const run = start(csr, seeds);
  const { activeAt, cascade } = run;
  const stream = new StepStream(`ic:${options.seed}`);
  for (let t = 1; t <= options.steps; t++) {
    for (let i = 0; i < activeAt.length; i++) {
      if (activeAt[i] >= 0) continue;
      for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) {
        const j = csr.sources[k];
        if (activeAt[j] !== t - 1 || activeAt[j] < 0) continue;
        if (stream.uniform(t, i, k - csr.offsets[i]) < options.p) {
          activeAt[i] = t;
          cascade.push({ parent: csr.ids[j], child: csr.ids[i], time: t });
          break;
        }
      }
    }
  }
  return run;
}

/**
 * Linear threshold: each agent draws a threshold θ ~ U(0, 1) once; it becomes active when
 * `weight` times the share of the accounts it reads that were active by the previous step
 * reaches θ (every account it reads weighs weight / in-degree, so the weights sum to at most 1).
 * Its parent is the first of those that became active last.
 *
 * @param csr Who reads whom.
 * @param seeds Agents active at step 0.
 * @param options Steps, seed and the total influence weight in (0, 1] (default 1).
 * @returns The cascade.
 *
 * @example A lighter weight spreads less
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { linearThreshold } from "@lib/social/spread/baselines.ts";
 * import assert from "node:assert/strict";
 * const csr = inboxCsr(barabasiAlbert(300, 2, { rng: new Rng(1) }));
 * const full = linearThreshold(csr, ["0", "1"], { steps: 10, seed: 1 }).cascade.length;
 * const light = linearThreshold(csr, ["0", "1"], { steps: 10, seed: 1, weight: 0.2 }).cascade.length;
 * assert.ok(light <= full);
 * ```
 */
export function linearThreshold(
  csr: InboxCsr,
  seeds: readonly string[],
  options: SpreadOptions & { weight?: number },
): SpreadRun {
  const weight = options.weight ?? 1;
  if (!(weight > 0 && weight <= 1)) {
    throw new RangeError(`linear threshold weight must be in (0, 1], got ${weight}`);
  }
  const run = start(csr, seeds);
  const { activeAt, cascade } = run;
  const stream = new StepStream(`lt:${options.seed}`);
  const n = activeAt.length;
  const theta = new Float32Array(n);
  for (let i = 0; i < n; i++) theta[i] = stream.uniform(0, i, 0);
  for (let t = 1; t <= options.steps; t++) {
    for (let i = 0; i < n; i++) {
      const deg = csr.offsets[i + 1] - csr.offsets[i];
      if (activeAt[i] >= 0 || deg === 0) continue;
      let active = 0, parent = -1, parentAt = -1;
      for (let k = csr.offsets[i]; k < csr.offsets[i + 1]; k++) {
        const j = csr.sources[k], a = activeAt[j];
        if (a < 0 || a >= t) continue;
        active++;
        if (a > parentAt) {
          parentAt = a;
          parent = j;
        }
      }
      if (active > 0 && (weight * active) / deg >= theta[i]) {
        activeAt[i] = t;
        cascade.push({ parent: csr.ids[parent], child: csr.ids[i], time: t });
      }
    }
  }
  return run;
}

/** Opinion shares at one step. */
export interface OpinionStep {
  t: number;
  /** Share of agents with stance ≥ 0. */
  positive: number;
  /** Mean stance. */
  meanStance: number;
}

function opinionStep(t: number, x: Float32Array): OpinionStep {
  let pos = 0, sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] >= 0) pos++;
    sum += x[i];
  }
  return { t, positive: pos / x.length, meanStance: sum / x.length };
}

/**
 * Voter model: each step every agent copies the opinion (sign) of one account it reads, drawn
 * uniformly; agents reading no one keep theirs.
 *
 * @param csr Who reads whom.
 * @param initial Initial stances (only the sign matters).
 * @param options Steps and seed.
 * @returns Opinion shares at steps 0..steps.
 */
export function voterModel(
  csr: InboxCsr,
  initial: Float32Array,
  options: SpreadOptions,
): OpinionStep[] {
  const stream = new StepStream(`voter:${options.seed}`);
  let x = Float32Array.from(initial, (v) => (v >= 0 ? 1 : -1));
  let y = new Float32Array(x.length);
  const out = [opinionStep(0, x)];
  for (let t = 1; t <= options.steps; t++) {
    for (let i = 0; i < x.length; i++) {
      const lo = csr.offsets[i], deg = csr.offsets[i + 1] - lo;
      y[i] = deg === 0 ? x[i] : x[csr.sources[lo + Math.floor(stream.uniform(t, i, 0) * deg)]];
    }
    [x, y] = [y, x];
    out.push(opinionStep(t, x));
  }
  return out;
}

/**
 * DeGroot averaging: each step x_i ← w·x_i + (1 − w)·mean of the accounts i reads.
 *
 * @param csr Who reads whom.
 * @param initial Initial stances in [-1, 1].
 * @param options Steps and the self weight w (default 0.5).
 * @returns Opinion shares at steps 0..steps.
 *
 * @example Two friends meet in the middle
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { inboxCsr } from "@lib/social/spread/csr.ts";
 * import { deGroot } from "@lib/social/spread/baselines.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b"]);
 * g.addEdge("a", "b");
 * const out = deGroot(inboxCsr(g), new Float32Array([1, -0.5]), { steps: 20 });
 * assert.ok(Math.abs(out.at(-1)!.meanStance - 0.25) < 1e-6);
 * ```
 */
export function deGroot(
  csr: InboxCsr,
  initial: Float32Array,
  options: { steps: number; selfWeight?: number },
): OpinionStep[] {
  const w = options.selfWeight ?? 0.5;
  let x = Float32Array.from(initial), y = new Float32Array(x.length);
  const out = [opinionStep(0, x)];
  for (let t = 1; t <= options.steps; t++) {
    for (let i = 0; i < x.length; i++) {
      const lo = csr.offsets[i], hi = csr.offsets[i + 1];
      if (hi === lo) {
        y[i] = x[i];
        continue;
      }
      let s = 0;
      for (let k = lo; k < hi; k++) s += x[csr.sources[k]];
      y[i] = w * x[i] + (1 - w) * (s / (hi - lo));
    }
    [x, y] = [y, x];
    out.push(opinionStep(t, x));
  }
  return out;
}
