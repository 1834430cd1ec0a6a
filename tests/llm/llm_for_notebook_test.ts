import assert from "node:assert/strict";
import { z } from "zod";
import { llmFromEnvironment } from "@lib/llm/llm_for_notebook.ts";

Deno.test("without a configured server the scripted fallback answers over HTTP and stops", async () => {
  const { llm, configured, source, stop } = await llmFromEnvironment({
    key: "sk-local-test",
    concurrency: 2,
    env: {},
  });
  try {
    assert.equal(configured, false);
    assert.equal(source, "scripted");
    const r = await llm.complete({
      messages: [{ role: "user", content: "Rate the film Up from 1 to 5." }],
      schema: z.object({ rating: z.number() }),
      schemaName: "rating",
    });
    assert.ok(r.ok, !r.ok ? r.error : "");
    assert.equal(typeof r.value.rating, "number");
    assert.equal(llm.stats().done, 1);
  } finally {
    await stop();
  }
});

Deno.test("OPENAI_API_KEY and OPENAI_MODEL pick the configured server and start nothing", async () => {
  const env = { OPENAI_API_KEY: "key-abcd", OPENAI_MODEL: "gpt-4o-mini" };
  const { llm, configured, source, stop } = await llmFromEnvironment({ env });
  assert.equal(configured, true);
  assert.equal(source, "configured");
  assert.equal(llm.model, "gpt-4o-mini");
  await stop();
});

Deno.test("a model without a key is not a configured server", async () => {
  const { configured, llm, stop } = await llmFromEnvironment({ env: { OPENAI_MODEL: "m" } });
  assert.equal(configured, false);
  assert.equal(llm.model, "socius-local (dry run)");
  await stop();
});
