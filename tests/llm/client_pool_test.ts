// What the client hands its key pool and retry loop, by value: each endpoint's concurrency
// limit as the server sees it, the fetch it is given, and backoff jitter seeded by the
// configuration's seed.
import assert from "node:assert/strict";
import type { LlmEvent } from "@lib/llm/mod.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { fastClient, movieRequest } from "./helpers.ts";
import { scriptedServer } from "./scripted_server.ts";

const KEY = "sk-client-pool-test-6b0d";
const VALID = '{"title":"Heat","rating":4,"mood":"happy","reason":"tense"}';

Deno.test("an endpoint's concurrency is the most requests its key has in flight", async () => {
  for (const concurrency of [1, 3]) {
    const server = await startLocalServer({ keys: [KEY], latencyMs: 30 });
    const client = fastClient([{ baseUrl: server.url, keys: [KEY], concurrency }]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => client.complete(movieRequest(i))),
    );
    const stats = server.stats();
    await server.stop();
    assert.ok(results.every((r) => r.ok));
    const key = Object.values(stats.perKey)[0];
    assert.equal(key.maxInFlight, concurrency);
    assert.equal(client.keys()[0].limit, concurrency);
  }
});

Deno.test("the fetch given in the options carries every request", async () => {
  const server = scriptedServer([{ content: VALID }]);
  const seen: string[] = [];
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {}, {
    fetch: (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
  });
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.ok(r.ok);
  assert.deepEqual(seen, [`${server.url}/chat/completions`]);
});

Deno.test("backoff jitter follows the configuration's seed: the same seed waits the same", async () => {
  const delays = async (seed: number) => {
    const server = scriptedServer([{ status: 500 }, { status: 500 }, { status: 500 }, {
      content: VALID,
    }]);
    const events: LlmEvent[] = [];
    const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
      seed,
      retry: { maxRetries: 5, baseMs: 4, maxMs: 40, budget: 10 },
      cooldown: { afterFailures: 100, ms: 1, maxMs: 1 },
    }, { onEvent: (e) => events.push(e) });
    await client.complete(movieRequest(1));
    await server.stop();
    return events.flatMap((e) => (e.type === "retry" ? [e.delayMs] : []));
  };
  const a = await delays(1), b = await delays(1), c = await delays(2);
  assert.equal(a.length, 3);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("a rate-limited key rests for the server's Retry-After while another key answers", async () => {
  const server = scriptedServer([{ status: 429, headers: { "retry-after": "5" } }, {
    content: VALID,
  }]);
  const client = fastClient([{ name: "e", baseUrl: server.url, keys: [KEY, "sk-other-key-31"] }]);
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.ok(r.ok);
  const [first, second] = client.keys();
  assert.ok(first.restingMs > 3_000 && first.restingMs <= 5_000, `${first.restingMs} ms`);
  assert.deepEqual([first.consecutiveFailures, second.restingMs], [0, 0]);
  assert.equal(r.attempts, 2);
});

Deno.test("once the endpoint is unusable, a pooled request returns at once without sending", async () => {
  const server = scriptedServer([{ status: 500 }]);
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
    maxConsecutiveFailures: 1,
  });
  await client.complete(movieRequest(1)).catch(() => {});
  let sent = 0;
  const r = await client.pooled(10, () => {
    sent++;
    return Promise.resolve({
      ok: true as const,
      value: 1,
      usage: { promptTokens: 0, completionTokens: 0 },
    });
  });
  await server.stop();
  assert.equal(sent, 0);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.kind, "connection");
    assert.match(r.error, /^OPENAI_BASE_URL=.*1 requests in a row failed/);
  }
  assert.deepEqual([r.attempts, r.retries, r.key, r.usage], [0, 0, "", {
    promptTokens: 0,
    completionTokens: 0,
  }]);
});

Deno.test("a pooled request whose every key is refused says so, as a refusal", async () => {
  const client = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }]);
  let sent = 0;
  const r = await client.pooled(10, () => {
    sent++;
    return Promise.resolve({ ok: false as const, kind: "rejected" as const, message: "HTTP 401" });
  });
  assert.equal(sent, 1);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.kind, "rejected");
    assert.equal(r.error, "no usable API key: every key was rejected by its server (401/403)");
  }
  assert.deepEqual([r.attempts, r.retries, r.key], [1, 1, "127.0.0.1:9#0"]);
});
