import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { AgentMemory } from "@lib/memory/mod.ts";
import { AxisEmbedder } from "./helpers.ts";

const make = (config = {}) =>
  new AgentMemory({ embedder: new AxisEmbedder(), rng: new Rng(1), config });

Deno.test("a similar memory enhances a stored one; after 3 enhancements it moves to long-term with an insight", async () => {
  const mem = make({ reflection: false });
  await mem.observe({ text: "axis:1 Ann watched <Alien>.", importance: 8 }, 0);
  await mem.observe({ text: "axis:2 Ann entered the page.", importance: 1 }, 1);
  await mem.observe({ text: "axis:1 Ann watched <Alien> again.", importance: 8 }, 2);
  await mem.observe({ text: "axis:1 Ann rewatched <Alien>.", importance: 8 }, 3);
  assert.equal(mem.shortTerm[0].enhancements, 2);
  assert.equal(mem.longTerm.length, 0);
  await mem.observe({ text: "axis:1 Ann quoted <Alien> to a friend.", importance: 8 }, 4);
  const [promoted, insight] = mem.longTerm;
  assert.equal(promoted.text, "axis:1 Ann watched <Alien>.");
  assert.equal(promoted.enhancements, 3);
  assert.equal(insight.kind, "insight");
  assert.match(insight.text, /4 times/);
  assert.deepEqual(insight.sources, [promoted.id, ...promoted.sources]);
  assert.ok(!mem.shortTerm.some((r) => r.id === promoted.id));
  const types = mem.events.map((e) => e.type);
  assert.equal(types.filter((t) => t === "enhanced").length, 6);
  assert.equal(types.filter((t) => t === "promoted").length, 1);
  // An unrelated memory is never enhanced.
  assert.equal(mem.shortTerm.find((r) => r.text.includes("axis:2"))!.enhancements, 0);
});

Deno.test("the enhancement threshold and k are configurable", async () => {
  const mem = make({ promoteAfter: 1, reflection: false });
  await mem.observe({ text: "axis:3 a", importance: 5 }, 0);
  await mem.observe({ text: "axis:3 b", importance: 5 }, 1);
  assert.equal(mem.longTerm.filter((r) => r.kind === "observation").length, 1);
  // Orthogonal memories (cosine 0) enhance each other only under a threshold of 0.
  for (const [threshold, expected] of [[0.85, 0], [0, 1]]) {
    const m = make({ enhanceThreshold: threshold, reflection: false });
    await m.observe({ text: "axis:3 a", importance: 5 }, 0);
    await m.observe({ text: "axis:4 b", importance: 5 }, 1);
    assert.equal(m.shortTerm[0].enhancements, expected);
  }
});

Deno.test("overflow moves the oldest to long-term, or drops it when so configured", async () => {
  const fill = async (mem: AgentMemory) => {
    for (let i = 0; i < 5; i++) {
      await mem.observe({ text: `axis:${10 + i} m${i}`, importance: 2 }, i);
    }
  };
  const keep = make({ shortTermCapacity: 3, reflection: false });
  await fill(keep);
  assert.deepEqual(keep.shortTerm.map((r) => r.text), ["axis:12 m2", "axis:13 m3", "axis:14 m4"]);
  assert.deepEqual(keep.longTerm.map((r) => r.text), ["axis:10 m0", "axis:11 m1"]);
  assert.equal(keep.events.filter((e) => e.type === "evicted").length, 2);
  const drop = make({ shortTermCapacity: 3, overflow: "drop", reflection: false });
  await fill(drop);
  assert.equal(drop.longTerm.length, 0);
  assert.equal(drop.events.filter((e) => e.type === "dropped").length, 2);
});

Deno.test("an LLM-style insight writer receives the memory and its enhancers", async () => {
  let seen: string[] = [];
  const mem = new AgentMemory({
    embedder: new AxisEmbedder(),
    rng: new Rng(1),
    config: { promoteAfter: 2, reflection: false },
    insightWriter: (m, enh) => {
      seen = [m.text, ...enh.map((e) => e.text)];
      return Promise.resolve("Ann loves <Alien>.");
    },
  });
  for (const t of ["a", "b", "c"]) await mem.observe({ text: `axis:1 ${t}`, importance: 6 }, 0);
  assert.deepEqual(seen, ["axis:1 a", "axis:1 b", "axis:1 c"]);
  assert.equal(mem.longTerm.at(-1)!.text, "Ann loves <Alien>.");
});
