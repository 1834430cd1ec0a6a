import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { createLlmFromEnv, type LlmEvent, OpenAIEmbedder, startLocalServer } from "@lib/llm/mod.ts";
import { fastClient, movieRequest } from "./helpers.ts";

const KEY = "sk-client-test-000001";

Deno.test("createLlmFromEnv() names the missing variable and splits comma-separated keys", () => {
  assert.throws(
    () => createLlmFromEnv({ env: { OPENAI_MODEL: "m" } }),
    (e) => e instanceof ConfigError && e.field === "OPENAI_API_KEY",
  );
  assert.throws(
    () => createLlmFromEnv({ env: { OPENAI_API_KEY: "k-one1" } }),
    (e) => e instanceof ConfigError && e.field === "OPENAI_MODEL",
  );
  assert.throws(
    () =>
      createLlmFromEnv({
        env: { OPENAI_API_KEY: "k-one1", OPENAI_MODEL: "m", SOCIUS_LLM_CONCURRENCY: "lots" },
      }),
    (e) => e instanceof ConfigError && e.field === "SOCIUS_LLM_CONCURRENCY",
  );
  const client = createLlmFromEnv({
    env: {
      OPENAI_BASE_URL: "http://127.0.0.1:8000/v1",
      OPENAI_API_KEY: "k-one1, k-two2,",
      OPENAI_MODEL: "qwen",
    },
    cache: { mode: "off" },
  });
  assert.deepEqual(client.keys().map((k) => k.label), ["127.0.0.1:8000#0", "127.0.0.1:8000#1"]);
  assert.equal(client.model, "qwen");
});

Deno.test("usage is accounted by model, agent and behaviour, with cost from an overridable price table", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
    prices: { local: { input: 2, output: 10 } },
  });
  await Promise.all(Array.from({ length: 9 }, (_, i) => client.complete(movieRequest(i))));
  await server.stop();
  const table = client.usage.table();
  assert.deepEqual(table.columnNames().slice(0, 3), ["model", "agentId", "behaviour"]);
  assert.equal(table.numRows(), 6, "3 agents × 2 behaviours");
  const t = client.usage.totals();
  assert.equal(t.calls, 9);
  assert.ok(t.promptTokens > 0 && t.completionTokens > 0);
  assert.ok(Math.abs(t.costUsd - (t.promptTokens * 2 + t.completionTokens * 10) / 1e6) < 1e-12);
  assert.match(client.usage.summary(), /^9 calls \(0 failed, 0 cached\)/);
  assert.equal(client.usage.calls().numRows(), 9);
});

Deno.test("progress is observable through events and a stats snapshot", async () => {
  const server = await startLocalServer({ keys: [KEY], latencyMs: 3 });
  const events: LlmEvent[] = [];
  let peak = 0;
  const client = fastClient([{ baseUrl: server.url, keys: [KEY], concurrency: 3 }], {}, {
    onEvent: (e) => {
      events.push(e);
      peak = Math.max(peak, client.stats().inFlight);
    },
  });
  await Promise.all(Array.from({ length: 10 }, (_, i) => client.complete(movieRequest(i))));
  await server.stop();
  const s = client.stats();
  assert.equal(events.filter((e) => e.type === "start").length, 10);
  assert.equal(events.filter((e) => e.type === "done").length, 10);
  assert.deepEqual([s.started, s.done, s.ok, s.inFlight, s.queued], [10, 10, 10, 0, 0]);
  assert.ok(peak <= 3);
  assert.ok(s.promptTokens > 0);
});

Deno.test("an observer that throws does not break calls", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {}, {
    onEvent: () => {
      throw new Error("observer bug");
    },
  });
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.ok(r.ok);
});

Deno.test("embeddings replay from the cache without requests", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius_llm_emb_" });
  const server = await startLocalServer({ keys: [KEY], embeddingDim: 16 });
  const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
  const texts = ["first text", "second text"];
  const recorded = await new OpenAIEmbedder(fastClient(endpoints, { cache: { mode: "auto", dir } }))
    .embed(texts);
  server.reset();
  const replayer = new OpenAIEmbedder(fastClient(endpoints, { cache: { mode: "replay", dir } }));
  const replayed = await replayer.embed(texts);
  await assert.rejects(() => replayer.embed(["never seen"]), /replay cache miss/);
  await server.stop();
  await Deno.remove(dir, { recursive: true });
  assert.equal(server.stats().requests, 0);
  assert.deepEqual(replayed.map((v) => [...v]), recorded.map((v) => [...v]));
});
