import assert from "node:assert/strict";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import {
  blindPairs,
  generateSequences,
  keyCsv,
  pairsCsv,
  REAL_SOURCE,
} from "@lib/eval/believability.ts";
import { levelTable, llmJudge, parseJudgments, unblind } from "@lib/eval/believability_judge.ts";
import { createSelector } from "@lib/eval/selectors.ts";
import { FIXTURE, ScriptedLlm } from "./helpers.ts";

const data = await readSelectionData(FIXTURE);
const seqs = await generateSequences(data, { users: 6, n: 5, selectors: [createSelector("rule")] });
const pairs = blindPairs(seqs, "rule", REAL_SOURCE, 3);

Deno.test("the real sequence is the user's next N items in time order; a brain's has N distinct pool items", () => {
  const real = seqs.filter((s) => s.source === REAL_SOURCE);
  assert.equal(real.length, 6);
  for (const s of real) {
    const ratings = data.byUser.get(s.userId)!;
    assert.deepEqual(s.items.map((i) => i.id), ratings.slice(-5).map((r) => r.itemId));
    const past = new Set(ratings.slice(0, -5).map((r) => r.itemId));
    assert.ok(s.past.every((i) => past.has(i.id)), "raters see only the past");
    const mine = seqs.find((q) => q.source === "rule" && q.userId === s.userId)!;
    assert.equal(new Set(mine.items.map((i) => i.id)).size, 5);
  }
});

Deno.test("the raters' sheet hides sources and users; the key un-blinds it", () => {
  const sheet = pairsCsv(pairs);
  assert.doesNotMatch(sheet, /rule|real|RecSim/i);
  assert.match(
    sheet.split("\n")[0],
    /^pair_id,n,past_movies,sequence_A,sequence_B,rater,judgment$/,
  );
  assert.match(keyCsv(pairs), /source_A,source_B/);
  const sides = new Set(pairs.map((p) => p.sourceA));
  assert.ok(pairs.length === 6 && sides.size === 2, "A/B order is drawn, not fixed");
});

Deno.test("judgment import names the line and column of a bad row", () => {
  const ids = new Set(pairs.map((p) => p.pairId));
  const head = "pair_id,n,past_movies,sequence_A,sequence_B,rater,judgment\n";
  const ok = `${pairs[0].pairId},5,,,,ann,A>B\n`;
  assert.equal(parseJudgments(head + ok, "j.csv", ids).length, 1);
  assert.throws(
    () => parseJudgments(head + ok + `${pairs[1].pairId},5,,,,ann,A>>>B\n`, "j.csv", ids),
    /j\.csv:3 \(judgment\)/,
  );
  assert.throws(
    () => parseJudgments(head + "P999,5,,,,ann,A>B\n", "j.csv", ids),
    /j\.csv:2 \(pair_id\): unknown pair/,
  );
  assert.throws(
    () => parseJudgments(head + `${pairs[0].pairId},5,,,,,A>B\n`, "j.csv", ids),
    /j\.csv:2 \(rater\)/,
  );
  assert.throws(() => parseJudgments(head + ok + ok, "j.csv", ids), /j\.csv:3 .*twice/);
  assert.equal(
    parseJudgments(head + `${pairs[0].pairId},5,,,,ann,A=B\n`, "j.csv", ids)[0].level,
    "A≈B",
  );
});

Deno.test("the five-level table un-blinds judgments from the first source's side (hand-computed shares)", () => {
  const key = [
    {
      pairId: "P1",
      userId: "1",
      n: 5,
      past: "",
      sequenceA: "",
      sequenceB: "",
      sourceA: "llm",
      sourceB: "real",
    },
    {
      pairId: "P2",
      userId: "2",
      n: 5,
      past: "",
      sequenceA: "",
      sequenceB: "",
      sourceA: "real",
      sourceB: "llm",
    },
  ];
  const js = [
    { pairId: "P1", rater: "r1", level: "A>B" as const, line: 2 }, // llm > real
    { pairId: "P2", rater: "r1", level: "A>B" as const, line: 3 }, // real > llm → llm: B>A
    { pairId: "P2", rater: "r2", level: "B>>A" as const, line: 4 }, // llm >> real
    { pairId: "P1", rater: "r2", level: "A≈B" as const, line: 5 },
  ];
  const [row] = levelTable(unblind(js, key, "llm"));
  assert.equal(row.comparison, "llm vs real");
  assert.equal(row.raters, "people");
  assert.deepEqual(row.shares, { "A>>B": 0.25, "A>B": 0.25, "A≈B": 0.25, "B>A": 0.25, "B>>A": 0 });
});

Deno.test("an LLM judge fills in for raters and is marked as such", async () => {
  const llm = new ScriptedLlm(() => ({ judgment: "A>>B", reason: "fits" }));
  const { judgments, failures } = await llmJudge(llm, pairs);
  assert.equal(failures, 0);
  assert.ok(judgments.every((j) => j.rater === "llm-judge:scripted"));
  const rows = levelTable(unblind(judgments, pairs, "rule"));
  assert.ok(rows.every((r) => r.raters === "LLM judge"));
  assert.ok(!llm.requests.some((r) => /rule|real/.test(r.messages.map((m) => m.content).join())));
});
