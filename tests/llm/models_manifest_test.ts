// The models manifest is read by every test process and notebook that needs a local model
// while others may be installing: a reader must see a whole manifest, old or new, never a
// truncated one, and an install that changes nothing must not write it at all.
import assert from "node:assert/strict";
import { type ModelsManifest, readManifest, writeManifest } from "@lib/llm/local_models.ts";

const entry = (i: number) => ({
  name: `model ${i}`,
  path: `/models/${i}.gguf`,
  sha256: "ab".repeat(32),
  bytes: 1000 + i,
  packages: [`pkg-${i}==1.0`],
});

Deno.test("readers of the models manifest see a whole one while others write it", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/manifest.json`;
  await writeManifest({ chat: {} }, path);
  const versions: ModelsManifest[] = Array.from({ length: 40 }, (_, i) => ({
    // Long enough that a write is not one system call's worth.
    chat: Object.fromEntries(Array.from({ length: 200 + i }, (_, k) => [`m${k}`, entry(k)])),
  }));
  let reads = 0;
  const writers = versions.map((m) => writeManifest(m, path));
  const readers = Array.from({ length: 200 }, async () => {
    await new Promise((r) => setTimeout(r, 0));
    const m = readManifest(path); // throws on a truncated file
    assert.ok(Object.keys(m.chat).length === 0 || Object.keys(m.chat).length >= 200);
    reads++;
  });
  await Promise.all([...writers, ...readers]);
  assert.equal(reads, 200);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["manifest.json"]);
});

Deno.test("an unchanged models manifest is not written again", async () => {
  const path = `${await Deno.makeTempDir()}/manifest.json`;
  const m: ModelsManifest = { chat: { smollm2: entry(1) } };
  assert.equal(await writeManifest(m, path), true);
  const before = Deno.statSync(path);
  assert.equal(await writeManifest(structuredClone(m), path), false);
  assert.equal(Deno.statSync(path).ino, before.ino, "the same file, not a replacement");
  assert.equal(
    await writeManifest({ ...m, minilm: { ...entry(2), tokenizer: "/t.json" } }, path),
    true,
  );
  assert.notEqual(Deno.statSync(path).ino, before.ino);
  assert.equal(readManifest(path).minilm?.tokenizer, "/t.json");
  assert.ok(Deno.readTextFileSync(path).endsWith("}\n"), "a text file, ending in a newline");
});

Deno.test("a models manifest that cannot be written says so and leaves no file behind", async () => {
  const dir = await Deno.makeTempDir();
  Deno.mkdirSync(`${dir}/manifest.json`); // a folder where the manifest should go
  await assert.rejects(() => writeManifest({ chat: {} }, `${dir}/manifest.json`));
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["manifest.json"]);
  await assert.rejects(() => writeManifest({ chat: {} }, `${dir}/missing/manifest.json`));
});
