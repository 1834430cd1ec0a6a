// With no endpoint configured, createLlmFromEnv() answers through the local model: the server
// starts on the first request and stops on request; SOCIUS_LOCAL_LLM=0 restores the old error.
import assert from "node:assert/strict";
import { z } from "zod";
import { ConfigError } from "@lib/core/errors.ts";
import { createLlmFromEnv } from "@lib/llm/from_env.ts";
import { isLocalLlm, localLlmOf, stopLocalLlmOf } from "@lib/llm/local_llm_client.ts";
import { ensureModels } from "./real_model_helpers.ts";

Deno.test("real model: no OPENAI_* variables means the local model answers", async () => {
  await ensureModels();
  assert.throws(
    () => createLlmFromEnv({ env: { SOCIUS_LOCAL_LLM: "0" } }),
    (e) => e instanceof ConfigError && e.field === "OPENAI_API_KEY",
  );
  const client = createLlmFromEnv({ env: {}, cache: { mode: "off" } });
  assert.ok(isLocalLlm(client));
  assert.equal(client.model, "SmolLM2-135M-Instruct-Q4_1");
  assert.equal(await localLlmOf(client), null, "nothing starts before the first request");
  try {
    const r = await client.complete({
      messages: [{ role: "user", content: "Rate the film Up from 1 to 5." }],
      schema: z.object({ rating: z.number().int().min(1).max(5) }),
      schemaName: "rating",
      temperature: 0,
      maxTokens: 40,
    });
    assert.ok(r.ok, !r.ok ? r.error : "");
    assert.ok(r.usage.promptTokens > 5);
    const server = await localLlmOf(client);
    assert.match(server!.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  } finally {
    await stopLocalLlmOf(client);
  }
  assert.equal(await localLlmOf(client), null);
});
