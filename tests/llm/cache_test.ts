import assert from "node:assert/strict";
import { LlmClient, RecordCache, startLocalServer } from "@lib/llm/mod.ts";
import { fastClient, movieRequest } from "./helpers.ts";

const KEY = "sk-cache-test-000001";

async function withTempDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "socius_llm_cache_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a re-run in replay mode makes zero requests and returns the recorded values", async () => {
  await withTempDir(async (dir) => {
    const server = await startLocalServer({ keys: [KEY], faults: { serverError: 0.2 }, seed: 9 });
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    const recorder = fastClient(endpoints, { cache: { mode: "auto", dir } });
    const first = await Promise.all(
      Array.from({ length: 15 }, (_, i) => recorder.complete(movieRequest(i))),
    );
    assert.ok(first.every((r) => r.ok && !r.cached));
    server.reset();
    const replayer = fastClient(endpoints, { cache: { mode: "replay", dir } });
    const second = await Promise.all(
      Array.from({ length: 15 }, (_, i) => replayer.complete(movieRequest(i))),
    );
    await server.stop();
    assert.equal(server.stats().requests, 0);
    assert.ok(second.every((r) => r.ok && r.cached && r.attempts === 0));
    assert.deepEqual(second.map((r) => r.ok && r.value), first.map((r) => r.ok && r.value));
    assert.equal(replayer.usage.totals().cacheHits, 15);
  });
});

Deno.test("a replay miss is an error result naming the call, and no request is made", async () => {
  await withTempDir(async (dir) => {
    const server = await startLocalServer({ keys: [KEY] });
    const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
      cache: { mode: "replay", dir },
    });
    const r = await client.complete(movieRequest(7, "agent-42"));
    await server.stop();
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(
        r.error,
        /replay cache miss for "movie_choice" \(agent agent-42, behaviour search/,
      );
    }
    assert.equal(server.stats().requests, 0);
  });
});

Deno.test("the call-site seed separates otherwise equal prompts", async () => {
  await withTempDir(async (dir) => {
    const server = await startLocalServer({ keys: [KEY] });
    const client = fastClient([{ baseUrl: server.url, keys: [KEY] }], {
      cache: { mode: "auto", dir },
    });
    const base = movieRequest(1);
    await client.complete({ ...base, meta: { ...base.meta, seed: "s1" } });
    const again = await client.complete({ ...base, meta: { ...base.meta, seed: "s1" } });
    const other = await client.complete({ ...base, meta: { ...base.meta, seed: "s2" } });
    await server.stop();
    assert.equal(again.cached, true);
    assert.equal(other.cached, false);
    assert.equal(server.stats().chat, 2);
  });
});

Deno.test("a torn last line is ignored, earlier entries survive, and appending closes it", async () => {
  await withTempDir(async (dir) => {
    const server = await startLocalServer({ keys: [KEY] });
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    const recorder = fastClient(endpoints, { cache: { mode: "record", dir } });
    for (let i = 0; i < 3; i++) assert.ok((await recorder.complete(movieRequest(i))).ok);
    const file = recorder.cache()!.file;
    await Deno.writeTextFile(file, '{"key":"torn","kind":"chat","raw":"{\\"ti', { append: true });

    const auto = fastClient(endpoints, { cache: { mode: "auto", dir } });
    for (let i = 0; i < 4; i++) assert.ok((await auto.complete(movieRequest(i))).ok);
    assert.equal(auto.cache()!.stats().skippedLines, 1);
    assert.equal(auto.cache()!.stats().hits, 3);

    server.reset();
    const replay = new LlmClient({
      model: "local",
      endpoints,
      cache: { mode: "replay", dir },
    });
    for (let i = 0; i < 4; i++) assert.ok((await replay.complete(movieRequest(i))).ok);
    await server.stop();
    assert.equal(server.stats().requests, 0);
    const lines = (await Deno.readTextFile(file)).split("\n").filter((l) => l !== "");
    assert.equal(lines.length, 5, "3 entries, the torn line, 1 new entry");
  });
});

Deno.test("record mode calls the server even when an entry exists", async () => {
  await withTempDir(async (dir) => {
    const server = await startLocalServer({ keys: [KEY] });
    const endpoints = [{ baseUrl: server.url, keys: [KEY] }];
    await fastClient(endpoints, { cache: { mode: "auto", dir } }).complete(movieRequest(1));
    const r = await fastClient(endpoints, { cache: { mode: "record", dir } }).complete(
      movieRequest(1),
    );
    await server.stop();
    assert.equal(r.cached, false);
    assert.equal(server.stats().chat, 2);
  });
});

Deno.test("SOCIUS_CACHE_DIR and SOCIUS_LLM_CACHE choose the folder and the mode", async () => {
  await withTempDir((dir) => {
    const saved = [Deno.env.get("SOCIUS_CACHE_DIR"), Deno.env.get("SOCIUS_LLM_CACHE")];
    Deno.env.set("SOCIUS_CACHE_DIR", dir);
    Deno.env.set("SOCIUS_LLM_CACHE", "replay");
    try {
      const client = new LlmClient({
        model: "m",
        endpoints: [{ baseUrl: "http://127.0.0.1:9/v1", keys: ["sk-env-cache-1"] }],
      });
      assert.equal(client.cacheMode, "replay");
      assert.ok(client.cache()!.file.startsWith(dir));
      Deno.env.set("SOCIUS_LLM_CACHE", "sometimes");
      assert.throws(
        () =>
          new LlmClient({
            model: "m",
            endpoints: [{ baseUrl: "http://127.0.0.1:9/v1", keys: ["k-1234"] }],
          }),
        /SOCIUS_LLM_CACHE/,
      );
    } finally {
      for (
        const [name, value] of [["SOCIUS_CACHE_DIR", saved[0]], [
          "SOCIUS_LLM_CACHE",
          saved[1],
        ]] as const
      ) {
        if (value === undefined) Deno.env.delete(name);
        else Deno.env.set(name, value);
      }
    }
  });
});

Deno.test("the default cache folder is .socius/llm-cache at the project root", () => {
  const saved = Deno.env.get("SOCIUS_CACHE_DIR");
  Deno.env.delete("SOCIUS_CACHE_DIR");
  try {
    const cache = new RecordCache(
      new URL("../../.socius/llm-cache", import.meta.url).pathname,
      "m",
      "auto",
    );
    const client = new LlmClient({
      model: "m",
      endpoints: [{ baseUrl: "http://127.0.0.1:9/v1", keys: ["sk-default-dir-1"] }],
      cache: { mode: "auto" },
    });
    assert.equal(client.cache()!.file, cache.file);
  } finally {
    if (saved !== undefined) Deno.env.set("SOCIUS_CACHE_DIR", saved);
  }
});
