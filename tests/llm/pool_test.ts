import assert from "node:assert/strict";
import { KeyPool, startLocalServer } from "@lib/llm/mod.ts";
import { fastClient, movieRequest } from "./helpers.ts";

Deno.test("requests spread over every key of every endpoint, never above a key's concurrency", async () => {
  const a = await startLocalServer({
    keys: [{ key: "sk-pool-a-000001", label: "a1" }, { key: "sk-pool-a-000002", label: "a2" }],
    latencyMs: { min: 5, max: 15 },
    concurrencyPerKey: 2,
  });
  const b = await startLocalServer({
    keys: [{ key: "sk-pool-b-000001", label: "b1" }],
    latencyMs: { min: 5, max: 15 },
    concurrencyPerKey: 3,
  });
  const client = fastClient([
    { name: "a", baseUrl: a.url, keys: ["sk-pool-a-000001", "sk-pool-a-000002"], concurrency: 2 },
    { name: "b", baseUrl: b.url, keys: ["sk-pool-b-000001"], concurrency: 3 },
  ]);
  let maxClientInFlight = 0;
  const calls = Array.from({ length: 40 }, async (_, i) => {
    const r = await client.complete(movieRequest(i));
    maxClientInFlight = Math.max(maxClientInFlight, client.stats().inFlight);
    return r;
  });
  const results = await Promise.all(calls);
  await a.stop();
  await b.stop();
  assert.ok(results.every((r) => r.ok));
  const sa = a.stats(), sb = b.stats();
  assert.equal(sa.concurrency429 + sb.concurrency429, 0, "no key was ever over its limit");
  assert.ok(sa.perKey.a1.maxInFlight <= 2 && sa.perKey.a2.maxInFlight <= 2);
  assert.ok(sb.perKey.b1.maxInFlight <= 3);
  for (const n of [sa.perKey.a1.requests, sa.perKey.a2.requests, sb.perKey.b1.requests]) {
    assert.ok(n > 0);
  }
  assert.equal(sa.requests + sb.requests, 40);
  assert.ok(maxClientInFlight <= 7);
  assert.equal(client.stats().inFlight, 0);
});

Deno.test("the pool hands out the least-loaded key first", async () => {
  const pool = new KeyPool([
    { label: "x#0", endpoint: "x", limit: 4, payload: 0 },
    { label: "y#0", endpoint: "y", limit: 2, payload: 1 },
  ], { afterFailures: 3, ms: 10, maxMs: 10 });
  const leases = await Promise.all(Array.from({ length: 6 }, () => pool.acquire(1)));
  const byKey = leases.reduce<Record<string, number>>(
    (m, l) => ({ ...m, [l!.label]: (m[l!.label] ?? 0) + 1 }),
    {},
  );
  assert.deepEqual(byKey, { "x#0": 4, "y#0": 2 });
  const waiting = pool.acquire(1);
  await Promise.resolve();
  assert.equal(pool.queued, 1, "a seventh request waits for a free slot");
  leases[5]!.release({ kind: "ok" });
  const seventh = await waiting;
  assert.equal(seventh!.label, leases[5]!.label);
  for (const l of [...leases.slice(0, 5), seventh]) l!.release({ kind: "ok" });
});

Deno.test("a requests-per-minute limit holds a request back until its window frees", async () => {
  const pool = new KeyPool(
    [{ label: "r#0", endpoint: "r", limit: 10, rpm: 2, payload: 0 }],
    { afterFailures: 3, ms: 10, maxMs: 10 },
    performance.now.bind(performance),
    40,
  );
  const first = await pool.acquire(1);
  const second = await pool.acquire(1);
  const third = pool.acquire(1);
  await Promise.resolve();
  assert.equal(pool.queued, 1);
  first!.release({ kind: "ok" });
  second!.release({ kind: "ok" });
  assert.equal(pool.queued, 1, "releasing does not lift a rate limit");
  (await third)!.release({ kind: "ok" });
  assert.equal(pool.queued, 0);
});

Deno.test("when every key is rejected, waiting requests get null instead of hanging", async () => {
  const pool = new KeyPool([{ label: "z#0", endpoint: "z", limit: 1, payload: 0 }], {
    afterFailures: 3,
    ms: 10,
    maxMs: 10,
  });
  const lease = await pool.acquire(1);
  const waiting = pool.acquire(1);
  lease!.release({ kind: "rejected" });
  assert.equal(await waiting, null);
});
