// What a call reports about itself, by value: the usage row, the events, latency and the
// client's counters, for a success, a failure, a cache hit and a cached failure.
import assert from "node:assert/strict";
import type { LlmEvent } from "@lib/llm/mod.ts";
import { fastClient, movieRequest } from "./helpers.ts";
import { scriptedServer } from "./scripted_server.ts";

const VALID = '{"title":"Heat","rating":4,"mood":"happy","reason":"tense"}';
const KEY = "sk-tally-test-5d1e";

Deno.test("a success writes one usage row and start/done events with its exact figures", async () => {
  const server = scriptedServer([{
    content: VALID,
    usage: { prompt_tokens: 17, completion_tokens: 6 },
  }]);
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }], {}, {
    onEvent: (e) => events.push(e),
  });
  const r = await client.complete(movieRequest(2, "a7"));
  await server.stop();
  assert.ok(r.ok);
  assert.deepEqual(r.usage, { promptTokens: 17, completionTokens: 6 });
  assert.ok(r.latencyMs > 0, "a network call takes time");
  const rows = client.usage.calls().objects() as Record<string, unknown>[];
  assert.equal(rows.length, 1);
  const { costUsd: _cost, ...row } = rows[0];
  assert.deepEqual(row, {
    kind: "chat",
    model: "local",
    agentId: "a7",
    behaviour: "browse",
    key: "ep#0",
    ok: true,
    cached: false,
    attempts: 1,
    retries: 0,
    promptTokens: 17,
    completionTokens: 6,
    latencyMs: r.latencyMs,
  });
  assert.deepEqual(events, [
    { type: "start", kind: "chat", agentId: "a7", behaviour: "browse" },
    {
      type: "done",
      kind: "chat",
      ok: true,
      cached: false,
      key: "ep#0",
      attempts: 1,
      latencyMs: r.latencyMs,
    },
  ]);
  const s = client.stats();
  assert.deepEqual(
    [s.started, s.done, s.ok, s.failed, s.cacheHits, s.promptTokens, s.completionTokens],
    [1, 1, 1, 0, 0, 17, 6],
  );
});

Deno.test("a call without agent or behaviour is booked under empty names", async () => {
  const server = scriptedServer([{ content: VALID }]);
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }]);
  const { meta: _meta, ...bare } = movieRequest(1);
  const r = await client.complete(bare);
  await server.stop();
  assert.ok(r.ok);
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual([row.agentId, row.behaviour], ["", ""]);
});

Deno.test("a failure after repairs books every reply's tokens and the attempts on the failed row", async () => {
  const server = scriptedServer([
    { content: '{"title":""}', usage: { prompt_tokens: 10, completion_tokens: 2 } },
    { content: '{"title":""}', usage: { prompt_tokens: 30, completion_tokens: 3 } },
  ]);
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }], { repairs: 1 }, {
    onEvent: (e) => events.push(e),
  });
  const r = await client.complete(movieRequest(1, "a1"));
  await server.stop();
  assert.equal(r.ok, false);
  assert.deepEqual(r.usage, { promptTokens: 40, completionTokens: 5 });
  assert.equal(r.raw, '{"title":""}');
  assert.deepEqual([r.attempts, r.calls, r.cached], [2, 2, false]);
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual(
    [row.ok, row.cached, row.key, row.attempts, row.promptTokens, row.completionTokens],
    [false, false, "ep#0", 2, 40, 5],
  );
  assert.equal(row.latencyMs, r.latencyMs);
  const done = events.at(-1);
  assert.deepEqual(done, {
    type: "done",
    kind: "chat",
    ok: false,
    cached: false,
    key: "ep#0",
    attempts: 2,
    latencyMs: r.latencyMs,
  });
  const s = client.stats();
  assert.deepEqual([s.done, s.ok, s.failed], [1, 0, 1]);
});

Deno.test("a cache hit is charged nothing, waits for nothing and is booked under key 'cache'", async () => {
  const dir = await Deno.makeTempDir();
  const server = scriptedServer([{
    content: VALID,
    usage: { prompt_tokens: 9, completion_tokens: 4 },
  }]);
  const endpoints = [{ name: "ep", baseUrl: server.url, keys: [KEY] }];
  const first = fastClient(endpoints, { cache: { mode: "record", dir } });
  const live = await first.complete(movieRequest(4, "a2"));
  const events: LlmEvent[] = [];
  const second = fastClient(endpoints, { cache: { mode: "replay", dir } }, {
    onEvent: (e) => events.push(e),
  });
  const hit = await second.complete(movieRequest(4, "a2"));
  await server.stop();
  await Deno.remove(dir, { recursive: true });
  assert.ok(live.ok && hit.ok);
  assert.deepEqual(hit.value, live.value);
  assert.deepEqual(
    [hit.cached, hit.attempts, hit.calls, hit.latencyMs, hit.raw],
    [true, 0, 1, 0, VALID],
  );
  assert.deepEqual(hit.usage, { promptTokens: 9, completionTokens: 4 }, "the recorded usage");
  const { costUsd: _c, ...row } = second.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual(row, {
    kind: "chat",
    model: "local",
    agentId: "a2",
    behaviour: "browse",
    key: "cache",
    ok: true,
    cached: true,
    attempts: 0,
    retries: 0,
    promptTokens: 0,
    completionTokens: 0,
    latencyMs: 0,
  });
  assert.deepEqual(events.at(-1), {
    type: "done",
    kind: "chat",
    ok: true,
    cached: true,
    key: "cache",
    attempts: 0,
    latencyMs: 0,
  });
  const s = second.stats();
  assert.deepEqual([s.done, s.ok, s.failed, s.cacheHits, s.promptTokens], [1, 1, 0, 1, 0]);
});

Deno.test("a recorded failure replays as the same failure, counted as a failed cache hit", async () => {
  const dir = await Deno.makeTempDir();
  const server = scriptedServer([{ content: '{"rating":9}' }]);
  const endpoints = [{ name: "ep", baseUrl: server.url, keys: [KEY] }];
  const first = fastClient(endpoints, { cache: { mode: "record", dir }, repairs: 0 });
  const live = await first.complete(movieRequest(5));
  const second = fastClient(endpoints, { cache: { mode: "replay", dir }, repairs: 0 });
  const again = await second.complete(movieRequest(5));
  await server.stop();
  await Deno.remove(dir, { recursive: true });
  assert.equal(server.bodies.length, 1, "the replay asks nothing");
  assert.ok(!live.ok && !again.ok);
  assert.equal(again.error, live.error);
  assert.match(again.error, /^invalid reply after 0 repair\(s\): /);
  assert.deepEqual([again.cached, again.attempts, again.calls, again.latencyMs], [true, 0, 1, 0]);
  assert.equal(again.raw, '{"rating":9}');
  const row = second.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual([row.ok, row.cached, row.key], [false, true, "cache"]);
  const s = second.stats();
  assert.deepEqual([s.done, s.ok, s.failed, s.cacheHits], [1, 0, 1, 1]);
});
