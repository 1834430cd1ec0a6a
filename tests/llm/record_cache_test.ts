// The record/replay store on its own: modes, counters, file names, torn lines, vectors.
import assert from "node:assert/strict";
import { decodeVector, encodeVector, RecordCache } from "@lib/llm/record_cache.ts";

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
    assert.equal((await auto.get("k4"))?.raw, "[]", "a new entry is readable at once");
    assert.deepEqual(auto.stats(), { hits: 2, misses: 0, writes: 1, skippedLines: 0 });
  });
});

Deno.test("a model name becomes a safe file name; models do not share a file", async () => {
  await inTemp(async (dir) => {
    const a = new RecordCache(dir, "org/model:7b v2", "auto");
    assert.equal(a.file, `${dir}/org_model_7b_v2.jsonl`);
    assert.equal(new RecordCache(dir, "qwen2.5-7b_x", "auto").file, `${dir}/qwen2.5-7b_x.jsonl`);
    await a.put(entry("k"));
    assert.equal(await new RecordCache(dir, "other", "auto").get("k"), undefined);
  });
});

Deno.test("torn or keyless lines are skipped and counted; the next write starts a new line", async () => {
  await inTemp(async (dir) => {
    const file = `${dir}/m.jsonl`;
    await Deno.writeTextFile(
      file,
      JSON.stringify(entry("good")) + "\n\n" + '{"kind":"chat"}\n' + '{"key":"torn","ra',
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
