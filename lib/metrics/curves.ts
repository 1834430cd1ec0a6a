/**
 * Time curves of a spreading process (how many know of an event at each step) and how to
 * compare a simulated curve with a real one: step resampling onto a common grid, normalised
 * RMSE, S3's MSED and Pearson correlation.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { type RowsInput, toRows } from "./rows.ts";

/** A value observed at a time. */
export interface TimePoint {
  time: number;
  value: number;
}

/**
 * @param start First time.
 * @param end Last time (included when it falls on the grid).
 * @param step Positive step.
 * @returns start, start + step, … ≤ end (computed by multiplication, so no drift).
 *
 * @example A grid in quarter steps
 * ```ts
 * import { timeGrid } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(timeGrid(0, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
 * ```
 */
export function timeGrid(start: number, end: number, step: number): number[] {
  if (!(step > 0)) {
    throw new ConfigError("timeGrid", "step", `step must be positive, got ${step}`);
  }
  const n = Math.floor((end - start) / step + 1e-9);
  return Array.from({ length: n + 1 }, (_, k) => start + k * step);
}

/**
 * Resamples a step function onto a grid: the value at t is the value of the latest point at
 * or before t.
 *
 * @param points Observations (any order).
 * @param grid Times to read the curve at.
 * @param before Value before the first point (default 0).
 * @returns One value per grid time.
 *
 * @example A step curve holds its last value
 * ```ts
 * import { resampleStep } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * const pts = [{ time: 1, value: 10 }, { time: 3, value: 30 }];
 * assert.deepEqual(resampleStep(pts, [0, 1, 2, 3, 4]), [0, 10, 10, 30, 30]);
 * ```
 */
export function resampleStep(
  points: readonly TimePoint[],
  grid: readonly number[],
  before = 0,
): number[] {
  const sorted = points.slice().sort((a, b) => a.time - b.time);
  return grid.map((t) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].time <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? before : sorted[lo - 1].value;
  });
}

/**
 * Aware-users curve: how many distinct agents have been reached by each grid time.
 *
 * @param input Rows saying an agent learnt of the event at a time (repeats are fine).
 * @param grid Times to count at.
 * @returns One row per grid time.
 *
 * @example Agents aware so far, counted once each
 * ```ts
 * import { awareCurve } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * const seen = [{ time: 0, agentId: "a" }, { time: 1, agentId: "b" }, { time: 2, agentId: "a" }];
 * assert.deepEqual(awareCurve(seen, [0, 1, 2]).map((r) => r.aware), [1, 2, 2]);
 * ```
 */
export function awareCurve(
  input: RowsInput<{ time: number; agentId: string }>,
  grid: readonly number[],
): { time: number; aware: number }[] {
  const first = new Map<string, number>();
  for (const r of toRows(input)) {
    first.set(r.agentId, Math.min(first.get(r.agentId) ?? Infinity, r.time));
  }
  const times = [...first.values()].sort((a, b) => a - b);
  let k = 0;
  return grid.map((time) => {
    while (k < times.length && times[k] <= time) k++;
    return { time, aware: k };
  });
}

/**
 * Min-max normalisation to [0, 1]. A constant curve maps to all zeros, so two flat curves
 * compare as equal.
 *
 * @param xs Values.
 * @returns (x − min) / (max − min).
 */
export function minMaxNormalise(xs: readonly number[]): number[] {
  const lo = Math.min(...xs), hi = Math.max(...xs);
  return xs.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0));
}

/**
 * Normalised RMSE: RMSE / max of the real curve (the OASIS scoring of cascades).
 *
 * @param actual Real curve.
 * @param predicted Simulated curve on the same grid.
 * @returns The NRMSE (NaN when the real curve's max is 0).
 *
 * @example Error normalised by the range of the actual curve
 * ```ts
 * import { nrmse } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * assert.equal(nrmse([0, 5, 10], [0, 5, 7]), Math.sqrt(3) / 10);
 * ```
 */
export function nrmse(actual: readonly number[], predicted: readonly number[]): number {
  sameLength(actual, predicted);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i] - predicted[i]) ** 2;
  const peak = Math.max(...actual);
  return peak > 0 ? Math.sqrt(s / actual.length) / peak : NaN;
}

/**
 * S3's MSED = (1/T) Σ_t (S_actual(t) − S_pred(t))², with each curve first min-max
 * normalised to [0, 1] on its own (so scale differences do not count, only shape).
 *
 * Warning: MSED ignores size. A simulated cascade of 4 users or of the whole graph scores as
 * well as one of the real size if its shape matches; never calibrate on it alone (use
 * {@link nrmse}, which divides by the real maximum but keeps the counts).
 *
 * @param actual Real curve.
 * @param predicted Simulated curve on the same grid.
 * @returns The MSED in [0, 1].
 *
 * @example Same shape at ten times the scale: MSED 0
 * ```ts
 * import { msed } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * assert.equal(msed([0, 1, 2], [0, 10, 20]), 0);
 * assert.equal(msed([0, 1, 2], [0, 0, 2]), 0.25 / 3);
 * ```
 */
export function msed(actual: readonly number[], predicted: readonly number[]): number {
  sameLength(actual, predicted);
  const a = minMaxNormalise(actual), p = minMaxNormalise(predicted);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - p[i]) ** 2;
  return s / a.length;
}

/**
 * Pearson correlation. As a fit of cascade curves it shares MSED's blind spot: it ignores
 * size (a curve ten times too large correlates perfectly), so use it beside {@link nrmse}.
 *
 * @param a A series.
 * @param b A series of the same length.
 * @returns Pearson's r (NaN when either series is constant).
 *
 * @example Perfect and partial correlation
 * ```ts
 * import { pearson } from "@lib/metrics/curves.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
 * assert.equal(pearson([1, 2, 3], [1, 3, 2]), 0.5);
 * ```
 */
export function pearson(a: readonly number[], b: readonly number[]): number {
  sameLength(a, b);
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n, mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

function sameLength(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(
      `curves must be non-empty and equally long, got ${a.length} and ${b.length}`,
    );
  }
}
