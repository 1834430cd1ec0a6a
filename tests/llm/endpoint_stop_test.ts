// A wrong key or an unreachable URL stops an LLM client quickly, with one error naming the
// endpoint (never the key); rate limits alone never stop it. The run-level stop is in
// endpoint_stop_run_test.ts.
import assert from "node:assert/strict";
import { createLlmFromEnv } from "@lib/llm/from_env.ts";
import { LlmUnreachableError } from "@lib/llm/llm_error.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { movieRequest } from "./helpers.ts";

const KEY = "sk-endpoint-stop-good-91c2";

/** A client built the way the CLIs build it: environment only, default retry settings. */
function envClient(url: string, key: string) {
  return createLlmFromEnv({
    env: {
      OPENAI_BASE_URL: url,
      OPENAI_API_KEY: key,
      OPENAI_MODEL: "socius-local",
      SOCIUS_LLM_TIMEOUT_MS: "2000",
    },
    cache: { mode: "off" },
  });
}

Deno.test("an unreachable port stops structured calls within seconds under the default retry settings", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const url = server.url;
  await server.stop();
  const llm = envClient(url, KEY);
  const t0 = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, (_, i) => llm.complete(movieRequest(i))),
  );
  const seconds = (performance.now() - t0) / 1000;
  assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
  assert.ok(results.every((r) => r.status === "rejected"), "some call ended as a plain failure");
  for (const r of results) {
    const e = (r as PromiseRejectedResult).reason;
    assert.ok(e instanceof LlmUnreachableError);
    assert.match(e.message, /5 requests in a row failed/);
    assert.ok(e.message.includes(url));
  }
  // Once stopped, later calls stop at once without another request.
  const t1 = performance.now();
  await assert.rejects(() => llm.complete(movieRequest(9)), LlmUnreachableError);
  assert.ok(performance.now() - t1 < 100);
});

Deno.test("rate limits alone never stop a run: the server is there and the key works", async () => {
  const server = await startLocalServer({
    keys: [KEY],
    faults: { rateLimit: 0.6 },
    seed: 2,
    retryAfterSeconds: 0.001,
  });
  const llm = createLlmFromEnv({
    env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: KEY, OPENAI_MODEL: "socius-local" },
    cache: { mode: "off" },
    maxConsecutiveFailures: 2,
    retry: { maxRetries: 30, baseMs: 1, maxMs: 2 },
    cooldown: { afterFailures: 100, ms: 1, maxMs: 1 },
  });
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => llm.complete(movieRequest(i))),
  );
  await server.stop();
  assert.ok(server.stats().faults.rateLimit >= 4);
  assert.ok(results.every((r) => r.ok));
});
