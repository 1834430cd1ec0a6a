import assert from "node:assert/strict";
import {
  measureEfficiency,
  poolBehaviours,
  type RoundTiming,
  sweepEfficiency,
} from "@lib/eval/efficiency.ts";
import { behaviourLabel } from "@lib/eval/timed_llm.ts";

Deno.test("efficiency times every round of the LLM engine and accounts calls per behaviour", async () => {
  const r = await measureEfficiency({ agents: 4, keys: 2, rounds: 2, latencyMs: 0 });
  assert.equal(r.rounds.length, 2);
  assert.ok(r.rounds.every((x) => x.active === 4), "every agent acts");
  assert.ok(r.rounds.every((x) => x.seconds > 0 && x.calls > 0));
  const calls = r.behaviours.reduce((s, b) => s + b.calls, 0);
  assert.equal(
    calls,
    r.rounds.reduce((s, x) => s + x.calls, 0),
    "timed calls = calls in the event log",
  );
  assert.ok(r.behaviours.every((b) => b.callsPerDecision === 1 && b.tokensPerDecision > 0));
  assert.ok(r.behaviours.some((b) => b.behaviour === "top-level choice"));
  assert.match(r.endpoint, /local server/);
});

Deno.test("behaviour labels follow the paper's names", () => {
  assert.equal(behaviourLabel("browse"), "movie selection (browse)");
  assert.equal(behaviourLabel("social", "chat"), "friend chatting");
  assert.equal(behaviourLabel("social", "post"), "message posting");
});

Deno.test("a sweep returns every timed round and behaviour behind its means", async () => {
  const s = await sweepEfficiency({
    agents: [2, 3],
    keys: [1, 2],
    keysAgents: 3,
    rounds: 2,
    latencyMs: 0,
  });
  assert.deepEqual(
    s.rows.map((r) => [r.sweep, r.agents, r.keys, r.rounds]),
    [["agents", 2, 1, 2], ["agents", 3, 1, 2], ["keys", 3, 1, 2], ["keys", 3, 2, 2]],
  );
  assert.equal(s.rounds.length, 4 * 2);
  for (const row of s.rows) {
    const mine = s.rounds.filter((x) =>
      x.sweep === row.sweep && x.agents === row.agents && x.keys === row.keys
    );
    assert.deepEqual(mine.map((x) => x.round), [0, 1]);
    const mean = (f: (x: RoundTiming) => number) => (f(mine[0]) + f(mine[1])) / 2;
    assert.equal(row.meanSeconds, mean((x) => x.seconds));
    assert.equal(row.callsPerRound, mean((x) => x.calls));
    assert.equal(row.tokensPerRound, mean((x) => x.tokens));
    assert.ok(row.callsPerRound >= row.agents, "every agent acts every round");
  }
  const keysCalls = s.behaviours.filter((b) => b.sweep === "keys").reduce((n, b) => n + b.calls, 0);
  const keysRoundCalls = s.rounds.filter((x) => x.sweep === "keys").reduce(
    (n, x) => n + x.calls,
    0,
  );
  assert.equal(keysCalls, keysRoundCalls, "behaviour timings cover every call of their sweep");
  const pooled = poolBehaviours(s.behaviours);
  assert.equal(
    pooled.reduce((n, b) => n + b.calls, 0),
    s.rounds.reduce((n, x) => n + x.calls, 0),
  );
  assert.ok(pooled.every((b) => b.callsPerDecision === 1 && b.meanMs >= 0));
});
