import assert from "node:assert/strict";
import {
  recagentEntropy,
  recagentEntropyByRound,
  shannonEntropy,
  userEntropy,
} from "@lib/metrics/mod.ts";

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);

const exposures = [
  { round: 1, agentId: "u1", itemId: "m1", genres: ["Action", "Sci-Fi"] },
  { round: 1, agentId: "u1", itemId: "m2", genres: ["Action"] },
  { round: 1, agentId: "u2", itemId: "m3", genres: ["Drama"] },
  { round: 2, agentId: "u1", itemId: "m4", genres: ["Action"] },
  { round: 2, agentId: "u2", itemId: "m5", genres: ["Comedy"] },
];

Deno.test("shannonEntropy matches hand-computed values in bits and nats", () => {
  near(shannonEntropy([1, 1]), 1);
  // p = (3/4, 1/4): −(3/4 log2 3/4 + 1/4 log2 1/4) = 0.811278...
  near(shannonEntropy([3, 1]), 0.8112781244591328);
  near(shannonEntropy([1, 1, 1], Math.E), Math.log(3));
  assert.equal(shannonEntropy([]), 0);
});

Deno.test("userEntropy counts each genre of a multi-genre item, per round", () => {
  const rows = userEntropy(exposures, { cumulative: false });
  assert.deepEqual(rows.map((r) => [r.round, r.agentId, r.items]), [[1, "u1", 2], [1, "u2", 1], [
    2,
    "u1",
    1,
  ], [2, "u2", 1]]);
  // u1 round 1: Action ×2, Sci-Fi ×1
  near(rows[0].entropy, shannonEntropy([2, 1]));
  assert.equal(rows[1].entropy, 0);
  assert.equal(rows[2].entropy, 0);
});

Deno.test("cumulative userEntropy uses every row up to the round", () => {
  const rows = userEntropy(exposures);
  const u1r2 = rows.find((r) => r.round === 2 && r.agentId === "u1")!;
  near(u1r2.entropy, shannonEntropy([3, 1])); // Action ×3, Sci-Fi ×1
  assert.equal(rows.find((r) => r.round === 2 && r.agentId === "u2")!.entropy, 1);
});

Deno.test("recagentEntropy is the mean over users of each user's genre entropy", () => {
  near(recagentEntropy(exposures), (shannonEntropy([3, 1]) + 1) / 2);
  assert.ok(Number.isNaN(recagentEntropy([])));
  const byRound = recagentEntropyByRound(exposures, { cumulative: false });
  near(byRound[0].entropy, shannonEntropy([2, 1]) / 2);
  assert.equal(byRound[1].entropy, 0);
  near(recagentEntropyByRound(exposures)[1].entropy, recagentEntropy(exposures));
});

Deno.test("entropy metrics accept an arquero-like table", () => {
  near(recagentEntropy({ objects: () => exposures }), recagentEntropy(exposures));
});

Deno.test("metrics read a real arquero table with array-valued genres", async () => {
  const aq = await import("arquero");
  const table = aq.from(exposures);
  near(recagentEntropy(table), recagentEntropy(exposures));
  assert.deepEqual(userEntropy(table), userEntropy(exposures));
});
