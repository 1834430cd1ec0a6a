// The Batch API path by value: which key a batched reply is booked under, that only first
// attempts go into a batch, and that a batch that cannot answer hands the call to the
// online path with one "batch" retry event.
import assert from "node:assert/strict";
import type { LlmEvent } from "@lib/llm/mod.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { BatchFirst } from "@lib/llm/client_batch.ts";
import { makeSdkClient } from "@lib/llm/transport.ts";
import { fastClient, movieRequest } from "./helpers.ts";
import { scriptedServer } from "./scripted_server.ts";

const KEY = "sk-client-batch-test-77c2";
const VALID = '{"title":"Heat","rating":4,"mood":"happy","reason":"tense"}';

Deno.test("a batched reply is one attempt booked under key 'batch' with the batch's tokens", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }], {}, {
    batch: { windowMs: 20, pollMs: 5 },
    onEvent: (e) => events.push(e),
  });
  assert.equal(client.batchesSent, 0);
  const [a, b] = await Promise.all([
    client.complete(movieRequest(1)),
    client.complete(movieRequest(2)),
  ]);
  const stats = server.stats();
  await server.stop();
  assert.ok(a.ok && b.ok);
  assert.equal(client.batchesSent, 1);
  assert.equal(stats.chat, 2);
  for (const r of [a, b]) {
    assert.deepEqual([r.attempts, r.calls, r.cached], [1, 1, false]);
    assert.ok(r.usage.promptTokens > 0 && r.usage.completionTokens > 0);
  }
  const rows = client.usage.calls().objects() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.key, r.attempts, r.retries, r.ok]), [
    ["batch", 1, 0, true],
    ["batch", 1, 0, true],
  ]);
  assert.equal(
    rows.reduce((s, r) => s + Number(r.promptTokens), 0),
    a.usage.promptTokens + b.usage.promptTokens,
  );
  assert.equal(events.filter((e) => e.type === "retry").length, 0);
  // The pool never lent a key: the tokens of batched replies are the batch's, not a key's.
  assert.deepEqual(client.keys().map((k) => k.calls), [0]);
});

Deno.test("a batch that cannot answer reports one 'batch' retry and the call goes online", async () => {
  // This server knows no files or batches endpoints: the upload's reply is not a file.
  const server = scriptedServer([{
    content: VALID,
    usage: { prompt_tokens: 8, completion_tokens: 3 },
  }]);
  const events: LlmEvent[] = [];
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }], {}, {
    batch: { windowMs: 5, pollMs: 5, timeoutMs: 300 },
    onEvent: (e) => events.push(e),
  });
  const r = await client.complete(movieRequest(3));
  await server.stop();
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.usage, { promptTokens: 8, completionTokens: 3 });
  assert.equal(r.attempts, 1, "the failed batch is not an attempt of this call");
  const retries = events.filter((e) => e.type === "retry");
  assert.equal(retries.length, 1);
  const retry = retries[0];
  assert.ok(retry.type === "retry");
  assert.deepEqual([retry.key, retry.delayMs], ["batch", 0]);
  assert.ok(retry.message.length > 0, "the reason is reported");
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.deepEqual([row.key, row.attempts, row.ok], ["ep#0", 1, true]);
  const chats = server.bodies.filter((b) => Array.isArray(b.messages));
  assert.equal(chats.length, 1, "one online request");
});

Deno.test("repairs never go into a batch: the second round is asked online", async () => {
  let calls = 0;
  const server = await startLocalServer({
    keys: [KEY],
    responder: () => ++calls === 1 ? '{"title":""}' : VALID,
  });
  const client = fastClient([{ name: "ep", baseUrl: server.url, keys: [KEY] }], { repairs: 2 }, {
    batch: { windowMs: 10, pollMs: 5 },
  });
  const r = await client.complete(movieRequest(4));
  const stats = server.stats();
  await server.stop();
  assert.ok(r.ok);
  assert.deepEqual([r.calls, r.attempts], [2, 2]);
  assert.equal(client.batchesSent, 1);
  assert.equal(stats.chat, 2);
  assert.equal(stats.requests - stats.batchRequests, 1, "exactly one online request");
  const row = client.usage.calls().objects()[0] as Record<string, unknown>;
  assert.equal(row.key, "ep#0", "the last attempt's key");
});

Deno.test("BatchFirst alone: no options, no batching; a failed batch without a listener is just null", async () => {
  const server = scriptedServer([{ content: VALID }]);
  try {
    const slot = {
      sdk: makeSdkClient(server.url, KEY, 2_000),
      baseUrl: server.url,
      model: "m",
      embeddingModel: "e",
      outputMode: "json_schema" as const,
    };
    const unasked = new BatchFirst(slot, undefined);
    assert.equal(await unasked.first(movieRequest(1)), null);
    assert.equal(unasked.sent, 0);
    assert.equal(server.bodies.length, 0, "nothing was sent");
    const quiet = new BatchFirst(slot, { windowMs: 5, pollMs: 5, timeoutMs: 300 });
    assert.equal(await quiet.first(movieRequest(2)), null, "the batch could not answer");
  } finally {
    await server.stop();
  }
});
