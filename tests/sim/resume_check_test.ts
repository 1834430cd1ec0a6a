// Resuming under another scenario, by value: which settings may change, how each refused
// difference is named, and what the manifest is told.
import assert from "node:assert/strict";
import { SociusError } from "@lib/core/errors.ts";
import { reconcileResume } from "@lib/sim/resume_check.ts";
import { parseScenario, type Scenario } from "@lib/sim/scenario.ts";

const saved = parseScenario({ rounds: 4, agents: { source: "csv", count: 6 } });
const loose = (s: Scenario, extra: Record<string, unknown>) => ({ ...s, ...extra }) as Scenario;

function refused(re: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof SociusError);
    assert.equal(e.kind, "config");
    assert.match(e.message, re);
    return true;
  };
}

Deno.test("the same scenario resumes with nothing to record", () => {
  const r = reconcileResume(saved, structuredClone(saved), 2, "s.json");
  assert.deepEqual(r.changes, []);
  assert.deepEqual(r.scenario, saved);
});

Deno.test("more or fewer rounds (not fewer than done) and a new budget are applied and recorded", () => {
  const budget = { maxCalls: 40 };
  const given = loose(saved, { rounds: 6, budget });
  const r = reconcileResume(saved, given, 4, "s.json");
  assert.deepEqual(r.changes, [
    { field: "rounds", from: 4, to: 6 },
    { field: "budget", from: saved.budget, to: budget },
  ]);
  assert.equal(r.scenario.rounds, 6);
  assert.deepEqual(r.scenario.budget, budget);
  // Exactly the rounds already done is allowed: the run is complete.
  const same = reconcileResume(saved, { ...saved, rounds: 3 }, 3, "s.json");
  assert.deepEqual(same.changes, [{ field: "rounds", from: 4, to: 3 }]);
  assert.throws(
    () => reconcileResume(saved, { ...saved, rounds: 2 }, 3, "s.json"),
    refused(
      /^s\.json: rounds: expected at least 3 \(the rounds the saved run has completed\), got 2$/,
    ),
  );
});

Deno.test("a nested difference is named by its path with both values", () => {
  const given = loose(saved, { agents: { ...saved.agents, count: 7 } });
  assert.throws(
    () => reconcileResume(saved, given, 0, "given.json"),
    refused(
      /^given\.json: does not match the saved run: agents\.count: saved 6, given 7; resume with the scenario/,
    ),
  );
});

Deno.test("array elements are named by index, a missing value as absent, and the rest counted", () => {
  const a = loose(saved, { tags: ["x", "y"], note: "n" });
  const b = loose(saved, { tags: ["x", "z", "w"], seed: 99 });
  assert.throws(
    () => reconcileResume(a, b, 0, "b.json"),
    refused(/: does not match the saved run: seed: saved 1, given 99 \(and 3 more\);/),
  );
  // note (absent now), tags[1], tags[2] (absent before): the three more.
  const e = loose(saved, { note: "n" });
  assert.throws(
    () => reconcileResume(e, saved, 0, "e.json"),
    refused(/: note: saved "n", given \(absent\); /),
  );
  const c = loose(saved, { tags: ["x", "y"] });
  const d = loose(saved, { tags: ["x", "q"] });
  assert.throws(
    () => reconcileResume(c, d, 0, "d.json"),
    refused(/: tags\[1\]: saved "y", given "q"; /),
  );
});

Deno.test("an array and an object with the same keys differ; null and an object differ", () => {
  const arr = loose(saved, { extra: ["v"] });
  const obj = loose(saved, { extra: { 0: "v" } });
  assert.throws(
    () => reconcileResume(arr, obj, 0, "o.json"),
    refused(/: extra: saved \["v"\], given \{"0":"v"\}; /),
  );
  const nul = loose(saved, { extra: null });
  assert.throws(
    () => reconcileResume(nul, obj, 0, "o.json"),
    refused(/: extra: saved null, given \{"0":"v"\}; /),
  );
});
