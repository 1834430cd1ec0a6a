// The client's retry and repair paths checked by their exact counts, messages and events.
import assert from "node:assert/strict";
import { type LlmEvent, startLocalServer } from "@lib/llm/mod.ts";
import { fastClient, movieRequest } from "./helpers.ts";

const KEY = "sk-retry-repair-test-3b7c";

Deno.test("server errors are retried exactly maxRetries times, then reported with the count", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { serverError: 1 } });
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "s", baseUrl: server.url, keys: [KEY] }], {
    retry: { maxRetries: 2, baseMs: 1, maxMs: 2, budget: 100 },
    cooldown: { afterFailures: 100, ms: 1, maxMs: 1 },
  }, { onEvent: (e) => events.push(e) });
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error, /^server: HTTP 500: .*\(after 2 retries\)$/);
  assert.equal(r.attempts, 3);
  assert.equal(r.calls, 1);
  assert.equal(server.stats().requests, 3);
  const s = client.stats();
  assert.deepEqual(
    [s.started, s.done, s.ok, s.failed, s.retries, s.retryBudgetLeft, s.cacheHits],
    [1, 1, 0, 1, 2, 98, 0],
  );
  const retries = events.filter((e) => e.type === "retry");
  assert.equal(retries.length, 2);
  assert.ok(retries.every((e) => e.type === "retry" && e.reason === "server" && e.key === "s#0"));
  const done = events.find((e) => e.type === "done");
  assert.deepEqual(
    done && done.type === "done" && [done.ok, done.cached, done.attempts, done.key],
    [false, false, 3, "s#0"],
  );
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual([row.ok, row.attempts, row.retries, row.key], [false, 3, 2, "s#0"]);
});

Deno.test("the run's retry budget caps retries across calls and is named when it runs out", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { serverError: 1 } });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
    retry: { maxRetries: 5, baseMs: 1, maxMs: 2, budget: 1 },
    cooldown: { afterFailures: 100, ms: 1, maxMs: 1 },
  });
  const first = await client.complete(movieRequest(1));
  const second = await client.complete(movieRequest(2));
  await server.stop();
  assert.equal(first.attempts, 2);
  assert.equal(second.attempts, 1);
  if (!second.ok) assert.match(second.error, /\(retry budget of the run exhausted\)$/);
  assert.equal(client.stats().retryBudgetLeft, 0);
  assert.equal(client.stats().retries, 1);
});

Deno.test("an invalid reply is repaired up to `repairs` times; each repair is a call", async () => {
  for (const repairs of [0, 1, 2]) {
    const server = await startLocalServer({ keys: [KEY], faults: { wrongSchema: 1 } });
    const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], { repairs });
    const r = await client.complete(movieRequest(1));
    await server.stop();
    assert.equal(r.ok, false);
    assert.equal(r.calls, repairs + 1);
    assert.equal(r.attempts, repairs + 1);
    assert.equal(server.stats().chat, repairs + 1);
    if (!r.ok) assert.match(r.error, new RegExp(`^invalid reply after ${repairs} repair\\(s\\): `));
    assert.ok(r.usage.promptTokens > 0, "the tokens of every reply are counted");
    assert.equal(client.stats().failed, 1);
  }
});

Deno.test("a success reports its tokens, one call, and the key that answered", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }]);
  const r = await client.complete(movieRequest(3));
  await server.stop();
  assert.ok(r.ok);
  assert.deepEqual([r.calls, r.attempts, r.cached], [1, 1, false]);
  const s = client.stats();
  assert.equal(s.promptTokens, r.usage.promptTokens);
  assert.equal(s.completionTokens, r.usage.completionTokens);
  assert.ok(r.usage.completionTokens > 0);
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual([row.ok, row.key, row.agentId, row.behaviour], [true, "ep#0", "a0", "search"]);
});

Deno.test("endpoints on one host get distinct names, and each model has its own cache", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius_client_names_" });
  const client = fastClient([
    { baseUrl: "http://127.0.0.1:9/v1", keys: ["key-one-aaaa", "key-two-bbbb"] },
    { baseUrl: "http://127.0.0.1:9/v2", keys: ["key-three-cccc"] },
  ], { cache: { mode: "auto", dir } });
  assert.deepEqual(client.keys().map((k) => k.label), [
    "127.0.0.1:9#0",
    "127.0.0.1:9#1",
    "127.0.0.1:9-1#0",
  ]);
  assert.equal(client.cache(), client.cache("local"));
  assert.notEqual(client.cache("other"), client.cache());
  assert.equal(client.cache("other")!.file, `${dir}/other.jsonl`);
  assert.equal(
    fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: ["key-one-aaaa"] }]).cache(),
    null,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a cached reply that no longer validates is asked again, not returned", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius_client_stale_" });
  const server = await startLocalServer({ keys: [KEY] });
  try {
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    const recorder = fastClient(endpoints, { cache: { mode: "record", dir } });
    assert.ok((await recorder.complete(movieRequest(4))).ok);
    const file = recorder.cache()!.file;
    const entry = JSON.parse((await Deno.readTextFile(file)).trim());
    await Deno.writeTextFile(file, JSON.stringify({ ...entry, raw: '{"title": ""}' }) + "\n");
    const auto = fastClient(endpoints, { cache: { mode: "auto", dir } });
    const r = await auto.complete(movieRequest(4));
    assert.ok(r.ok);
    assert.equal(r.cached, false);
    assert.equal(server.stats().chat, 2);
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a server failure is recorded and replayed as the same failure; a refused connection is not recorded", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius_client_failed_" });
  const server = await startLocalServer({ keys: [KEY], faults: { serverError: 1 } });
  try {
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    const retry = { maxRetries: 0, baseMs: 1, maxMs: 1, budget: 10 };
    const r = await fastClient(endpoints, { retry, cache: { mode: "auto", dir } })
      .complete(movieRequest(7));
    assert.equal(r.ok, false);
    const replay = await fastClient(endpoints, { retry, cache: { mode: "replay", dir } })
      .complete(movieRequest(7));
    assert.equal(replay.cached, true);
    assert.deepEqual(
      [replay.ok, !replay.ok && replay.error, replay.calls],
      [false, !r.ok && r.error, 1],
    );
    await server.stop();
    const gone = fastClient(endpoints, { retry, cache: { mode: "auto", dir } });
    assert.equal((await gone.complete(movieRequest(8))).ok, false);
    const miss = await fastClient(endpoints, { retry, cache: { mode: "replay", dir } })
      .complete(movieRequest(8));
    assert.ok(
      !miss.ok && /replay cache miss/.test(miss.error),
      "a refused connection was recorded",
    );
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
