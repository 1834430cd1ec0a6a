// The MiniLM embedder on the installed all-MiniLM-L6-v2 int8 model: WordPiece ids match BERT's
// vocabulary, vectors are 384-d and unit length, a paraphrase ranks above an unrelated
// sentence, vectors are stable across processes (the disk cache) and runs, and the default
// embedder picks MiniLM for brains that read text.
import assert from "node:assert/strict";
import { cosine } from "@lib/llm/embedder.ts";
import { MiniLmEmbedder } from "@lib/llm/minilm_embedder.ts";
import { defaultEmbedder } from "@lib/llm/default_embedder.ts";
import { installedMiniLm } from "@lib/llm/local_models.ts";
import { wordPieceFromJson } from "@lib/llm/wordpiece.mjs";
import { ensureModels } from "./real_model_helpers.ts";

Deno.test("real MiniLM: BERT token ids, 384-d unit vectors, paraphrase above unrelated", async () => {
  await ensureModels();
  const m = installedMiniLm()!;
  const tok = wordPieceFromJson(JSON.parse(await Deno.readTextFile(m.tokenizer)));
  assert.deepEqual(tok.encode("Hello, world!"), [101, 7592, 1010, 2088, 999, 102]);
  assert.deepEqual(tok.encode("Unaffable"), [101, 14477, 20961, 3468, 102]);

  const e = await MiniLmEmbedder.open({ cache: false });
  const [a, b, c, empty] = await e.embed([
    "The cat sat quietly on the warm windowsill.",
    "A kitten was resting by the sunny window.",
    "Quarterly tax filings are due next Monday.",
    "",
  ]);
  for (const v of [a, b, c]) {
    assert.equal(v.length, 384);
    assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-4);
  }
  assert.ok(empty.every((x) => x === 0));
  assert.ok(cosine(a, b) > cosine(a, c) + 0.2, `${cosine(a, b)} vs ${cosine(a, c)}`);

  // Same text, same vector: alone, in another batch, and through the disk cache.
  const [again] = await e.embed(["A kitten was resting by the sunny window."]);
  assert.deepEqual(again, b);
  const cached = await MiniLmEmbedder.open();
  const [viaCache] = await cached.embed(["A kitten was resting by the sunny window."]);
  assert.deepEqual(viaCache, b);
});

Deno.test("real MiniLM: the default embedder for text-reading brains, hashed for the rule brain", async () => {
  await ensureModels();
  const none = () => undefined;
  assert.equal((await defaultEmbedder({ brain: "llm" }, none)).name, "all-MiniLM-L6-v2-int8");
  assert.equal((await defaultEmbedder({ brain: "embedding" }, none)).name, "all-MiniLM-L6-v2-int8");
  assert.equal((await defaultEmbedder({ brain: "rule" }, none)).name, "hashed-ngram-256");
  const hashed = (n: string) => n === "SOCIUS_EMBEDDER" ? "hashed" : undefined;
  assert.equal((await defaultEmbedder({ brain: "llm" }, hashed)).name, "hashed-ngram-256");
  await assert.rejects(
    () => defaultEmbedder({}, (n) => n === "SOCIUS_EMBEDDER" ? "bert" : undefined),
    /SOCIUS_EMBEDDER: expected auto, minilm or hashed/,
  );
});
