import assert from "node:assert/strict";
import { HashedEmbedder } from "../../lib/llm/hashed_embedder.ts";
import { CachedEmbedder } from "../../lib/memory/embed_cache.ts";

Deno.test("the cache answers at once with the vectors embed gives, embedding each text once either way", async () => {
  const inner = new HashedEmbedder();
  const cache = new CachedEmbedder(inner, 2);
  const now = cache.embedSync!("a quiet film");
  assert.deepEqual(now, inner.embedSync("a quiet film"));
  assert.equal(cache.misses, 1);
  assert.equal(cache.embedSync!("a quiet film"), now, "kept: the same vector");
  assert.deepEqual(await cache.embed(["a quiet film", "a loud film"]), [
    now,
    inner.embedSync("a loud film"),
  ]);
  assert.equal(cache.misses, 2);
  // Two kept at most: the oldest text is embedded again.
  cache.embedSync!("a third film");
  cache.embedSync!("a quiet film");
  assert.equal(cache.misses, 4);
});
