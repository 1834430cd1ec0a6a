import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { AgentMemory, forgetProbability, type MemoryConfigInput } from "@lib/memory/mod.ts";
import { AxisEmbedder } from "./helpers.ts";

/** Memories go straight to long-term when short-term is switched off. */
const longOnly = (config: MemoryConfigInput = {}) =>
  new AgentMemory({
    embedder: new AxisEmbedder(),
    rng: new Rng(9),
    config: { shortTerm: false, reflection: false, forgetting: { enabled: false }, ...config },
  });

Deno.test("retrieval ranks by recency when importance and relevance are equal", async () => {
  const mem = longOnly();
  await mem.observe({ text: "axis:1 old", importance: 5 }, 0);
  await mem.observe({ text: "axis:2 new", importance: 5 }, 40);
  const r = await mem.retrieve("axis:9 query", 50);
  assert.deepEqual(r.longTerm.map((x) => x.record.text), ["axis:2 new", "axis:1 old"]);
  assert.equal(r.longTerm[0].recency, 0.99 ** 10);
  assert.equal(r.longTerm[1].recency, 0.99 ** 50);
});

Deno.test("retrieval ranks by importance when recency and relevance are equal", async () => {
  const mem = longOnly();
  await mem.observe({ text: "axis:1 minor", importance: 2 }, 0);
  await mem.observe({ text: "axis:2 major", importance: 9 }, 0);
  const r = await mem.retrieve("axis:9 query", 0);
  assert.deepEqual(r.longTerm.map((x) => x.record.text), ["axis:2 major", "axis:1 minor"]);
});

Deno.test("retrieval ranks by relevance, and the score is w_r·recency + w_i·importance/10 + w_v·cosine", async () => {
  const mem = longOnly({ weights: { recency: 0.5, importance: 2, relevance: 3 } });
  await mem.observe({ text: "axis:1 sci-fi night", importance: 4 }, 0);
  await mem.observe({ text: "axis:2 cooking show", importance: 4 }, 0);
  const r = await mem.retrieve("axis:1 what sci-fi did I see?", 10);
  assert.equal(r.longTerm[0].record.text, "axis:1 sci-fi night");
  assert.equal(r.longTerm[0].relevance, 1);
  assert.ok(Math.abs(r.longTerm[0].score - (0.5 * 0.99 ** 10 + 2 * 0.4 + 3 * 1)) < 1e-12);
  assert.ok(Math.abs(r.longTerm[1].score - (0.5 * 0.99 ** 10 + 2 * 0.4)) < 1e-12);
});

Deno.test("retrieval returns top-k, updates lastAccess of those only, and adds short-term contents", async () => {
  const mem = new AgentMemory({
    embedder: new AxisEmbedder(),
    rng: new Rng(1),
    config: { shortTermCapacity: 2, topK: 2, reflection: false },
  });
  for (let i = 0; i < 6; i++) await mem.observe({ text: `axis:${i} m${i}`, importance: 1 + i }, i);
  assert.equal(mem.longTerm.length, 4);
  const r = await mem.retrieve("axis:40 anything", 100);
  assert.equal(r.longTerm.length, 2);
  assert.deepEqual(r.longTerm.map((x) => x.record.text), ["axis:3 m3", "axis:2 m2"]);
  assert.deepEqual(r.shortTerm.map((x) => x.text), ["axis:4 m4", "axis:5 m5"]);
  assert.deepEqual(r.texts, ["axis:3 m3", "axis:2 m2", "axis:4 m4", "axis:5 m5"]);
  assert.deepEqual(mem.longTerm.map((x) => x.lastAccess), [0, 1, 100, 100]);
  assert.equal(mem.events.filter((e) => e.type === "retrieved").length, 2);
});

Deno.test("reflection fires once new long-term importance passes the threshold, and similar insights merge", async () => {
  const mem = longOnly({ reflection: true, reflectionThreshold: 20 });
  await mem.observe({ text: "Ann watched a sci-fi movie about Mars.", importance: 8 }, 1);
  await mem.observe({ text: "Ann rated a sci-fi classic 5 stars.", importance: 8 }, 2);
  assert.equal(mem.longTerm.filter((r) => r.kind === "reflection").length, 0);
  await mem.observe({ text: "Ann chatted about comedy.", importance: 5 }, 3);
  const refl = mem.longTerm.filter((r) => r.kind === "reflection");
  assert.equal(refl.length, 1);
  assert.match(refl[0].text, /^I seem to enjoy sci-fi movies/);
  assert.equal(refl[0].sources.length, 2);
  const e = mem.events.find((x) => x.type === "reflected")!;
  assert.match(e.detail!, /What kind of movies/);
  for (let i = 0; i < 3; i++) {
    await mem.observe(
      { text: `Ann watched another sci-fi movie, number ${i}.`, importance: 8 },
      4 + i,
    );
  }
  assert.equal(mem.longTerm.filter((r) => r.kind === "reflection").length, 1);
  assert.ok(mem.events.some((x) => x.type === "merged"));
  assert.equal(mem.longTerm.find((r) => r.kind === "reflection")!.enhancements, 1);
});

Deno.test("a reflector hook replaces the rule-based reflection", async () => {
  const mem = new AgentMemory({
    embedder: new AxisEmbedder(),
    rng: new Rng(1),
    config: { shortTerm: false, reflectionThreshold: 5 },
    reflector: (recent) =>
      Promise.resolve({
        question: "Q?",
        insight: `I remember ${recent.length} things.`,
        importance: 9,
      }),
  });
  await mem.observe({ text: "axis:1 a", importance: 6 }, 0);
  const r = mem.longTerm.find((x) => x.kind === "reflection")!;
  assert.deepEqual([r.text, r.importance], ["I remember 1 things.", 9]);
});

Deno.test("forgetting probability rises as strength falls", () => {
  const f = { maxProbability: 0.3, exponent: 2 };
  let last = Infinity;
  for (let s = 0; s <= 1; s += 0.1) {
    const p = forgetProbability(s, f);
    assert.ok(p <= last);
    last = p;
  }
});

Deno.test("weak memories are forgotten more often than strong ones; young ones never", async () => {
  const mem = longOnly({
    forgetting: { enabled: true, maxProbability: 0.5, exponent: 1, graceHours: 24 },
  });
  for (let i = 0; i < 200; i++) {
    await mem.observe({ text: `axis:${i % 60} memory ${i}`, importance: i % 2 ? 10 : 1 }, 0);
  }
  await mem.observe({ text: "axis:1 fresh", importance: 1 }, 30);
  const gone = mem.maintain(40);
  const weak = gone.filter((r) => r.importance === 1).length;
  const strong = gone.filter((r) => r.importance === 10).length;
  assert.ok(weak > strong * 2, `${weak} weak vs ${strong} strong`);
  assert.ok(mem.longTerm.some((r) => r.text === "axis:1 fresh"));
  assert.equal(mem.events.filter((e) => e.type === "forgotten").length, gone.length);
});

Deno.test("forgetting is reproducible from the seed", async () => {
  const run = async (seed: number) => {
    const mem = new AgentMemory({
      embedder: new AxisEmbedder(),
      rng: new Rng(seed),
      config: {
        shortTerm: false,
        reflection: false,
        forgetting: { graceHours: 0, maxProbability: 0.5 },
      },
    });
    for (let i = 0; i < 40; i++) {
      await mem.observe({ text: `axis:${i} m${i}`, importance: 1 + (i % 10) }, i);
    }
    return mem.maintain(200).map((r) => r.id).join(",");
  };
  assert.equal(await run(3), await run(3));
  assert.notEqual(await run(3), await run(4));
});
