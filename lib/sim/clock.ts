/**
 * Simulated time: rounds of a fixed number of hours from a start date. Never the wall clock.
 *
 * @module
 */
import type { SimTime } from "../brain/context.ts";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The simulated time at the start of a round.
 *
 * @param start ISO start date-time (UTC).
 * @param roundHours Hours per round (RecAgent advances 5 hours a round).
 * @param round 0-based round.
 * @returns The round, its ISO time and a label for prompts.
 *
 * @example Five hours a round
 * ```ts
 * import { simTime } from "@lib/sim/clock.ts";
 * import assert from "node:assert/strict";
 * const t = simTime("2026-11-28T08:00:00Z", 5, 2);
 * assert.equal(t.iso, "2026-11-28T18:00:00.000Z");
 * assert.equal(t.label, "Saturday, 28 November 2026, 18:00");
 * ```
 */
export function simTime(start: string, roundHours: number, round: number): SimTime {
  const d = new Date(Date.parse(start) + round * roundHours * 3_600_000);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  const label = `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${
    MONTHS[d.getUTCMonth()]
  } ${d.getUTCFullYear()}, ${hh}:${mm}`;
  return { round, iso: d.toISOString(), label };
}

/**
 * Hours of simulated time since the start, for memory recency.
 *
 * @param roundHours Hours per round.
 * @param round 0-based round.
 * @returns Hours elapsed.
 */
export function simHours(roundHours: number, round: number): number {
  return roundHours * round;
}
