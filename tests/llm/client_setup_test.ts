// What the client sets up from its configuration, by value: each endpoint's own model and
// output mode in the requests it sends, credentials kept out of what it reports, and one
// record/replay cache per model.
import assert from "node:assert/strict";
import { LlmUnreachableError } from "@lib/llm/llm_error.ts";
import { fastClient, movieRequest } from "./helpers.ts";
import { scriptedServer } from "./scripted_server.ts";

const KEY = "sk-client-setup-test-a41c";
const VALID = '{"title":"Heat","rating":4,"mood":"happy","reason":"tense"}';

Deno.test("an endpoint's own model and output mode go into its requests; others use the config's", async () => {
  const own = scriptedServer([{ content: VALID }]);
  const plain = scriptedServer([{ content: VALID }]);
  const a = fastClient([{
    baseUrl: own.url,
    keys: [KEY],
    model: "served-7b",
    outputMode: "json_object",
  }]);
  const b = fastClient([{ baseUrl: plain.url, keys: [KEY] }]);
  assert.ok((await a.complete(movieRequest(1))).ok);
  assert.ok((await b.complete(movieRequest(1))).ok);
  await own.stop();
  await plain.stop();
  const ownBody = own.bodies[0] as { model: string; response_format: { type: string } };
  const plainBody = plain.bodies[0] as { model: string; response_format: { type: string } };
  assert.deepEqual([ownBody.model, ownBody.response_format.type], ["served-7b", "json_object"]);
  assert.deepEqual([plainBody.model, plainBody.response_format.type], ["local", "json_schema"]);
  assert.equal(a.model, "local", "the logical model name stays the config's");
});

Deno.test("credentials in a base URL never reach the unusable-endpoint error", async () => {
  const server = scriptedServer([{ status: 500 }]);
  const secretUrl = server.url.replace("http://", "http://user:hunter2@") + "?api_key=s3cret#frag";
  const client = fastClient([{ baseUrl: secretUrl, keys: [KEY] }], {
    maxConsecutiveFailures: 2,
    retry: { maxRetries: 5, baseMs: 1, maxMs: 1, budget: 10 },
  });
  const err = await client.complete(movieRequest(1)).catch((e) => e);
  await server.stop();
  assert.ok(err instanceof LlmUnreachableError, String(err));
  assert.equal(err.endpoint, server.url);
  assert.ok(!/hunter2|s3cret|frag|user:/.test(err.message), err.message);
  assert.ok(err.message.startsWith(`OPENAI_BASE_URL=${server.url}: `), err.message);
});

Deno.test("every key refused: the error names every endpoint, without credentials", async () => {
  const one = scriptedServer([{ status: 401 }]);
  const two = scriptedServer([{ status: 403 }]);
  const client = fastClient([
    { baseUrl: one.url.replace("http://", "http://u:pw@"), keys: [KEY] },
    { baseUrl: two.url, keys: [KEY] },
  ]);
  const err = await client.complete(movieRequest(1)).catch((e) => e);
  await one.stop();
  await two.stop();
  assert.ok(err instanceof LlmUnreachableError);
  assert.equal(err.endpoint, `${one.url}, ${two.url}`);
  assert.match(
    err.message,
    /no usable API key: every key was rejected by its server \(401\/403\); rejected: HTTP 40[13]/,
  );
  assert.ok(!err.message.includes("pw@"));
});

Deno.test("one cache per model, none when off; the embedding model comes from the config", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const off = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }]);
    assert.equal(off.cacheMode, "off");
    assert.equal(off.cache(), null);
    const on = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }], {
      cache: { mode: "record", dir },
      embeddingModel: "embed-small",
    });
    assert.equal(on.cacheMode, "record");
    const c = on.cache();
    assert.ok(c);
    assert.equal(on.cache(), c, "the same cache again");
    assert.equal(on.cache("local"), c, "the client's model by default");
    const other = on.cache("other-model");
    assert.ok(other && other !== c);
    assert.ok(c.file.startsWith(dir) && other.file.startsWith(dir) && c.file !== other.file);
    assert.equal(on.embeddingModel, "embed-small");
    const s = on.stats();
    assert.deepEqual([s.inFlight, s.queued, s.retryBudgetLeft], [0, 0, 500]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the cache mode comes from SOCIUS_LLM_CACHE when the config leaves it out", () => {
  const before = Deno.env.get("SOCIUS_LLM_CACHE");
  Deno.env.set("SOCIUS_LLM_CACHE", "replay");
  try {
    const client = fastClient([{ baseUrl: "http://127.0.0.1:9/v1", keys: [KEY] }], {
      cache: {},
    });
    assert.equal(client.cacheMode, "replay");
  } finally {
    if (before === undefined) Deno.env.delete("SOCIUS_LLM_CACHE");
    else Deno.env.set("SOCIUS_LLM_CACHE", before);
  }
});
