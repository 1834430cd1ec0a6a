// Repair, retries and the stop by value, over a real HTTP server that answers from a script:
// what a repair round sends, which waits a retry takes, what is recorded and what is not.
import assert from "node:assert/strict";
import type { LlmEvent } from "@lib/llm/mod.ts";
import { LlmUnreachableError } from "@lib/llm/llm_error.ts";
import { RecordCache } from "@lib/llm/record_cache.ts";
import { fastClient, movieRequest } from "./helpers.ts";
import { scriptedServer } from "./scripted_server.ts";

const KEY = "sk-client-repair-test-2f90";
const VALID = '{"title":"Heat","rating":4,"mood":"happy","reason":"tense"}';
type Body = {
  messages: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
};

Deno.test("each repair resends the original messages with the last bad reply and its error", async () => {
  const server = scriptedServer([
    { content: '{"title":"A"}' },
    { content: '{"title":"B"}' },
    { content: VALID },
  ]);
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], { repairs: 2 });
  const request = movieRequest(1);
  const r = await client.complete(request);
  await server.stop();
  assert.ok(r.ok);
  assert.deepEqual([r.calls, r.attempts], [3, 3]);
  const bodies = server.bodies as unknown as Body[];
  assert.deepEqual(bodies[0].messages, request.messages);
  for (const [i, bad] of [[1, '{"title":"A"}'], [2, '{"title":"B"}']] as const) {
    const m = bodies[i].messages;
    assert.equal(m.length, request.messages.length + 2, "not a growing chain");
    assert.deepEqual(m.slice(0, request.messages.length), request.messages);
    assert.deepEqual(m[request.messages.length], { role: "assistant", content: bad });
    assert.equal(m.at(-1)!.role, "user");
    assert.match(m.at(-1)!.content, /^Your reply was not valid: .*rating/s);
  }
});

Deno.test("temperature and token limit come from the call, else from the configuration", async () => {
  const server = scriptedServer([{ content: VALID }]);
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
    temperature: 0.3,
    maxTokens: 77,
  });
  await client.complete(movieRequest(1));
  await client.complete({ ...movieRequest(2), temperature: 0.9, maxTokens: 12 });
  await server.stop();
  const bodies = server.bodies as unknown as Body[];
  assert.deepEqual([bodies[0].temperature, bodies[0].max_tokens], [0.3, 77]);
  assert.deepEqual([bodies[1].temperature, bodies[1].max_tokens], [0.9, 12]);
});

Deno.test("a 503's Retry-After is waited out; a 429's is left to the key's rest, not added", async () => {
  const server = scriptedServer([
    { status: 503, headers: { "retry-after": "0.25" } },
    { status: 429, headers: { "retry-after": "5" } },
    { content: VALID },
  ]);
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "s", baseUrl: server.url, keys: [KEY, "sk-second-key-8e"] }], {
    retry: { maxRetries: 4, baseMs: 1, maxMs: 4, budget: 10 },
  }, { onEvent: (e) => events.push(e) });
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual([r.attempts, client.stats().retries, client.stats().retryBudgetLeft], [3, 2, 8]);
  const retries = events.filter((e) => e.type === "retry");
  assert.equal(retries.length, 2);
  const [first, second] = retries;
  assert.ok(first.type === "retry" && second.type === "retry");
  assert.equal(first.reason, "server");
  assert.equal(first.delayMs, 250, "the server's wait, longer than any backoff here");
  assert.match(first.message, /^HTTP 503: /);
  assert.equal(second.reason, "rate-limit");
  assert.ok(second.delayMs <= 4, `backoff only, found ${second.delayMs} ms`);
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual([row.attempts, row.retries], [3, 2]);
});

Deno.test("a request the server refuses as malformed (400) is not retried", async () => {
  const server = scriptedServer([{ status: 400 }, { content: VALID }]);
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }]);
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error, "client: HTTP 400: 400 scripted 400", "no retry count: none was due");
  }
  assert.deepEqual(r.usage, { promptTokens: 0, completionTokens: 0 }, "a refusal bills nothing");
  assert.equal(server.bodies.length, 1);
  assert.equal(client.stats().retries, 0);
});

Deno.test("failures are recorded for replay, but a refused key or an unreachable host is not", async () => {
  const dir = await Deno.makeTempDir();
  const bad = scriptedServer([{ status: 400 }]);
  const refused = scriptedServer([{ status: 401 }]);
  try {
    const c400 = fastClient([{ baseUrl: bad.url, keys: [KEY] }], {
      cache: { mode: "record", dir },
    });
    const r400 = await c400.complete(movieRequest(1));
    const c401 = fastClient([{ baseUrl: refused.url, keys: [KEY] }], {
      cache: { mode: "record", dir },
    });
    // Every key refused: the endpoint is unusable and the call throws.
    await assert.rejects(() => c401.complete(movieRequest(2)), LlmUnreachableError);
    const dead = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }], {
      cache: { mode: "record", dir },
      retry: { maxRetries: 0, baseMs: 1, maxMs: 1, budget: 0 },
    });
    const rDead = await dead.complete(movieRequest(3));
    assert.ok(!r400.ok && !rDead.ok);
    if (!rDead.ok) assert.match(rDead.error, /^connection: /);
    const file = new RecordCache(dir, "local", "replay").file;
    const entries = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(entries.length, 1, "only the 400");
    assert.equal(entries[0].error, r400.error);
    assert.deepEqual(
      [entries[0].schemaName, entries[0].agentId, entries[0].behaviour, entries[0].calls],
      ["movie_choice", "a1", "search", 1],
    );
  } finally {
    await bad.stop();
    await refused.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("once the endpoint is taken as unusable, every later call throws before asking", async () => {
  const server = scriptedServer([{ status: 500 }]);
  const client = fastClient([{ name: "s", baseUrl: server.url, keys: [KEY] }], {
    maxConsecutiveFailures: 3,
    retry: { maxRetries: 10, baseMs: 1, maxMs: 1, budget: 100 },
  });
  await assert.rejects(() => client.complete(movieRequest(1)), LlmUnreachableError);
  const asked = server.bodies.length;
  assert.equal(asked, 3, "stops at the third failure in a row");
  await assert.rejects(() => client.complete(movieRequest(2)), (e: unknown) => {
    assert.ok(e instanceof LlmUnreachableError);
    assert.match(e.message, /3 requests in a row failed .*last: server: HTTP 500/);
    return true;
  });
  await server.stop();
  assert.equal(server.bodies.length, asked);
  const s = client.stats();
  assert.deepEqual([s.started, s.done, s.failed], [1, 1, 1], "the second call never started");
});
