import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { Rng } from "@lib/core/rng.ts";
import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
import { AgentMemory, type MemoryConfigInput } from "@lib/memory/mod.ts";
import { AxisEmbedder } from "./helpers.ts";

const LIFE = [
  "Ann entered the recommender page.",
  "Ann watched <Alien>, a sci-fi horror movie, and rated it 5 stars.",
  "Ann chatted with Bob Stone about sci-fi movies.",
  "Ann watched <Aliens>, a sci-fi action movie.",
  "Ann posted that sci-fi movies are the best.",
  "Ann said hello to Carla Diaz.",
  "Ann watched <Arrival>, a sci-fi drama, and loved it.",
  "Ann browsed the next page.",
  "Ann chatted with Bob Stone about <Arrival>.",
  "Ann rated <Heat> 3 stars.",
  "Ann watched <Moon>, a small sci-fi movie.",
  "Ann entered the recommender page.",
];

async function live(config: MemoryConfigInput, seed = 1) {
  const mem = new AgentMemory({
    embedder: new HashedEmbedder(),
    rng: new Rng(seed),
    config: {
      shortTermCapacity: 4,
      reflectionThreshold: 15,
      forgetting: { graceHours: 5 },
      ...config,
    },
  });
  let t = 0;
  for (const obs of LIFE) {
    await mem.observe(obs, t);
    mem.maintain(t);
    t += 5;
  }
  return { mem, t };
}

Deno.test("the full memory uses every stage over a short life", async () => {
  const { mem } = await live({});
  const types = new Set(mem.events.map((e) => e.type));
  for (const t of ["stored", "evicted", "reflected"]) assert.ok(types.has(t as never), t);
  assert.ok(mem.shortTerm.length > 0 && mem.longTerm.length > 0);
});

Deno.test("without short-term memory, observations go straight to long-term", async () => {
  const { mem, t } = await live({ shortTerm: false });
  assert.equal(mem.shortTerm.length, 0);
  assert.ok(mem.events.filter((e) => e.type === "stored").every((e) => e.stage === "long-term"));
  assert.equal((await mem.retrieve("sci-fi", t)).shortTerm.length, 0);
});

Deno.test("without long-term memory, only short-term is kept and retrieval returns it alone", async () => {
  const { mem, t } = await live({ longTerm: false });
  assert.equal(mem.longTerm.length, 0);
  assert.ok(!mem.events.some((e) => e.type === "reflected" || e.type === "evicted"));
  const r = await mem.retrieve("sci-fi", t);
  assert.equal(r.longTerm.length, 0);
  assert.equal(r.shortTerm.length, 4);
});

Deno.test("without reflection, no reflection is ever written", async () => {
  const { mem } = await live({ reflection: false });
  assert.ok(!mem.longTerm.some((r) => r.kind === "reflection"));
  assert.ok(!mem.events.some((e) => e.type === "reflected" || e.type === "merged"));
});

Deno.test("same seed and life, same event log", async () => {
  const a = (await live({}, 5)).mem, b = (await live({}, 5)).mem;
  assert.deepEqual(a.events, b.events);
  assert.deepEqual(a.toJSON(), b.toJSON());
});

Deno.test("a checkpoint restored through JSON text continues exactly like the original", async () => {
  const { mem, t } = await live({ forgetting: { graceHours: 0, maxProbability: 0.5 } }, 2);
  const restored = AgentMemory.fromJSON(JSON.parse(JSON.stringify(mem.toJSON())), {
    embedder: new HashedEmbedder(),
  });
  assert.deepEqual(restored.toJSON(), mem.toJSON());
  assert.deepEqual(restored.rows(t), mem.rows(t));
  mem.clearEvents();
  for (const m of [mem, restored]) {
    await m.observe("Ann watched <Solaris>, a slow sci-fi movie.", t + 1);
    m.maintain(t + 200);
    await m.retrieve("what sci-fi movies does Ann like?", t + 201);
  }
  assert.deepEqual(restored.events, mem.events);
  assert.deepEqual(restored.toJSON(), mem.toJSON());
});

Deno.test("restored memories need no new embedding calls", async () => {
  const mem = new AgentMemory({ embedder: new AxisEmbedder(), rng: new Rng(1) });
  await mem.observe({ text: "axis:1 a", importance: 3 }, 0);
  const embedder = new AxisEmbedder();
  const back = AgentMemory.fromJSON(mem.toJSON(), { embedder });
  await back.observe({ text: "axis:1 a", importance: 3 }, 1);
  assert.equal(embedder.calls, 0);
  assert.equal(back.shortTerm[0].enhancements, 1);
});

Deno.test("a broken checkpoint is a DataError naming the field", () => {
  const mem = new AgentMemory({ embedder: new AxisEmbedder(), rng: new Rng(1) });
  const state = { ...mem.toJSON(), nextId: -1 };
  assert.throws(
    () => AgentMemory.fromJSON(state, { embedder: new AxisEmbedder() }, "ckpt.json"),
    (e: unknown) => e instanceof DataError && /ckpt\.json: nextId/.test(e.message),
  );
});

Deno.test("repeated texts are embedded once", async () => {
  const embedder = new AxisEmbedder();
  const mem = new AgentMemory({ embedder, rng: new Rng(1) });
  for (let i = 0; i < 5; i++) await mem.observe({ text: "axis:2 same", importance: 3 }, i);
  await mem.retrieve("axis:2 same", 6);
  // The observation text once, plus the insight written when it was promoted.
  assert.equal(embedder.calls, 1 + 1);
});

Deno.test("rows show stage, strength and recency for inspection", async () => {
  const { mem, t } = await live({});
  const rows = mem.rows(t);
  assert.equal(rows.length, mem.shortTerm.length + mem.longTerm.length);
  for (const r of rows) {
    assert.ok(r.strength > 0 && r.strength <= 1);
    assert.ok(Math.abs(r.strength - r.recency * r.importance / 10) < 1e-12);
    assert.ok(["short-term", "long-term"].includes(r.stage));
  }
});
