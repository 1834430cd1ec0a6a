import assert from "node:assert/strict";
import { LlmClient } from "@lib/llm/client.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { schemaResponder } from "@lib/llm/schema_responder.ts";
import { eventLine } from "@lib/sim/events.ts";
import { DashboardSession } from "@lib/web/mod.ts";
import { until, webScenario } from "./helpers.ts";

Deno.test("an interview from the dashboard with an LLM brain is one interview event whose calls and tokens count in the totals", async () => {
  const llmServer = await startLocalServer({ keys: ["k-local"], responder: schemaResponder });
  const llm = new LlmClient({
    model: "socius-local",
    endpoints: [{ baseUrl: llmServer.url, keys: ["k-local"], concurrency: 2 }],
  });
  try {
    const session = await DashboardSession.create(webScenario({ brain: { kind: "llm" } }), {
      build: { llm },
    });
    const engine = session.engine;
    const agent = engine.world.ids[2];
    const before = engine.totals;
    const seen = engine.log.events.length;
    const reply = await session.interview(agent, "Which movie did you like best?");
    const added = engine.log.events.slice(seen);
    assert.equal(added.length, 1);
    const e = added[0];
    assert.equal(e.type, "interview");
    if (e.type !== "interview") return;
    assert.equal(e.agent, agent);
    assert.equal(e.question, "Which movie did you like best?");
    assert.equal(e.answer, reply.answer);
    assert.ok(e.answer.length > 0);
    assert.equal(e.brain, "llm");
    assert.equal(e.failure, null);
    assert.ok(e.calls > 0 && e.tokens > 0, "the LLM call was counted");
    assert.deepEqual(engine.totals, {
      calls: before.calls + e.calls,
      tokens: before.tokens + e.tokens,
      failures: before.failures,
    });
    const [line] = session.log({ action: "interview" });
    assert.equal(line.agent, agent);
    assert.match(line.text, /\[llm\] is asked "Which movie did you like best\?" and answers: /);
    session.close();
  } finally {
    await llmServer.stop();
  }
});

Deno.test("the friend's reply to a person's chat is logged as the friend's interview", async () => {
  const session = await DashboardSession.create(webScenario(), { seatTimeoutMs: 20_000 });
  const me = await session.seat({ mode: "new", name: "Sam", interests: ["comedies"] });
  const round = session.step();
  await until(() => session.pending(me));
  await session.answer(me, { type: "choose", activity: "social" });
  const social = await until(() => session.pending(me)?.social ? session.pending(me) : null);
  const friend = social.social!.friends[0].id;
  await session.answer(me, { type: "chat", friendId: friend, text: "Seen <The Matrix>?" });
  await round;
  const interviews = session.engine.log.ofType("interview");
  assert.equal(interviews.length, 1);
  const [e] = interviews;
  assert.equal(e.agent, friend);
  assert.equal(e.round, 0);
  assert.match(e.question, /Sam writes to you in a private chat: Seen <The Matrix>\?/);
  const chat = session.engine.log.ofType("decision").find((d) => d.action.type === "chat")!;
  const dialogue = (chat.action as { dialogue: { text: string }[] }).dialogue;
  assert.equal(e.answer, dialogue[1].text);
  assert.ok(session.log({ agent: friend, action: "interview" }).length === 1);
  session.close();
});

Deno.test("the same interviews in two sessions give the same event log", async () => {
  const play = async () => {
    const session = await DashboardSession.create(webScenario({ rounds: 3 }));
    await session.step();
    const [a, b] = session.engine.world.ids;
    await session.interview(a, "What do you like?");
    await session.interview(b, "And you?");
    await session.step();
    await session.interview(a, "Still?");
    session.close();
    return session.engine.log.events.map(eventLine).join("\n");
  };
  const first = await play();
  assert.equal((first.match(/"type":"interview"/g) ?? []).length, 3);
  assert.equal(await play(), first);
});
