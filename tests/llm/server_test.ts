import assert from "node:assert/strict";
import OpenAI from "openai";
import { z } from "zod";
import { cosine, LlmClient, OpenAIEmbedder, startLocalServer } from "@lib/llm/mod.ts";
import { fastClient, MovieChoice, movieRequest } from "./helpers.ts";

const KEY = "sk-server-test-000001";

Deno.test("requests without a known bearer key get 401", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const none = await fetch(`${server.url}/models`);
  const wrong = await fetch(`${server.url}/models`, { headers: { authorization: "Bearer nope" } });
  const right = await fetch(`${server.url}/models`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  await Promise.all([none.body?.cancel(), wrong.body?.cancel(), right.body?.cancel()]);
  await server.stop();
  assert.deepEqual([none.status, wrong.status, right.status], [401, 401, 200]);
  assert.equal(server.stats().unauthorized, 2);
});

Deno.test("streamed completions arrive as SSE chunks that add up to the reply", async () => {
  const server = await startLocalServer({
    keys: [KEY],
    responder: () => "The quick brown fox jumps over the lazy dog.",
  });
  const sdk = new OpenAI({ baseURL: server.url, apiKey: KEY, maxRetries: 0 });
  const stream = await sdk.chat.completions.create({
    model: "socius-local",
    messages: [{ role: "user", content: "hello" }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "", chunks = 0, usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? "";
    if (chunk.usage) usage = chunk.usage;
  }
  await server.stop();
  assert.equal(text, "The quick brown fox jumps over the lazy dog.");
  assert.ok(chunks >= 4);
  assert.ok(usage && usage.completion_tokens > 0);
  assert.equal(server.stats().streamed, 1);
});

Deno.test("embeddings are unit vectors, deterministic, and similar texts are closer", async () => {
  const server = await startLocalServer({ keys: [KEY], embeddingDim: 48 });
  const client = new LlmClient({
    model: "local",
    embeddingModel: "local-embed",
    endpoints: [{ baseUrl: server.url, keys: [KEY] }],
    cache: { mode: "off" },
  });
  const embedder = new OpenAIEmbedder(client, { batchSize: 2 });
  const texts = [
    "a space opera with robots",
    "robots in a space opera",
    "a quiet romantic comedy",
    "",
  ];
  const [a, b, c, empty] = await embedder.embed(texts);
  const [a2] = await embedder.embed([texts[0]]);
  await server.stop();
  assert.equal(embedder.dim, 48);
  assert.equal(embedder.name, "openai:local-embed");
  assert.ok(Math.abs(cosine(a, a) - 1) < 1e-5);
  assert.ok(cosine(a, b) > cosine(a, c));
  assert.deepEqual([...a2], [...a]);
  assert.ok(empty.every((x) => x === 0));
  assert.equal(
    server.stats().embeddings,
    3,
    "two batches of two, then one; the empty text is not sent",
  );
  assert.equal(client.usage.table(["kind"]).numRows(), 1);
});

Deno.test("the default responder fills the schema in every output mode", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const optional = MovieChoice.extend({
    note: z.string().optional(),
    tags: z.array(z.string()).min(2),
  });
  for (const outputMode of ["json_schema", "json_object", "instructions"] as const) {
    const client = fastClient([{ baseUrl: server.url, keys: [KEY], outputMode }]);
    const strict = await client.complete(movieRequest(1));
    const loose = await client.complete({
      ...movieRequest(2),
      schema: optional,
      schemaName: "loose",
    });
    assert.ok(strict.ok && strict.attempts === 1, outputMode);
    assert.ok(loose.ok && loose.value.tags.length >= 2, outputMode);
  }
  await server.stop();
});

Deno.test("the same request gets the same default reply", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }]);
  const [x, y] = [await client.complete(movieRequest(3)), await client.complete(movieRequest(3))];
  await server.stop();
  assert.ok(x.ok && y.ok);
  assert.deepEqual(x.value, y.value);
});
