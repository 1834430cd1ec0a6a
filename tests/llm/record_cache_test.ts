// The record/replay store on its own: modes, counters, file names, torn lines, vectors.
import assert from "node:assert/strict";
import {
  cacheKey,
  decodeVector,
  defaultCacheDir,
  encodeVector,
  envCacheMode,
  RecordCache,
} from "@lib/llm/record_cache.ts";

const usage = { promptTokens: 3, completionTokens: 2 };
const entry = (key: string, raw = "{}") => ({ key, kind: "chat" as const, model: "m", raw, usage });

async function inTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "socius_record_cache_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("each mode reads and writes what it promises, and the counters say so", async () => {
  await inTemp(async (dir) => {
    const off = new RecordCache(dir, "m", "off");
    await off.put(entry("k0"));
    assert.equal(await off.get("k0"), undefined);
    assert.deepEqual(off.stats(), { hits: 0, misses: 0, writes: 0, skippedLines: 0 });
    await assert.rejects(() => Deno.stat(off.file), Deno.errors.NotFound);

    const record = new RecordCache(dir, "m", "record");
    await record.put(entry("k1", '{"a":1}'));
    await record.put(entry("k2"));
    assert.equal(await record.get("k1"), undefined, "record mode never reads");
    assert.deepEqual(record.stats(), { hits: 0, misses: 0, writes: 2, skippedLines: 0 });

    const replay = new RecordCache(dir, "m", "replay");
    assert.equal((await replay.get("k1"))?.raw, '{"a":1}');
    assert.equal(await replay.get("nope"), undefined);
    await replay.put(entry("k3"));
    assert.deepEqual(replay.stats(), { hits: 1, misses: 1, writes: 0, skippedLines: 0 });
    const lines = (await Deno.readTextFile(replay.file)).split("\n");
    assert.deepEqual(lines.length, 3, "two lines and the final newline; replay wrote nothing");

    const auto = new RecordCache(dir, "m", "auto");
    assert.equal((await auto.get("k2"))?.raw, "{}");
    await auto.put(entry("k4", "[]"));
    assert.equal(
      await Deno.readTextFile(auto.file),
      [entry("k1", '{"a":1}'), entry("k2"), entry("k4", "[]")].map((e) => JSON.stringify(e) + "\n")
        .join(""),
      "a file that ends with a newline gets no blank line",
    );
    assert.equal((await auto.get("k4"))?.raw, "[]", "a new entry is readable at once");
    assert.deepEqual(auto.stats(), { hits: 2, misses: 0, writes: 1, skippedLines: 0 });
  });
});

Deno.test("a model name becomes a safe file name; models do not share a file", async () => {
  await inTemp(async (dir) => {
    const a = new RecordCache(dir, "org/model:7b v2", "auto");
    assert.equal(a.file, `${dir}/org_model_7b_v2.jsonl`);
    assert.equal(new RecordCache(dir, "qwen2.5-7b_x", "auto").file, `${dir}/qwen2.5-7b_x.jsonl`);
    assert.equal(new RecordCache(dir, "a//b::c", "auto").file, `${dir}/a_b_c.jsonl`);
    await a.put(entry("k"));
    assert.equal(await new RecordCache(dir, "other", "auto").get("k"), undefined);
  });
});

Deno.test("torn or keyless lines are skipped and counted; the next write starts a new line", async () => {
  await inTemp(async (dir) => {
    const file = `${dir}/m.jsonl`;
    await Deno.writeTextFile(
      file,
      JSON.stringify(entry("good")) + "\n\n   \n" + '{"kind":"chat"}\n' + '{"key":"torn","ra',
    );
    const c = new RecordCache(dir, "m", "auto");
    assert.equal((await c.get("good"))?.raw, "{}");
    assert.equal(await c.get("torn"), undefined);
    assert.equal(c.stats().skippedLines, 2);
    await c.put(entry("after"));
    const text = await Deno.readTextFile(file);
    assert.ok(text.endsWith('{"key":"torn","ra\n' + JSON.stringify(entry("after")) + "\n"), text);
    const again = new RecordCache(dir, "m", "replay");
    assert.equal((await again.get("after"))?.raw, "{}");
    assert.equal(again.stats().skippedLines, 2);
  });
});

Deno.test("a failed call's entry keeps its reason, reply and number of calls", async () => {
  await inTemp(async (dir) => {
    await new RecordCache(dir, "m", "record").put({
      ...entry("f", "not json"),
      error: "invalid reply after 1 repair(s): x",
      calls: 2,
    });
    const got = await new RecordCache(dir, "m", "replay").get("f");
    assert.deepEqual(
      [got?.error, got?.raw, got?.calls, got?.usage],
      ["invalid reply after 1 repair(s): x", "not json", 2, usage],
    );
  });
});

Deno.test("vectors survive encoding bit for bit", () => {
  const v = new Float32Array([0, -0, 1.5, -2.25, 3.4028234663852886e38, 1e-45]);
  const back = decodeVector(encodeVector(v));
  assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(v.buffer));
  const view = new Float32Array(new Float32Array([9, 7, 5]).buffer, 4, 2);
  assert.deepEqual([...decodeVector(encodeVector(view))], [7, 5]);
  assert.equal(encodeVector(new Float32Array([1])), "AACAPw==");
});

Deno.test("cacheKey treats a missing parameter like null and sorts nested keys", async () => {
  const parts = { model: "m", messages: [], schema: { b: 1, a: { y: 2, x: 1 } }, params: {} };
  assert.equal(
    await cacheKey({ ...parts, params: { temperature: undefined } }),
    await cacheKey({ ...parts, params: { temperature: null } }),
  );
  assert.notEqual(
    await cacheKey({ ...parts, params: { temperature: null } }),
    await cacheKey(parts),
  );
  assert.equal(
    await cacheKey(parts),
    await cacheKey({ ...parts, schema: { a: { x: 1, y: 2 }, b: 1 } }),
  );
  assert.notEqual(
    await cacheKey({ ...parts, schema: [1, 2] }),
    await cacheKey({ ...parts, schema: [2, 1] }),
    "arrays keep their order",
  );
});

Deno.test("SOCIUS_CACHE_DIR and SOCIUS_LLM_CACHE are read, and a bad mode is named", () => {
  const saved = [Deno.env.get("SOCIUS_CACHE_DIR"), Deno.env.get("SOCIUS_LLM_CACHE")];
  try {
    Deno.env.set("SOCIUS_CACHE_DIR", "/tmp/somewhere");
    assert.equal(defaultCacheDir(), "/tmp/somewhere");
    Deno.env.delete("SOCIUS_CACHE_DIR");
    assert.ok(defaultCacheDir().endsWith("/.socius/llm-cache"));
    Deno.env.delete("SOCIUS_LLM_CACHE");
    assert.equal(envCacheMode(), undefined);
    for (const mode of ["off", "record", "replay", "auto"]) {
      Deno.env.set("SOCIUS_LLM_CACHE", ` ${mode} `);
      assert.equal(envCacheMode(), mode);
    }
    Deno.env.set("SOCIUS_LLM_CACHE", "sometimes");
    assert.throws(
      () => envCacheMode(),
      /environment: SOCIUS_LLM_CACHE: expected off, record, replay or auto, got "sometimes"/,
    );
  } finally {
    for (const [name, value] of [["SOCIUS_CACHE_DIR", saved[0]], ["SOCIUS_LLM_CACHE", saved[1]]]) {
      if (value === undefined) Deno.env.delete(name!);
      else Deno.env.set(name!, value);
    }
  }
});

Deno.test("a cache file that cannot be read is an error, not an empty cache", async () => {
  await inTemp(async (dir) => {
    await Deno.mkdir(`${dir}/m.jsonl`);
    await assert.rejects(() => new RecordCache(dir, "m", "auto").get("k"));
  });
});
