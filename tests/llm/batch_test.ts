import assert from "node:assert/strict";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { eventLine } from "@lib/sim/events.ts";
import { fastClient, movieRequest } from "./helpers.ts";

const KEY = "sk-batch-test-91ab";

Deno.test("a round's requests go out as one Batch API file and come back validated", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {}, {
    batch: { windowMs: 20, pollMs: 5 },
  });
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => client.complete(movieRequest(i))),
  );
  const stats = server.stats();
  await server.stop();
  assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
  assert.equal(client.batchesSent, 1);
  assert.equal(stats.chat, 12, "every request answered inside the batch");
  assert.ok(stats.batchRequests >= 3, "upload, create and at least one poll");
  assert.equal(stats.requests, stats.batchRequests, "no request went to /chat/completions");
});

Deno.test("a batch reply that fails validation is repaired online, and batches share the cache", async () => {
  let calls = 0;
  const server = await startLocalServer({
    keys: [KEY],
    responder: () =>
      ++calls <= 3
        ? "not json at all"
        : JSON.stringify({ title: "Heat", rating: 4, mood: "happy", reason: "x" }),
  });
  const dir = await Deno.makeTempDir();
  try {
    const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
      cache: { mode: "record", dir },
    }, {
      batch: { windowMs: 20, pollMs: 5 },
    });
    const results = await Promise.all(
      Array.from({ length: 3 }, (_, i) => client.complete(movieRequest(i))),
    );
    assert.ok(results.every((r) => r.ok));
    assert.ok(
      results.every((r) => r.attempts === 2),
      "one batch attempt and one online repair each",
    );
    const requests = server.stats().requests;
    const replay = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
      cache: { mode: "replay", dir },
    }, {
      batch: { windowMs: 20, pollMs: 5 },
    });
    const again = await Promise.all(
      Array.from({ length: 3 }, (_, i) => replay.complete(movieRequest(i))),
    );
    assert.deepEqual(again.map((r) => r.ok && r.value), results.map((r) => r.ok && r.value));
    assert.equal(server.stats().requests, requests, "replay sends neither batches nor requests");
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a simulation run through batches logs the same events as one run online", async () => {
  const scenario = {
    rounds: 2,
    agents: { source: "csv" as const, count: 5 },
    activity: { alpha: 1.5, xMin: 1, rate: 1 },
    brain: { kind: "llm" as const },
  };
  const server = await startLocalServer({ keys: [KEY] });
  try {
    const online = await createSimulation(scenario, {
      llm: fastClient([{ baseUrl: server.url, keys: [KEY] }]),
    });
    await online.run();
    const batchClient = fastClient([{ baseUrl: server.url, keys: [KEY] }], {}, {
      batch: { windowMs: 15, pollMs: 5 },
    });
    const batched = await createSimulation(scenario, { llm: batchClient });
    await batched.run();
    assert.ok(batchClient.batchesSent >= 2);
    assert.equal(
      batched.log.events.map(eventLine).join("\n"),
      online.log.events.map(eventLine).join("\n"),
    );
  } finally {
    await server.stop();
  }
});
