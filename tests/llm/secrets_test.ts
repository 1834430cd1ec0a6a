import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import {
  type LlmEvent,
  LlmUnreachableError,
  parseLlmConfig,
  redact,
  registerSecret,
  startLocalServer,
} from "@lib/llm/mod.ts";
import { fastClient, movieRequest } from "./helpers.ts";

const SECRET = "sk-secret-do-not-leak-7f3a9c";
const OTHER = "plainsecretvalue42";

Deno.test("redact() removes registered keys and anything shaped like a credential", () => {
  registerSecret(OTHER);
  const text = redact(
    `key ${OTHER}; sk-abcdefghijklmnop; Authorization: Bearer xyz; api_key=hunter2`,
  );
  for (const leaked of [OTHER, "sk-abcdefghijklmnop", "xyz", "hunter2"]) {
    assert.ok(!text.includes(leaked), leaked);
  }
  assert.match(text, /\[redacted\]/);
});

Deno.test("keys never leak when the server echoes them back in errors", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius_llm_secrets_" });
  const server = await startLocalServer({
    keys: [SECRET],
    echoKeyInErrors: true,
    faults: { serverError: 0.5, rateLimit: 0.3 },
    seed: 11,
  });
  const events: LlmEvent[] = [];
  const client = fastClient([{ baseUrl: server.url, keys: [SECRET] }], {
    retry: { maxRetries: 1, baseMs: 1, maxMs: 2, budget: 100 },
    cache: { mode: "auto", dir },
  }, { onEvent: (e) => events.push(e) });
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => client.complete(movieRequest(i))),
  );
  await server.stop();
  const failures = results.filter((r) => !r.ok);
  assert.ok(failures.length > 0, "some calls failed with an echoed key in the server's message");
  const everything = [
    JSON.stringify(results),
    JSON.stringify(events),
    JSON.stringify(client.stats()),
    JSON.stringify(client.keys()),
    client.usage.calls().toCSV(),
    client.usage.table().toCSV(),
    client.usage.summary(),
    await Deno.readTextFile(client.cache()!.file),
  ].join("\n");
  assert.ok(everything.includes("Rate limit") || everything.includes("server had an error"));
  assert.ok(!everything.includes(SECRET));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a rejected key stops the client with the endpoint named and the key not echoed", async () => {
  const server = await startLocalServer({ keys: ["sk-the-right-one-123"], echoKeyInErrors: true });
  const client = fastClient([{ baseUrl: server.url, keys: [SECRET] }]);
  const error = await client.complete(movieRequest(1)).then(() => null, (e) => e);
  await server.stop();
  assert.ok(error instanceof LlmUnreachableError);
  assert.match(error.message, /401/);
  assert.ok(error.message.includes(server.url));
  assert.ok(!error.message.includes(SECRET));
});

Deno.test("configuration errors do not show keys", () => {
  try {
    parseLlmConfig({ model: "", endpoints: [{ baseUrl: "not a url", keys: [SECRET] }] });
    assert.fail("expected a ConfigError");
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /model|baseUrl/);
    assert.ok(!e.message.includes(SECRET));
  }
});
