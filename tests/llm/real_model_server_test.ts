// The llama.cpp server on the real SmolLM2-135M model: OpenAI wire format, grammar-enforced
// JSON, streaming, stop strings, embeddings, and every decision schema through the grammar.
import assert from "node:assert/strict";
import { z } from "zod";
import {
  browseReplySchema,
  chooseReplySchema,
  feelReplySchema,
  interviewReplySchema,
  socialReplySchema,
} from "@lib/brain/llm/schemas.ts";
import { surveyReplySchema } from "@lib/brain/survey/survey.ts";
import { strictResponseFormat } from "@lib/llm/request_body.ts";
import { startLocalLlama } from "@lib/llm/local_llama_process.ts";
import { realClient, realServer } from "./real_model_helpers.ts";

const post = async (url: string, body: unknown) => {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: r.status,
    json: r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text(),
  };
};

Deno.test("real model: chat, json_schema, json_object, stop, stream, models, embeddings", async () => {
  const server = await realServer(2);
  try {
    const models = await (await fetch(`${server.url}/models`)).json();
    assert.deepEqual(models.data.map((m: { id: string }) => m.id), [
      server.model,
      "all-MiniLM-L6-v2-int8",
    ]);

    const schema = z.object({ pick: z.enum(["Alien", "Titanic"]).nullable(), reason: z.string() });
    const messages = [
      { role: "system", content: "You are a movie fan." },
      { role: "user", content: "Alien or Titanic tonight? Say which and why." },
    ];
    const format = strictResponseFormat(schema, "pick");
    const [a, b] = await Promise.all([1, 2].map((seed) =>
      post(`${server.url}/chat/completions`, {
        model: server.model,
        messages,
        max_tokens: 200,
        temperature: 0.8,
        seed,
        response_format: format,
      })
    ));
    for (const r of [a, b]) {
      assert.equal(r.status, 200);
      const reply = schema.parse(JSON.parse(r.json.choices[0].message.content));
      assert.ok(reply.pick === null || ["Alien", "Titanic"].includes(reply.pick));
      assert.ok(r.json.usage.prompt_tokens > 10 && r.json.usage.completion_tokens > 3);
      assert.equal(
        r.json.usage.total_tokens,
        r.json.usage.prompt_tokens + r.json.usage.completion_tokens,
      );
    }

    const obj = await post(`${server.url}/chat/completions`, {
      messages,
      max_tokens: 120,
      temperature: 0,
      response_format: { type: "json_object" },
    });
    assert.equal(obj.status, 200);
    if (obj.json.choices[0].finish_reason === "stop") {
      JSON.parse(obj.json.choices[0].message.content);
    }

    const limited = await post(`${server.url}/chat/completions`, {
      messages,
      max_tokens: 5,
      temperature: 0,
    });
    assert.equal(limited.json.choices[0].finish_reason, "length");
    assert.ok(limited.json.usage.completion_tokens <= 5);

    const stopped = await post(`${server.url}/chat/completions`, {
      messages: [{ role: "user", content: "Count from 1 to 10 separated by commas." }],
      max_tokens: 60,
      temperature: 0,
      stop: ["5"],
    });
    assert.ok(!stopped.json.choices[0].message.content.includes("5"));

    const sse = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({
        messages,
        max_tokens: 100,
        temperature: 0,
        stream: true,
        response_format: format,
      }),
    });
    assert.match(sse.headers.get("content-type") ?? "", /text\/event-stream/);
    const lines = (await sse.text()).split("\n").filter((l) => l.startsWith("data: "));
    assert.equal(lines.at(-1), "data: [DONE]");
    const chunks = lines.slice(0, -1).map((l) => JSON.parse(l.slice(6)));
    const text = chunks.map((c) => c.choices[0].delta.content ?? "").join("");
    schema.parse(JSON.parse(text));
    assert.ok(chunks.at(-1).usage.completion_tokens > 0);

    const emb = await post(`${server.url}/embeddings`, {
      input: ["a space movie", "a film about space"],
    });
    assert.equal(emb.json.data.length, 2);
    assert.equal(emb.json.data[0].embedding.length, 384);

    const bad = await post(`${server.url}/chat/completions`, { messages: [] });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /messages/);
    // The sampler's settings are checked like the rest of the request.
    const badTopP = await post(`${server.url}/chat/completions`, {
      messages: [{ role: "user", content: "hi" }],
      top_p: "most",
    });
    assert.equal(badTopP.status, 400);
    assert.match(badTopP.json.error.message, /top_p: expected a number/);
  } finally {
    await server.stop();
  }
});

Deno.test("real model: every decision schema goes through the real grammar and validates", async () => {
  const server = await realServer(2);
  const client = realClient(server);
  const schemas: [string, z.ZodType][] = [
    ["choose", chooseReplySchema],
    ["feel", feelReplySchema],
    ["interview", interviewReplySchema],
    ["browse", browseReplySchema(5)],
    ["browse_empty", browseReplySchema(0)],
    ["social", socialReplySchema(["u7", "u9"])],
    ["social_alone", socialReplySchema([])],
    ["survey", surveyReplySchema],
  ];
  try {
    const results = await Promise.all(schemas.map(([name, schema]) =>
      client.complete({
        messages: [
          { role: "system", content: "You are Ana, 34, who loves science fiction films." },
          { role: "user", content: `Decide (${name}) and answer in JSON.` },
        ],
        schema,
        schemaName: `socius_${name}`,
        temperature: 0.7,
        // The grammar bounds a reply in characters (160 a string, 4 items a list), not in
        // tokens: the social schema's seven strings at their cap are 1,120 characters, over
        // 400 tokens once the text is less plain than English prose (names, digits, emoji).
        // A reply cut off there would fail the test on the token budget, which is not what
        // it checks.
        maxTokens: 1200,
        meta: { seed: name },
      })
    ));
    results.forEach((r, i) => {
      assert.ok(r.ok, `${schemas[i][0]}: ${!r.ok && r.error}`);
      // Valid on the first attempt: the grammar, not a repair, made it valid.
      assert.equal(r.attempts, 1, schemas[i][0]);
      schemas[i][1].parse(JSON.parse(r.raw));
    });
  } finally {
    await server.stop();
  }
});

Deno.test("real model: a missing model file names the file", async () => {
  await assert.rejects(() => startLocalLlama({ model: "/nonexistent/model.gguf" }), /not found/);
});
