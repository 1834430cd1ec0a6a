import assert from "node:assert/strict";
import { MessagePool } from "@lib/memory/mod.ts";
import { rankFeed } from "@lib/social/mod.ts";

const settings = { feedDecay: 0.5, stepMinutes: 60 };
const msgs = [
  { id: "old-viral", time: 1, reposts: 999, authenticity: 1, relevance: 0.9, similarity: 0.1 },
  { id: "new-fake", time: 5, reposts: 0, authenticity: 0.1, relevance: 0.9, similarity: 0.2 },
  { id: "new-real", time: 5, reposts: 2, authenticity: 1, relevance: 0.5, similarity: 0.9 },
  { id: "mid-real", time: 4, reposts: 9, authenticity: 1, relevance: 0.9, similarity: -0.5 },
];
const order = (r: Parameters<typeof rankFeed>[1]) =>
  rankFeed(msgs, r, 6, 4, settings).map((m) => m.id);

Deno.test("chronological shows the newest first, ties by id", () => {
  assert.deepEqual(order("chronological"), ["new-fake", "new-real", "mid-real", "old-viral"]);
});

Deno.test("the s3 ranker weighs time decay by relevance and source authenticity", () => {
  // 0.5·0.5 = 0.25 (new-real), 0.25·0.9 = 0.225 (mid-real), 0.5·0.09 = 0.045, 0.03125·0.9.
  assert.deepEqual(order("s3"), ["new-real", "mid-real", "new-fake", "old-viral"]);
});

Deno.test("the hot score lets a much-reposted message beat newer ones", () => {
  // log10(1000) + 1·3600/45000 = 3.08 beats log10(10) + 4·0.08 = 1.32 and log10(3) + 0.4.
  assert.deepEqual(order("hot"), ["old-viral", "mid-real", "new-real", "new-fake"]);
});

Deno.test("the interest ranker orders by similarity and K cuts the feed", () => {
  assert.deepEqual(order("interest"), ["new-real", "new-fake", "old-viral", "mid-real"]);
  assert.equal(rankFeed(msgs, "interest", 6, 2, settings).length, 2);
});

Deno.test("the memory pool keeps the best messages by decay × relevance × authenticity", () => {
  const m = (id: string, time: number, authenticity: number) => ({
    id,
    author: "a",
    time,
    text: id,
    emotion: "calm" as const,
    stance: 0,
    kind: "post" as const,
    authenticity,
  });
  const pool = new MessagePool({ capacity: 2, decay: 0.5 });
  pool.add(m("fake", 3, 0.1), 1, 3);
  pool.add(m("old", 1, 1), 1, 3);
  pool.add(m("fresh", 3, 1), 1, 3);
  pool.add(m("fresh", 3, 1), 1, 3);
  assert.equal(pool.size, 2);
  assert.deepEqual(pool.top(3, 2).map((x) => x.message.id), ["fresh", "old"]);
});
