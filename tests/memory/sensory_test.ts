import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
import { AgentMemory, firstSentence, ruleImportance, RuleSensory } from "@lib/memory/mod.ts";

Deno.test("naming items, watching and rating score high; entering a page and small talk score low", () => {
  const high = [
    "David Smith watched <Interstellar> and rated it 5 stars.",
    'Ann finished "The Neon Bible" and loved it.',
  ];
  const low = [
    "David Smith entered the recommender page.",
    "Ann said hello to Bob and talked about the weather.",
    "David browsed the next page.",
  ];
  for (const t of high) assert.ok(ruleImportance(t) >= 8, t);
  for (const t of low) assert.ok(ruleImportance(t) <= 3, t);
  assert.ok(ruleImportance("Ann watched a film.") > ruleImportance("Ann entered the page."));
});

Deno.test("an observation is compressed to its first sentence, titles with dots intact", async () => {
  const p = await new RuleSensory(60).perceive(
    "Ann watched <Mr. Smith Goes to Washington>. It was long. She slept.",
  );
  assert.equal(p.text, "Ann watched <Mr. Smith Goes to Washington>.");
  const long = firstSentence("word ".repeat(100), 40);
  assert.ok(long.length <= 40);
  assert.ok(long.endsWith("…"));
});

Deno.test("text and importance given by the caller are stored as given (importance clamped)", async () => {
  const mem = new AgentMemory({ embedder: new HashedEmbedder(), rng: new Rng(1) });
  const r = await mem.observe({ text: "Ann felt moved by <Up>.", importance: 9 }, 0);
  assert.equal(r.text, "Ann felt moved by <Up>.");
  assert.equal(r.importance, 9);
  assert.equal((await mem.observe({ text: "x", importance: 42 }, 0)).importance, 10);
  await assert.rejects(() => mem.observe({ text: "y", importance: NaN }, 0), /finite/);
});

Deno.test("a custom sensory processor replaces the rule-based one", async () => {
  const mem = new AgentMemory({
    embedder: new HashedEmbedder(),
    rng: new Rng(1),
    sensory: { perceive: (o) => Promise.resolve({ text: o.toUpperCase(), importance: 2 }) },
  });
  const r = await mem.observe("quiet evening", 3);
  assert.deepEqual([r.text, r.importance, r.createdAt], ["QUIET EVENING", 2, 3]);
});
