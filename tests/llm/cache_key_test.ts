// The cache key changes with every part of a call, so a run with another model, prompt,
// schema, temperature, token limit or seed never replays replies recorded for another call.
import assert from "node:assert/strict";
import { z } from "zod";
import { cacheKey, type CacheKeyParts } from "@lib/llm/record_cache.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { fastClient, MovieChoice, movieRequest } from "./helpers.ts";

const KEY = "sk-cache-key-test-8e21";

const base: CacheKeyParts = {
  model: "m",
  messages: [
    { role: "system", content: "You rate films." },
    { role: "user", content: "Rate Alien." },
  ],
  schema: { name: "pick", json: { type: "object" } },
  params: { temperature: 0.7, maxTokens: 100 },
  seed: "r1:a1:0",
};

Deno.test("cacheKey differs when any one part differs, and only then", async () => {
  const k = await cacheKey(base);
  assert.match(k, /^[0-9a-f]{64}$/);
  assert.equal(await cacheKey({ ...base, params: { maxTokens: 100, temperature: 0.7 } }), k);
  const variants: [string, CacheKeyParts][] = [
    ["model", { ...base, model: "m2" }],
    ["message text", {
      ...base,
      messages: [base.messages[0], { role: "user", content: "Rate Aliens." }],
    }],
    ["message role", {
      ...base,
      messages: [base.messages[0], { role: "assistant", content: "Rate Alien." }],
    }],
    ["message order", { ...base, messages: [base.messages[1], base.messages[0]] }],
    ["one message more", { ...base, messages: [...base.messages, { role: "user", content: "" }] }],
    ["schema name", { ...base, schema: { name: "pick2", json: { type: "object" } } }],
    ["schema body", { ...base, schema: { name: "pick", json: { type: "array" } } }],
    ["temperature", { ...base, params: { temperature: 0.2, maxTokens: 100 } }],
    ["max tokens", { ...base, params: { temperature: 0.7, maxTokens: 101 } }],
    ["a new sampling parameter", { ...base, params: { ...base.params, topP: 0.9 } }],
    ["seed", { ...base, seed: "r1:a1:1" }],
    ["no seed", { ...base, seed: undefined }],
    ["numeric seed", { ...base, seed: 1 }],
  ];
  const keys = new Set([k]);
  for (const [what, parts] of variants) {
    const v = await cacheKey(parts);
    assert.notEqual(v, k, `${what} did not change the key`);
    keys.add(v);
  }
  assert.equal(keys.size, variants.length + 1, "two different calls share a key");
});

Deno.test("the client's cache key covers temperature, token limit, schema and model of each call", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius_cache_key_" });
  const server = await startLocalServer({ keys: [KEY] });
  try {
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    const client = fastClient(endpoints, { cache: { mode: "auto", dir } });
    const req = movieRequest(1);
    const variants = [
      req,
      { ...req, temperature: 0.1 },
      { ...req, temperature: 0.9 },
      { ...req, maxTokens: 64 },
      { ...req, schema: MovieChoice.extend({ extra: z.string() }), schemaName: "movie_choice" },
      { ...req, schemaName: "movie_choice_2" },
    ];
    for (const v of variants) assert.ok((await client.complete(v)).ok);
    assert.equal(server.stats().chat, variants.length, "a variant was answered from the cache");
    for (const v of variants) assert.equal((await client.complete(v)).cached, true);
    assert.equal(server.stats().chat, variants.length);
    // The configured defaults are part of the key too: another temperature, another entry.
    const warm = fastClient(endpoints, { cache: { mode: "auto", dir }, temperature: 1.3 });
    assert.equal((await warm.complete(req)).cached, false);
    const other = fastClient(endpoints, { cache: { mode: "auto", dir }, model: "other" });
    assert.equal((await other.complete(req)).cached, false);
    assert.equal(server.stats().chat, variants.length + 2);
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
