import assert from "node:assert/strict";
import { averageRating, clickThrough, hitRateAtK, ndcgAtK, watchRate } from "@lib/metrics/mod.ts";

const shown = [
  { round: 1, agentId: "a", itemId: "m1" },
  { round: 1, agentId: "a", itemId: "m2" },
  { round: 1, agentId: "b", itemId: "m1" },
  { round: 2, agentId: "a", itemId: "m3" },
];
const watched = [
  { round: 1, agentId: "a", itemId: "m2" },
  { round: 2, agentId: "a", itemId: "m2" }, // watched again later, not from this round's page
  { round: 2, agentId: "b", itemId: "m9" }, // found by search, never shown
];

Deno.test("clickThrough counts a shown item only if watched in the same round", () => {
  assert.equal(clickThrough(shown, watched), 1 / 4);
  assert.ok(Number.isNaN(clickThrough([], watched)));
});

Deno.test("watchRate is the share of sessions with at least one watch", () => {
  // sessions: (1,a) yes, (1,b) no, (2,a) yes
  assert.equal(watchRate(shown, watched), 2 / 3);
});

Deno.test("hit rate and NDCG at k against held-out items", () => {
  const lists = [
    { agentId: "a", items: ["x", "y", "z", "w"] },
    { agentId: "b", items: ["x", "y", "z", "w"] },
    { agentId: "c", items: ["x"] }, // no held-out items: left out
  ];
  const held = [
    { agentId: "a", itemId: "x" },
    { agentId: "a", itemId: "z" },
    { agentId: "b", itemId: "w" },
  ];
  assert.equal(hitRateAtK(lists, held, 3), 0.5);
  assert.equal(hitRateAtK(lists, held, 4), 1);
  // a: DCG = 1 + 1/log2(4) = 1.5, IDCG = 1 + 1/log2(3); b: 0 at k = 3
  const a = 1.5 / (1 + 1 / Math.log2(3));
  assert.ok(Math.abs(ndcgAtK(lists, held, 3) - a / 2) < 1e-12);
  assert.ok(Number.isNaN(ndcgAtK(lists, [], 3)));
});

Deno.test("averageRating per round", () => {
  const rows = [
    { round: 2, agentId: "a", itemId: "m", score: 8 },
    { round: 1, agentId: "a", itemId: "m", score: 3 },
    { round: 2, agentId: "b", itemId: "m", score: 5 },
  ];
  assert.deepEqual(averageRating(rows), [{ round: 1, mean: 3, n: 1 }, {
    round: 2,
    mean: 6.5,
    n: 2,
  }]);
});
