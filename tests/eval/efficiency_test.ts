import assert from "node:assert/strict";
import { measureEfficiency } from "@lib/eval/efficiency.ts";
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
