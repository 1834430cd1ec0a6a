import assert from "node:assert/strict";
import { startLocalServer } from "@lib/llm/mod.ts";
import { fastClient, MovieChoice, movieRequest } from "./helpers.ts";

const KEY = "sk-faults-test-000001";

Deno.test("a 429 with Retry-After is honoured: the key is not retried before the wait is over", async () => {
  const server = await startLocalServer({
    keys: [KEY],
    faults: { rateLimit: 0.4 },
    retryAfterSeconds: 0.03,
    seed: 1,
  });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY], concurrency: 1 }]);
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  const stats = server.stats();
  assert.ok(results.every((r) => r.ok), "every call ends with a value");
  assert.ok(stats.faults.rateLimit > 0, "the server did send 429s");
  assert.equal(stats.perKey.key0.retryAfterViolations, 0);
  assert.equal(client.stats().retries, stats.faults.rateLimit);
});

Deno.test("500s are retried until a reply comes", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { serverError: 0.5 }, seed: 2 });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY], concurrency: 4 }]);
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  assert.ok(results.every((r) => r.ok));
  assert.ok(server.stats().faults.serverError > 0);
  assert.equal(client.usage.totals().retries, server.stats().faults.serverError);
});

Deno.test("a hung request times out and is retried", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { hang: 0.3 }, seed: 3 });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY], concurrency: 4 }], {
    requestTimeoutMs: 150,
  });
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  assert.ok(results.every((r) => r.ok));
  assert.ok(server.stats().faults.hang > 0);
  assert.ok(client.stats().retries >= server.stats().faults.hang);
});

Deno.test("a truncated HTTP body is retried", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { truncated: 0.4 }, seed: 4 });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }]);
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  assert.ok(results.every((r) => r.ok));
  assert.ok(server.stats().faults.truncated > 0);
});

Deno.test("malformed JSON content is repaired by asking again with the error", async () => {
  const seen: string[] = [];
  const server = await startLocalServer({
    keys: [KEY],
    faults: { malformed: 0.5 },
    seed: 5,
    responder: (req) => {
      seen.push(req.messages.at(-1)!.content);
      return JSON.stringify({ title: "Alien", rating: 4, mood: "curious", reason: "space" });
    },
  });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], { repairs: 3 });
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  assert.ok(results.every((r) => r.ok));
  assert.ok(results.some((r) => r.attempts > 1), "some replies needed a repair");
  assert.ok(
    seen.some((m) => m.startsWith("Your reply was not valid")),
    "the repair names the problem",
  );
});

Deno.test("replies that stay malformed are recorded as failures, not exceptions", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { malformed: 1 } });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], { repairs: 1 });
  const results = await Promise.all(
    Array.from({ length: 4 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  for (const r of results) {
    assert.equal(r.ok, false);
    assert.equal(r.attempts, 2);
    if (!r.ok) assert.match(r.error, /invalid reply after 1 repair/);
    assert.equal(typeof r.raw, "string");
  }
  assert.equal(client.usage.totals().failures, 4);
});

Deno.test("wrong-schema replies are repaired or recorded as failures", async () => {
  const server = await startLocalServer({ keys: [KEY], faults: { wrongSchema: 0.5 }, seed: 6 });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], { repairs: 1 });
  const results = await Promise.all(
    Array.from({ length: 16 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  assert.ok(server.stats().faults.wrongSchema > 0);
  for (const r of results) {
    if (r.ok) assert.ok(MovieChoice.safeParse(r.value).success);
    else assert.match(r.error, /invalid reply/);
  }
  assert.ok(results.some((r) => r.ok && r.attempts === 2), "a wrong shape was repaired");
});

Deno.test("an unreachable server gives failures within the run's retry budget", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const url = server.url;
  await server.stop();
  const client = fastClient([{ baseUrl: url, keys: [KEY] }], {
    retry: { maxRetries: 5, baseMs: 1, maxMs: 2, budget: 3 },
    cooldown: { afterFailures: 100, ms: 1, maxMs: 1 },
  });
  const results = await Promise.all(
    Array.from({ length: 3 }, (_, i) => client.complete(movieRequest(i))),
  );
  assert.ok(results.every((r) => !r.ok));
  assert.equal(client.stats().retryBudgetLeft, 0);
  assert.equal(client.stats().retries, 3);
});

Deno.test("a key that keeps failing rests while a healthy endpoint takes the load", async () => {
  const broken = await startLocalServer({ keys: [KEY], faults: { serverError: 1 } });
  const healthy = await startLocalServer({ keys: ["sk-faults-test-healthy"] });
  const client = fastClient([
    { name: "broken", baseUrl: broken.url, keys: [KEY], concurrency: 1 },
    { name: "healthy", baseUrl: healthy.url, keys: ["sk-faults-test-healthy"], concurrency: 1 },
  ], { cooldown: { afterFailures: 2, ms: 60_000, maxMs: 60_000 } });
  const results = [];
  for (let i = 0; i < 12; i++) results.push(await client.complete(movieRequest(i)));
  await broken.stop();
  await healthy.stop();
  assert.ok(results.every((r) => r.ok));
  assert.equal(broken.stats().requests, 2, "the broken key is rested after 2 failures");
  assert.ok(client.keys().find((k) => k.label === "broken#0")!.restingMs > 0);
});

Deno.test("a key the server rejects (401) is disabled and the other key carries on", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{
    baseUrl: server.url,
    keys: ["sk-faults-test-revoked", KEY],
    concurrency: 1,
  }]);
  const results = [];
  for (let i = 0; i < 6; i++) results.push(await client.complete(movieRequest(i)));
  await server.stop();
  assert.ok(results.every((r) => r.ok));
  assert.equal(server.stats().unauthorized, 1);
  assert.deepEqual(client.keys().map((k) => k.disabled), [true, false]);
});
