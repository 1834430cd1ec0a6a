import assert from "node:assert/strict";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import {
  llmRateMemories,
  MEMORY_VARIANTS,
  memoryItems,
  memorySheetCsv,
  memoryTable,
  parseMemoryRatings,
} from "@lib/eval/memory_eval.ts";
import { FIXTURE, ScriptedLlm } from "./helpers.ts";

const data = await readSelectionData(FIXTURE);
const items = await memoryItems(data, { behaviours: 3 });

Deno.test("every sampled behaviour is exported once per memory variant, blinded", () => {
  assert.equal(items.length, 3 * Object.keys(MEMORY_VARIANTS).length);
  const sheet = memorySheetCsv(items);
  assert.doesNotMatch(sheet, /w\/o|full|short-term|long-term|reflection/);
  assert.ok(items.every((i) => i.retrieved.length > 0 || i.variant === "w/o short-term"));
});

Deno.test("without long-term memory nothing is promoted or reflected, so nothing but observations is held", () => {
  for (const it of items.filter((i) => i.variant === "w/o long-term")) {
    assert.ok(it.extracted.every((t) => t.startsWith("I watched")), it.extracted.join(" | "));
  }
});

Deno.test("rating import names the line and column of a bad score", () => {
  const ids = new Set(items.map((i) => i.itemId));
  const head =
    "item_id,behaviour,extracted_memories,retrieved_memories,rater,informativeness,relevance\n";
  const id = items[0].itemId;
  assert.equal(parseMemoryRatings(head + `${id},,,,ann,4,5\n`, "m.csv", ids).length, 1);
  assert.throws(
    () => parseMemoryRatings(head + `${id},,,,ann,4,5\n${id},,,,bob,6,5\n`, "m.csv", ids),
    /m\.csv:3 \(informativeness\)/,
  );
  assert.throws(
    () => parseMemoryRatings(head + `${id},,,,ann,4,\n`, "m.csv", ids),
    /m\.csv:2 \(relevance\)/,
  );
  assert.throws(
    () => parseMemoryRatings(head + `X1,,,,ann,4,4\n`, "m.csv", ids),
    /m\.csv:2 \(item_id\)/,
  );
});

Deno.test("the memory table averages each variant's scores (hand-computed) and keeps LLM raters apart", async () => {
  const full = items.filter((i) => i.variant === "full").map((i) => i.itemId);
  const rows = memoryTable([
    { itemId: full[0], rater: "a", informativeness: 4, relevance: 2 },
    { itemId: full[1], rater: "a", informativeness: 2, relevance: 5 },
  ], items);
  const inf = rows.find((r) => r.variant === "full" && r.criterion === "informativeness")!;
  assert.deepEqual([inf.mean, inf.n, inf.raters], [3, 2, "people"]);
  assert.equal(rows.find((r) => r.criterion === "relevance")!.mean, 3.5);
  const llm = new ScriptedLlm(() => ({ informativeness: 3, relevance: 4 }));
  const { ratings } = await llmRateMemories(llm, items);
  const mixed = memoryTable(ratings, items);
  assert.ok(mixed.every((r) => r.raters === "LLM rater"));
  assert.equal(mixed.length, 8);
});
