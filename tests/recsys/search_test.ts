import assert from "node:assert/strict";
import { HashedEmbedder } from "../../lib/llm/hashed_embedder.ts";
import { CachedEmbedder } from "../../lib/memory/embed_cache.ts";
import type { Embedder } from "../../lib/llm/embedder.ts";
import { Catalog } from "../../lib/recsys/catalog.ts";
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

Deno.test("a query's scores are the full dot products, bit for bit, for sparse and dense query vectors", async () => {
  const { catalog } = await loadVegaCatalog();
  const items = catalog.items.slice(0, 400);
  const small = new Catalog(items);
  /** The hashed embedder with every place of every vector made non-zero. */
  const dense: Embedder = {
    name: "dense",
    dim: 256,
    embed: async (texts) =>
      (await new HashedEmbedder().embed(texts)).map((v) => v.map((x, j) => x + (j % 7) * 1e-3)),
  };
  for (const embedder of [new HashedEmbedder(), dense]) {
    const search = await ItemSearch.create(small, embedder);
    const titles = await embedder.embed(items.map((it) => it.title));
    const texts = await embedder.embed(
      items.map((it) => `${it.title}. ${it.genres.join(", ")}. ${it.description}`),
    );
    for (const query of ["space adventure", "a girl and her dog", "love in paris"]) {
      const [q] = await embedder.embed([query]);
      const full = (a: Float32Array, b: Float32Array) => {
        let s = 0;
        for (let j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
      };
      const hits = await search.search(query, items.length);
      assert.equal(hits.length, items.length);
      for (const h of hits) {
        const i = items.findIndex((it) => it.id === h.itemId);
        const sim = 0.6 * full(q, titles[i]) + 0.4 * full(q, texts[i]);
        // No title here contains these queries: every score is its similarity alone.
        assert.ok(h.score === sim, `${embedder.name} "${query}" ${h.itemId}: ${h.score} vs ${sim}`);
      }
    }
  }
});

Deno.test("searchNow answers at once what search answers, and waits only for an embedder that must be waited for", async () => {
  const { catalog } = await loadVegaCatalog();
  const exclude = ["m1"];
  // The offline embedder answers at once, also behind the cache simulations put in front of it.
  for (const embedder of [new HashedEmbedder(), new CachedEmbedder(new HashedEmbedder())]) {
    const search = await ItemSearch.create(catalog, embedder);
    const reference = await ItemSearch.create(catalog, embedder);
    const now = search.searchNow("star wars", 5, { exclude });
    assert.deepEqual(now, await reference.search("star wars", 5, { exclude }));
    assert.deepEqual(search.searchNow("", 5), []);
  }
  // An embedder with only the promise: null until the query's scores are in, then at once.
  const counting = new CountingEmbedder();
  const search = await ItemSearch.create(catalog, counting);
  const indexed = counting.texts;
  assert.equal(search.searchNow("alien", 5), null);
  const waited = search.search("alien", 5);
  assert.equal(search.searchNow("alien", 5), null, "still in flight");
  const hits = await waited;
  assert.equal(counting.texts, indexed + 1, "the query is embedded once for all three asks");
  const before = counting.texts;
  assert.deepEqual(search.searchNow("alien", 5), hits);
  assert.equal(counting.texts, before, "answered from the kept scores");
  assert.equal(new CachedEmbedder(counting).embedSync, undefined);
});
