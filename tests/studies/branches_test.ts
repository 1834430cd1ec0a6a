import assert from "node:assert/strict";
import { runBranches } from "@lib/studies/branches.ts";

Deno.test("branches share history up to the fork and only the intervention branch changes the agent", async () => {
  const r = await runBranches({
    kind: "rule",
    agents: 16,
    rounds: 8,
    forkRound: 4,
    seed: 2,
    agentId: "0",
    activity: 4,
    patch: { traits: ["gentle"], interests: ["family-friendly movies", "romance movies"] },
  });
  const before = (e: typeof r.original) =>
    e.log.events.filter((x) => x.round < 4 && x.type !== "intervention");
  assert.deepEqual(before(r.intervention), before(r.original));
  assert.deepEqual(r.original.world.agent("0").profile.interests, [
    "sci-fi movies",
    "comedy movies",
  ]);
  assert.deepEqual(r.intervention.world.agent("0").profile.interests, [
    "family-friendly movies",
    "romance movies",
  ]);
  const [orig, iv] = r.traces;
  assert.equal(orig.branch, "original");
  assert.ok(orig.watched.length > 0 && iv.watched.length > 0);
  assert.notDeepEqual(orig.watched, iv.watched);
  assert.ok([...orig.watched, ...iv.watched].every((w) => w.round >= 4));
});
