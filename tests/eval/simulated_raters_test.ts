import assert from "node:assert/strict";
import { genreOverlapJudgments, titleOverlapScores } from "@lib/eval/simulated_raters.ts";
import { DataError } from "@lib/core/errors.ts";

const item = (id: string) => ({ id, title: id, genres: [] as string[] });
const genres: Record<string, string[]> = {
  p1: ["Drama", "War"],
  d1: ["Drama"],
  w1: ["War", "Comedy"],
  c1: ["Comedy"],
};
const catalog = { get: (id: string) => genres[id] ? { genres: genres[id] } : undefined };
const seq = (source: string, items: string[]) => ({
  userId: "u",
  n: 2,
  source,
  items: items.map(item),
  past: [item("p1")],
});
const pair = (sourceA: string, sourceB: string) => ({
  pairId: `${sourceA}-${sourceB}`,
  userId: "u",
  n: 2,
  past: "",
  sequenceA: "",
  sequenceB: "",
  sourceA,
  sourceB,
});

Deno.test("genre overlap: the five levels follow the gap in shares, in both directions", () => {
  // shares of genres also in the past: rule 1, real 1/2 (War yes, Comedy no) over d1+w1 = 2/3.
  const sequences = [
    seq("rule", ["d1"]),
    seq("real", ["w1"]),
    seq("mixed", ["d1", "w1"]),
    seq("off", ["c1"]),
  ];
  const got = genreOverlapJudgments(
    [
      pair("rule", "real"),
      pair("real", "rule"),
      pair("rule", "mixed"),
      pair("real", "mixed"),
      pair("rule", "rule"),
      pair("off", "rule"),
    ],
    sequences,
    catalog,
  ).map((r) => r.judgment);
  // gaps: +0.5, -0.5, +1/3, 1/2-2/3=-1/6, 0, -1
  assert.deepEqual(got, ["A>>B", "B>>A", "A>>B", "B>A", "A≈B", "B>>A"]);
});

Deno.test("genre overlap: a pair without its sequence is a DataError naming the pair", () => {
  assert.throws(
    () => genreOverlapJudgments([pair("rule", "missing")], [seq("rule", ["d1"])], catalog),
    (e) =>
      e instanceof DataError && /missing sequence for user u/.test(e.message) &&
      /rule-missing/.test(e.message),
  );
});

Deno.test("title overlap: profile and behaviour scores are 1 + 4 × share, rounded", () => {
  const world = {
    agent: () => ({ profile: { interests: ["comedy movies"] } }),
    catalog: {
      findByTitle: (t: string) =>
        t === "Up" ? [{ genres: ["Comedy"] }] : t === "Heat" ? [{ genres: ["Crime"] }] : [],
    },
  };
  const it = {
    itemId: "C001",
    agentId: "a",
    checkpoint: 1,
    profile: "",
    past: "<Heat> 4",
    chats: ["A: seen <Up>? B: and <Heat>"],
    posts: [],
  };
  assert.deepEqual(titleOverlapScores(it, world), {
    chat_profile: 3, // 1 of 2 titles fits comedy
    chat_behaviour: 3, // 1 of 2 titles watched
    post_profile: undefined,
    post_behaviour: undefined,
  });
});
