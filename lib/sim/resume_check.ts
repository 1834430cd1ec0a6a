/**
 * Resuming with a scenario: a saved run continues only under the settings it was started with.
 * A scenario that differs anywhere else is refused with the difference named; the number of
 * rounds (to run more, or stop earlier but not before what is done) and the LLM budget caps
 * may change, and each change is returned so the manifest can record it.
 *
 * @module
 */
import { SociusError } from "../core/errors.ts";
import type { Scenario } from "./scenario.ts";

/** A setting changed on purpose when resuming. */
export interface ResumeChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Fields a resume may change. */
const CHANGEABLE = new Set(["rounds", "budget"]);

function differences(a: unknown, b: unknown, path: string, out: string[]): void {
  if (Object.is(a, b)) return;
  const objA = typeof a === "object" && a !== null;
  const objB = typeof b === "object" && b !== null;
  if (objA && objB && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const p = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        p,
        out,
      );
    }
    return;
  }
  const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
  out.push(`${path || "(root)"}: saved ${show(a)}, given ${show(b)}`);
}

/**
 * Reconciles the scenario given on resume with the saved one.
 *
 * @param saved The saved run's scenario.
 * @param given The scenario (and options) given now.
 * @param completed Rounds the saved run has completed.
 * @param source Where the given scenario came from, for the error.
 * @returns The scenario to continue with and the changes to record.
 * @throws SociusError naming the first difference that may not change.
 *
 * @example More rounds are applied and recorded; another seed is refused
 * ```ts
 * import { reconcileResume } from "@lib/sim/resume_check.ts";
 * import { parseScenario } from "@lib/sim/scenario.ts";
 * import assert from "node:assert/strict";
 * const saved = parseScenario({ rounds: 4 });
 * const r = reconcileResume(saved, { ...saved, rounds: 6 }, 4, "s.json");
 * assert.deepEqual(r.changes, [{ field: "rounds", from: 4, to: 6 }]);
 * assert.throws(() => reconcileResume(saved, { ...saved, seed: 9 }, 4, "s.json"), /seed: saved/);
 * ```
 */
export function reconcileResume(
  saved: Scenario,
  given: Scenario,
  completed: number,
  source: string,
): { scenario: Scenario; changes: ResumeChange[] } {
  const found: string[] = [];
  for (const key of new Set([...Object.keys(saved), ...Object.keys(given)])) {
    if (CHANGEABLE.has(key)) continue;
    differences(
      (saved as Record<string, unknown>)[key],
      (given as Record<string, unknown>)[key],
      key,
      found,
    );
  }
  if (found.length) {
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : "";
    throw new SociusError(
      "config",
      `${source}: does not match the saved run: ${
        found[0]
      }${more}; resume with the scenario the run was started with, or start a new run in another folder (--out)`,
    );
  }
  if (given.rounds < completed) {
    throw new SociusError(
      "config",
      `${source}: rounds: expected at least ${completed} (the rounds the saved run has completed), got ${given.rounds}`,
    );
  }
  const changes: ResumeChange[] = [];
  if (given.rounds !== saved.rounds) {
    changes.push({ field: "rounds", from: saved.rounds, to: given.rounds });
  }
  if (JSON.stringify(given.budget) !== JSON.stringify(saved.budget)) {
    changes.push({ field: "budget", from: saved.budget, to: given.budget });
  }
  return { scenario: { ...saved, rounds: given.rounds, budget: given.budget }, changes };
}
