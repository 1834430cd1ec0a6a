import assert from "node:assert/strict";
import { parseCsv } from "@lib/core/csv.ts";
import { meanCI } from "@lib/core/stats.ts";
import { LlmClient } from "@lib/llm/client.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { messageRows } from "@lib/sim/tables.ts";
import {
  collectConversations,
  CONVERSATION_CODEBOOK,
  CONVERSATION_QUESTIONS,
  type ConversationItem,
  conversationSheetCsv,
  conversationTable,
  llmRateConversations,
  parseConversationRatings,
} from "@lib/eval/mod.ts";

const CHECKPOINTS = [2, 4, 6];
const engine = await createSimulation({
  name: "conversation-eval",
  seed: 11,
  rounds: 6,
  agents: { source: "csv", count: 20 },
  activity: { alpha: 1.5, xMin: 1, rate: 1 },
  recommender: { model: { algorithm: "popular" }, retrainEvery: 1, pageSize: 5 },
  social: { graph: "ba", m: 2 },
  brain: { kind: "rule" },
});
const items = await collectConversations(engine, { checkpoints: CHECKPOINTS });
const HEAD = "item_id,rater,chat_profile,chat_behaviour,post_profile,post_behaviour\n";

Deno.test("each checkpoint holds exactly the chats and posts of the rounds before it", () => {
  assert.equal(engine.world.round, 6);
  const messages = messageRows(engine.log.events);
  for (const k of CHECKPOINTS) {
    const talkers = new Set(
      messages.filter((m) => m.round < k).flatMap((m) =>
        m.kind === "chat" ? [m.agentId, m.to!] : [m.agentId]
      ),
    );
    const here = items.filter((it) => it.checkpoint === k);
    assert.deepEqual(new Set(here.map((it) => it.agentId)), talkers, `checkpoint ${k}`);
    for (const it of here) {
      const rounds = [...it.chats, ...it.posts].map((t) => Number(/^Round (\d+)/.exec(t)![1]));
      assert.ok(rounds.every((r) => r < k), `${it.itemId}: ${rounds} at checkpoint ${k}`);
      const posted = messages.filter((m) =>
        m.kind === "post" && m.agentId === it.agentId && m.round < k
      );
      assert.equal(it.posts.length, posted.length);
    }
  }
  // Later checkpoints only add: an agent's chats at 2 are still there at 6.
  for (const early of items.filter((it) => it.checkpoint === 2)) {
    const late = items.find((it) => it.checkpoint === 6 && it.agentId === early.agentId)!;
    assert.deepEqual(late.chats.slice(0, early.chats.length), early.chats);
  }
  assert.ok(items.some((it) => it.past.includes("/5)")), "no watched movie with its rating");
});

Deno.test("an agent without chats gets n/a instead of chat questions, and the import accepts it", () => {
  const silent = items.find((it) => it.chats.length === 0 && it.posts.length > 0);
  assert.ok(silent, "the run has no agent that only posted");
  const [header, ...rows] = parseCsv(conversationSheetCsv(items), "sheet.csv").map((r) => r.fields);
  const row = rows.find((r) => r[0] === silent.itemId)!;
  const col = (c: string) => row[header.indexOf(c)];
  assert.deepEqual([col("chat_profile"), col("chat_behaviour"), col("chats")], [
    "n/a",
    "n/a",
    "(none)",
  ]);
  assert.deepEqual([col("post_profile"), col("post_behaviour")], ["", ""]);
  const ok = parseConversationRatings(HEAD + `${silent.itemId},ann,n/a,,3,4\n`, "r.csv", items);
  assert.deepEqual(ok[0].scores, { post_profile: 3, post_behaviour: 4 });
  assert.throws(
    () => parseConversationRatings(HEAD + `${silent.itemId},ann,n/a,2,3,4\n`, "r.csv", items),
    /r\.csv:2 \(chat_behaviour\).*no chats/,
  );
  const talker = items.find((it) => it.chats.length > 0)!;
  assert.throws(
    () => parseConversationRatings(HEAD + `${talker.itemId},ann,n/a,2,n/a,n/a\n`, "r.csv", items),
    /r\.csv:2 \(chat_profile\)/,
  );
});

// Three hand-made items: A (chats and posts) and B (posts only) at checkpoint 5, C at 10.
const made = (itemId: string, checkpoint: number, chats: string[]): ConversationItem => ({
  itemId,
  agentId: itemId.toLowerCase(),
  checkpoint,
  profile: "p",
  past: "q",
  chats,
  posts: ["Round 0: a post"],
});
const HAND = [made("A", 5, ["Round 1, a with b: hi"]), made("B", 5, []), made("C", 10, ["x"])];

Deno.test("the table's means and intervals are the hand-computed ones per question and checkpoint", () => {
  const csv = HEAD +
    "A,ann,4,3,5,5\n" +
    "B,ann,n/a,n/a,2,1\n" +
    "A,bob,2,3,4,4\n" +
    "B,bob,n/a,n/a,5,3\n" +
    "C,ann,1,2,3,4\n" +
    "C,llm-rater:m,5,5,5,5\n";
  const table = conversationTable(parseConversationRatings(csv, "r.csv", HAND), HAND);
  const cell = (q: string, k: number, raters = "people") =>
    table.find((r) => r.question === q && r.checkpoint === k && r.raters === raters)!;
  // chat_profile at 5: A only (B has no chats) → (4 + 2) / 2.
  assert.deepEqual([cell("chat_profile", 5).mean, cell("chat_profile", 5).n], [3, 2]);
  // post_profile at 5: 5, 2, 4, 5 → 4; sd = √(6/3) = √2; half = 3.182·√2/2.
  const pp = cell("post_profile", 5);
  assert.deepEqual([pp.mean, pp.n], [4, 4]);
  assert.ok(Math.abs(pp.hi - (4 + 3.182 * Math.SQRT2 / 2)) < 1e-9, String(pp.hi));
  assert.ok(Math.abs(pp.lo - (4 - 3.182 * Math.SQRT2 / 2)) < 1e-9, String(pp.lo));
  // post_behaviour at 5: 5, 1, 4, 3 → 13/4.
  assert.equal(cell("post_behaviour", 5).mean, 13 / 4);
  // One person at checkpoint 10, and the LLM rater's row apart from the people's.
  assert.deepEqual([cell("chat_behaviour", 10).mean, cell("chat_behaviour", 10).n], [2, 1]);
  assert.equal(cell("chat_behaviour", 10, "LLM rater").mean, 5);
  assert.equal(table.filter((r) => r.raters === "LLM rater").length, 4);
  assert.deepEqual(meanCI([5, 2, 4, 5]).hi, pp.hi);
});

Deno.test("a bad row is rejected with its line and column, even after multi-line cells", () => {
  const bad = (body: string) => () => parseConversationRatings(HEAD + body, "r.csv", HAND);
  assert.throws(bad("A,ann,4,3,5,5\nA,bob,6,3,5,5\n"), /r\.csv:3 \(chat_profile\)/);
  assert.throws(bad("A,ann,4,3,5,\n"), /r\.csv:2 \(post_behaviour\)/);
  assert.throws(bad("Z,ann,4,3,5,5\n"), /r\.csv:2 \(item_id\)/);
  assert.throws(bad("A,,4,3,5,5\n"), /r\.csv:2 \(rater\)/);
  assert.throws(bad("A,ann,4,3,5,5\nA,ann,4,3,5,5\n"), /r\.csv:3 \(item_id\).*twice/);
  assert.throws(
    () => parseConversationRatings("item_id,rater\nA,ann\n", "r.csv", HAND),
    /r\.csv:1 \(chat_profile\)/,
  );
  // The exported sheet has multi-line chat cells: the error names the line the row starts on.
  const many = [
    made("M1", 1, ["Round 0: one", "Round 0: two", "Round 0: three"]),
    made("M2", 1, ["x"]),
  ];
  const filled = conversationSheetCsv(many, [
    {
      itemId: "M1",
      rater: "ann",
      scores: { chat_profile: 4, chat_behaviour: 4, post_profile: 4, post_behaviour: 4 },
      line: 0,
    },
    {
      itemId: "M2",
      rater: "ann",
      scores: { chat_profile: 4, chat_behaviour: 4, post_profile: 4, post_behaviour: 4 },
      line: 0,
    },
  ]);
  const broken = filled.replace(/\nM2,(.*),4,4,4,4\n$/, "\nM2,$1,4,4,4,9\n");
  assert.notEqual(broken, filled);
  const line = filled.slice(0, filled.indexOf("\nM2,")).split("\n").length + 1;
  assert.equal(line, 5);
  assert.throws(
    () => parseConversationRatings(broken, "s.csv", many),
    new RegExp(`s\\.csv:${line} \\(post_behaviour\\)`),
  );
});

Deno.test("the LLM rater fills in the sheet over HTTP, asked only what applies, and no key reaches the files", async () => {
  const KEY = "sk-conversation-secret-7731";
  const asked: string[][] = [];
  const server = await startLocalServer({
    keys: [KEY],
    responder: (req) => {
      const props = Object.keys((req.jsonSchema?.properties ?? {}) as Record<string, unknown>);
      asked.push(props);
      return JSON.stringify(
        Object.fromEntries(props.map((q) => [q, q.startsWith("chat") ? 4 : 2])),
      );
    },
  });
  try {
    const llm = new LlmClient({
      model: "rater-model",
      endpoints: [{ baseUrl: server.url, keys: [KEY] }],
      cache: { mode: "off" },
    });
    const { ratings, failures } = await llmRateConversations(llm, items, 4);
    assert.equal(failures, 0);
    assert.equal(server.stats().chat, items.length);
    assert.equal(ratings.length, items.length);
    assert.ok(ratings.every((r) => r.rater === "llm-rater:rater-model"));
    const withoutChats = items.filter((it) => it.chats.length === 0).length;
    assert.ok(withoutChats > 0);
    assert.equal(asked.filter((p) => !p.includes("chat_profile")).length, withoutChats);
    assert.ok(
      asked.every((p) =>
        p.length > 0 && p.every((q) => (CONVERSATION_QUESTIONS as readonly string[]).includes(q))
      ),
    );
    const filled = conversationSheetCsv(items, ratings);
    const back = parseConversationRatings(filled, "llm.csv", items);
    assert.deepEqual(back.map((r) => r.scores), ratings.map((r) => r.scores));
    const table = conversationTable(back, items);
    assert.ok(table.every((r) => r.raters === "LLM rater"));
    assert.ok(table.filter((r) => r.question.startsWith("chat")).every((r) => r.mean === 4));
    assert.ok(table.filter((r) => r.question.startsWith("post")).every((r) => r.mean === 2));
    for (
      const text of [
        conversationSheetCsv(items),
        filled,
        CONVERSATION_CODEBOOK,
        JSON.stringify(ratings),
      ]
    ) {
      assert.ok(!text.includes(KEY) && !text.includes("sk-conv"), "a key reached an exported file");
    }
  } finally {
    await server.stop();
  }
});
