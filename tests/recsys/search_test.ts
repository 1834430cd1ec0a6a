import assert from "node:assert/strict";
import { HashedEmbedder } from "../../lib/llm/hashed_embedder.ts";
import type { Embedder } from "../../lib/llm/embedder.ts";
import { loadVegaCatalog } from "../../lib/recsys/load_vega.ts";
import { ItemSearch } from "../../lib/recsys/search.ts";

/** The offline embedder, counting the texts it is asked to embed. */
class CountingEmbedder implements Embedder {
  readonly inner = new HashedEmbedder();
  readonly name = this.inner.name;
  readonly dim = this.inner.dim;
  texts = 0;
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.texts += texts.length;
    return this.inner.embed(texts);
  }
}

Deno.test("a repeated query is answered from its kept scores: same hits, its own exclusions, no new embedding", async () => {
  const { catalog } = await loadVegaCatalog();
  const counting = new CountingEmbedder();
  const search = await ItemSearch.create(catalog, counting);
  const fresh = await ItemSearch.create(catalog);
  const afterIndex = counting.texts;
  const first = await search.search("Star Wars", 5);
  assert.equal(counting.texts, afterIndex + 1);
  const again = await search.search("Star Wars", 5);
  assert.equal(counting.texts, afterIndex + 1, "the second ask embeds nothing");
  assert.deepEqual(again, first);
  const exclude = first.slice(0, 2).map((h) => h.itemId);
  const excluded = await search.search("Star Wars", 5, { exclude });
  assert.deepEqual(excluded, await fresh.search("Star Wars", 5, { exclude }));
  assert.ok(excluded.every((h) => !exclude.includes(h.itemId)));
  // More queries than are kept: the oldest is embedded again, with the same answer.
  for (let i = 0; i < 300; i++) await search.search(`query ${i}`, 1);
  const before = counting.texts;
  assert.deepEqual(await search.search("Star Wars", 5), first);
  assert.equal(counting.texts, before + 1);
});

Deno.test("queries asked together are embedded once, and a failed embedding is asked again", async () => {
  const { catalog } = await loadVegaCatalog();
  const counting = new CountingEmbedder();
  const search = await ItemSearch.create(catalog, counting);
  const afterIndex = counting.texts;
  const hits = await Promise.all([1, 2, 3].map(() => search.search("Alien", 3)));
  assert.equal(counting.texts, afterIndex + 1);
  assert.deepEqual(hits[1], hits[0]);
  let fail = false;
  const flaky: Embedder = {
    name: "flaky",
    dim: counting.dim,
    embed: (texts) => fail ? Promise.reject(new Error("down")) : counting.embed(texts),
  };
  const index = await ItemSearch.create(catalog, flaky);
  fail = true;
  await assert.rejects(() => index.search("Alien", 3), /down/);
  fail = false;
  assert.deepEqual(await index.search("Alien", 3), hits[0]);
});
