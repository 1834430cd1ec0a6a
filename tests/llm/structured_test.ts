import assert from "node:assert/strict";
import { z } from "zod";
import {
  buildChatBody,
  extractJson,
  type ParsedChatRequest,
  startLocalServer,
  validate,
} from "@lib/llm/mod.ts";
import { fastClient, MovieChoice, movieRequest } from "./helpers.ts";

const KEY = "sk-structured-test-01";
const FENCE = "`".repeat(3);

Deno.test("extractJson() finds JSON in fences and in prose, and reports what is wrong otherwise", () => {
  assert.deepEqual(extractJson(`Here:\n${FENCE}json\n{"a": [1, 2]}\n${FENCE}\nDone.`), {
    ok: true,
    value: { a: [1, 2] },
  });
  assert.deepEqual(extractJson('I choose {"t": "a } b"} today'), {
    ok: true,
    value: { t: "a } b" },
  });
  assert.deepEqual(extractJson("  [1, 2]  "), { ok: true, value: [1, 2] });
  const bad = extractJson("no json here");
  assert.equal(bad.ok, false);
});

Deno.test("validate() names the field that does not match", () => {
  const r = validate('{"title": "Up", "rating": 9, "mood": "happy", "reason": "x"}', MovieChoice);
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error, /rating/);
});

Deno.test("replies in fences and prose are accepted", async () => {
  const server = await startLocalServer({
    keys: [KEY],
    responder: () =>
      `Sure! ${FENCE}json\n{"title":"Heat","rating":5,"mood":"happy","reason":"tense"}\n${FENCE}`,
  });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY], outputMode: "instructions" }]);
  const r = await client.complete(movieRequest(1));
  await server.stop();
  assert.ok(r.ok && r.value.title === "Heat" && r.attempts === 1);
});

Deno.test("a schema that strict mode rejects falls back to JSON mode with the schema in the prompt", async () => {
  const seen: ParsedChatRequest[] = [];
  const server = await startLocalServer({
    keys: [KEY],
    responder: (req) => {
      seen.push(req);
      return JSON.stringify({ scores: { a: 1 }, note: null });
    },
  });
  const schema = z.object({
    scores: z.record(z.string(), z.number()),
    note: z.string().nullable().optional(),
  });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY], outputMode: "json_schema" }]);
  const r = await client.complete({
    messages: [{ role: "user", content: "score" }],
    schema,
    schemaName: "scores",
  });
  await server.stop();
  assert.ok(r.ok);
  assert.equal(seen[0].responseFormat, "json_object");
  assert.ok(seen[0].jsonSchema, "the schema travelled in the instructions");
  assert.match(seen[0].messages[0].content, /JSON schema/);
});

Deno.test("buildChatBody() sends strict json_schema when possible and carries sampling and seed", () => {
  const { body, mode } = buildChatBody({ ...movieRequest(1), temperature: 0.3, maxTokens: 200 }, {
    model: "gpt-x",
  });
  assert.equal(mode, "json_schema");
  assert.equal(body.response_format?.type, "json_schema");
  assert.equal(body.temperature, 0.3);
  assert.equal(body.max_tokens, 200);
  assert.equal(typeof body.seed, "number");
  assert.deepEqual(body.messages, movieRequest(1).messages);
});

Deno.test("complete() never throws, even when the schema itself throws", async () => {
  const server = await startLocalServer({ keys: [KEY] });
  const client = fastClient([{ baseUrl: server.url, keys: [KEY] }]);
  const exploding = z.object({ title: z.string() }).transform(() => {
    throw new Error(`boom with ${KEY}`);
  });
  const r = await client.complete({
    messages: [{ role: "user", content: "x" }],
    schema: exploding,
    schemaName: "x",
  });
  const nonsense = await client.complete({
    messages: null as never,
    schema: MovieChoice,
    schemaName: "x",
  });
  await server.stop();
  assert.equal(r.ok, false);
  if (!r.ok) assert.ok(!r.error.includes(KEY));
  assert.equal(nonsense.ok, false);
});
