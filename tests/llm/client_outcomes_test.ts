// Outcomes of a call that the other client tests leave loose, by value: the replay-miss
// message, latency against the wall clock, an unexpected failure inside the client, what the
// key pool is told about each kind of failure, and no retry after the stop.
import assert from "node:assert/strict";
import type { LlmEvent } from "@lib/llm/mod.ts";
import { LlmUnreachableError } from "@lib/llm/llm_error.ts";
import { fastClient, movieRequest } from "./helpers.ts";
import { scriptedServer } from "./scripted_server.ts";

const KEY = "sk-client-outcomes-test-19e4";
const VALID = '{"title":"Heat","rating":4,"mood":"happy","reason":"tense"}';

Deno.test("a replay miss names the call, its seed and key prefix, and books no key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const client = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }], {
      cache: { mode: "replay", dir },
    });
    const r = await client.complete(movieRequest(7, "agent-42"));
    assert.equal(r.ok, false);
    const file = client.cache()!.file;
    if (!r.ok) {
      assert.match(
        r.error,
        new RegExp(
          `^replay cache miss for "movie_choice" \\(agent agent-42, behaviour search, seed r1:agent-42:7, key [0-9a-f]{12}\\) in ${
            file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
          }$`,
        ),
      );
    }
    const { meta: _m, ...bare } = movieRequest(8);
    const r2 = await client.complete(bare);
    if (!r2.ok) assert.match(r2.error, /\(agent -, behaviour -, seed -, key [0-9a-f]{12}\)/);
    const row = client.usage.calls().objects()[0] as Record<string, unknown>;
    assert.deepEqual([row.key, row.attempts, row.ok, row.cached], ["", 0, false, false]);
    assert.deepEqual([r.attempts, r.calls], [0, 0]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("latency is the call's own wall time, no more", async () => {
  const server = scriptedServer([{ content: VALID }]);
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }]);
  await client.complete(movieRequest(0)); // warm the connection
  const t0 = performance.now();
  const r = await client.complete(movieRequest(1));
  const wall = performance.now() - t0;
  await server.stop();
  assert.ok(r.ok);
  assert.ok(r.latencyMs > 0 && r.latencyMs <= wall, `${r.latencyMs} ms of ${wall} ms`);
});

Deno.test("a failure inside the client becomes an 'unexpected error' result, not an exception", async () => {
  const dir = await Deno.makeTempDir();
  const server = scriptedServer([{ content: VALID }]);
  try {
    // The cache folder is a file: recording the reply fails.
    await Deno.writeTextFile(`${dir}/cache`, "not a folder");
    const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
      cache: { mode: "record", dir: `${dir}/cache` },
    });
    const r = await client.complete(movieRequest(1));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /^unexpected error: /);
    assert.equal(r.cached, false);
    assert.deepEqual([client.stats().failed, client.stats().done], [1, 1]);
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the key pool hears a 400 as neutral, a 500 as the key's failure, a 401 as a dead key", async () => {
  const bad = scriptedServer([{ status: 400 }]);
  const c400 = fastClient([{ baseUrl: bad.url, keys: [KEY] }]);
  await c400.complete(movieRequest(1));
  await bad.stop();
  assert.deepEqual(
    c400.keys().map((k) => [k.consecutiveFailures, k.disabled, k.calls]),
    [[0, false, 1]],
  );
  const flaky = scriptedServer([{ status: 500 }, { content: VALID }]);
  const c500 = fastClient([{ baseUrl: flaky.url, keys: [KEY] }], {
    retry: { maxRetries: 0, baseMs: 1, maxMs: 1, budget: 5 },
  });
  const failed = await c500.complete(movieRequest(1));
  assert.equal(failed.ok, false);
  assert.equal(c500.keys()[0].consecutiveFailures, 1);
  assert.ok((await c500.complete(movieRequest(2))).ok);
  assert.equal(c500.keys()[0].consecutiveFailures, 0, "a success clears the count");
  await flaky.stop();
  const refused = scriptedServer([{ status: 401 }, { content: VALID }]);
  const c401 = fastClient([{ baseUrl: refused.url, keys: [KEY, "sk-second-key-77"] }]);
  const r = await c401.complete(movieRequest(1));
  await refused.stop();
  assert.ok(r.ok, "the other key answered");
  assert.deepEqual(c401.keys().map((k) => k.disabled), [true, false]);
});

Deno.test("after the stop no retry is scheduled: the failure that stops is the last attempt", async () => {
  const server = scriptedServer([{ status: 500 }]);
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "s", baseUrl: server.url, keys: [KEY] }], {
    maxConsecutiveFailures: 3,
    retry: { maxRetries: 10, baseMs: 1, maxMs: 1, budget: 100 },
  }, { onEvent: (e) => events.push(e) });
  await assert.rejects(() => client.complete(movieRequest(1)), LlmUnreachableError);
  await server.stop();
  assert.equal(server.bodies.length, 3);
  assert.equal(events.filter((e) => e.type === "retry").length, 2);
  const s = client.stats();
  assert.deepEqual([s.retries, s.retryBudgetLeft], [2, 98]);
});

Deno.test("a key refused with retries used up is not recorded for replay, though the call fails", async () => {
  const dir = await Deno.makeTempDir();
  const server = scriptedServer([{ status: 401 }, { content: VALID }]);
  try {
    const client = fastClient([{ baseUrl: server.url, keys: [KEY, "sk-spare-key-5f"] }], {
      cache: { mode: "record", dir },
      retry: { maxRetries: 0, baseMs: 1, maxMs: 1, budget: 5 },
    });
    const r = await client.complete(movieRequest(1));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error, /^rejected: HTTP 401: .*\(after 0 retries\)$/);
    await assert.rejects(() => Deno.stat(client.cache()!.file), Deno.errors.NotFound);
    const again = await client.complete(movieRequest(1));
    assert.ok(again.ok, "the spare key answers the same call later");
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cache entries are chat entries; one recorded without a call count replays as one call", async () => {
  const dir = await Deno.makeTempDir();
  const server = scriptedServer([{ content: VALID }, { content: '{"x":1}' }]);
  try {
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    const rec = fastClient(endpoints, { cache: { mode: "record", dir }, repairs: 0 });
    assert.ok((await rec.complete(movieRequest(1))).ok);
    assert.equal((await rec.complete(movieRequest(2))).ok, false);
    const file = rec.cache()!.file;
    const lines = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((e) => [e.kind, e.calls]), [["chat", 1], ["chat", 1]]);
    // An entry written before call counts were recorded.
    await Deno.writeTextFile(
      file,
      lines.map(({ calls: _c, ...e }) => JSON.stringify(e)).join("\n") + "\n",
    );
    const replay = fastClient(endpoints, { cache: { mode: "replay", dir }, repairs: 0 });
    const ok = await replay.complete(movieRequest(1));
    const bad = await replay.complete(movieRequest(2));
    assert.deepEqual([ok.ok, ok.cached, ok.calls], [true, true, 1]);
    assert.deepEqual([bad.ok, bad.cached, bad.calls], [false, true, 1]);
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("with no cache mode in the configuration or the environment, the cache is off", () => {
  const before = Deno.env.get("SOCIUS_LLM_CACHE");
  Deno.env.delete("SOCIUS_LLM_CACHE");
  try {
    const client = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }], { cache: {} });
    assert.equal(client.cacheMode, "off");
    assert.equal(client.cache(), null);
  } finally {
    if (before !== undefined) Deno.env.set("SOCIUS_LLM_CACHE", before);
  }
});
