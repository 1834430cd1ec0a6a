import assert from "node:assert/strict";
import { attitudeChange, followShare, ratingShift, scoreSpread } from "@lib/metrics/mod.ts";

function rows(scores: Record<string, (number | undefined)[]>) {
  return Object.entries(scores).flatMap(([agentId, s]) =>
    s.flatMap((score, round) =>
      score === undefined ? [] : [{ round, agentId, itemId: "movie", score }]
    )
  );
}

Deno.test("attitudeChange by friend count uses the rounds parameter (default 10)", () => {
  const data = rows({
    a: [5, 6, 6, 7], // 2 changes, 1 friend
    b: [4, 4, 4, 4], // 0 changes, 1 friend
    c: [3, 8, 3, 8], // 3 changes, 4 friends
  });
  const friends = new Map([["a", 1], ["b", 1], ["c", 4]]);
  assert.deepEqual(attitudeChange(data, friends), [
    { friends: 1, ac: 2 / (10 * 2), users: 2 },
    { friends: 4, ac: 3 / (10 * 1), users: 1 },
  ]);
  assert.equal(attitudeChange(data, friends, { rounds: 3 })[1].ac, 1);
});

Deno.test("attitudeChange compares only consecutive rounds that both have a score", () => {
  const data = rows({ a: [5, undefined, 7, 8] }); // only 2→3 is comparable
  assert.equal(attitudeChange(data, { a: 2 }, { rounds: 1 })[0].ac, 1);
  assert.throws(() => attitudeChange(data, {}), /no friend count for agent "a"/);
});

Deno.test("scoreSpread reports std, IQR and the share at 6–7 per round", () => {
  const data = rows({ a: [3, 6], b: [5, 6], c: [8, 7], d: [4, 7] });
  const [r0, r1] = scoreSpread(data);
  // round 0: 3,4,5,8 → mean 5, population var (4+1+0+9)/4 = 3.5; Q1 3.75, Q3 5.75
  assert.deepEqual(r0, { round: 0, n: 4, mean: 5, std: Math.sqrt(3.5), iqr: 2, shareInRange: 0 });
  assert.equal(r1.shareInRange, 1);
  assert.equal(r1.std, 0.5);
  assert.equal(scoreSpread(data, { range: [3, 4] })[0].shareInRange, 0.5);
});

Deno.test("ratingShift measures movement towards the displayed signal", () => {
  const r = ratingShift([
    { agentId: "a", itemId: "m", before: 2, after: 5, signal: 8 }, // +3
    { agentId: "b", itemId: "m", before: 9, after: 10, signal: 8 }, // −1
    { agentId: "c", itemId: "m", before: 4, after: 12, signal: 8 }, // overshoot: 4 − 4 = 0
  ]);
  assert.deepEqual(r, {
    n: 3,
    meanShift: 2 / 3,
    shareTowards: 1 / 3,
    shareAway: 1 / 3,
    shareSame: 1 / 3,
  });
});

Deno.test("followShare counts choices preceded by a friend's mention", () => {
  const watched = [
    { round: 3, agentId: "a", itemId: "m1" },
    { round: 3, agentId: "a", itemId: "m2" },
    { round: 3, agentId: "b", itemId: "m1" },
    { round: 1, agentId: "c", itemId: "m3" },
  ];
  const heard = [
    { round: 2, agentId: "a", itemId: "m1" },
    { round: 3, agentId: "a", itemId: "m2" },
    { round: 0, agentId: "a", itemId: "m3" }, // heard by a, not by c
  ];
  assert.deepEqual(followShare(watched, heard), { choices: 4, following: 1, share: 0.25 });
  assert.equal(followShare(watched, heard, { sameRound: true }).following, 2);
});
