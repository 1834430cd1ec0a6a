import assert from "node:assert/strict";
import { LlmClient } from "@lib/llm/client.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { AgentMemory } from "@lib/memory/agent_memory.ts";
import { llmInsightWriter, llmReflector, llmSensory } from "@lib/memory/llm_hooks.ts";
import { HashedEmbedder } from "@lib/llm/hashed_embedder.ts";
import { Rng } from "@lib/core/rng.ts";

const KEY = "sk-memory-hooks-3c";

async function withServer(
  reply: (prompt: string) => string,
  fn: (llm: LlmClient) => Promise<void>,
) {
  const prompts: string[] = [];
  const server = await startLocalServer({
    keys: [KEY],
    responder: (req) => {
      const p = req.messages.at(-1)!.content;
      prompts.push(p);
      return reply(p);
    },
  });
  try {
    await fn(
      new LlmClient({
        model: "m",
        endpoints: [{ baseUrl: server.url, keys: [KEY] }],
        cache: { mode: "off" },
        repairs: 0,
      }),
    );
  } finally {
    await server.stop();
  }
  return prompts;
}

Deno.test("a promoted memory gets the LLM's insight, and a failed call falls back to the rule", async () => {
  const prompts = await withServer(
    (p) => p.includes("came back") ? JSON.stringify({ insight: "She loves space operas." }) : "{}",
    async (llm) => {
      const memory = new AgentMemory({
        embedder: new HashedEmbedder(),
        rng: new Rng(1),
        config: { promoteAfter: 2, enhanceThreshold: 0.5 },
        insightWriter: llmInsightWriter(llm, { agentId: "a1" }),
      });
      for (let h = 0; h < 4; h++) {
        await memory.observe({ text: "I watched <Star Wars> and loved it", importance: 6 }, h);
      }
      assert.ok(
        memory.longTerm.some((m) => m.text.includes("She loves space operas.")),
        JSON.stringify(memory.rows(4)),
      );
    },
  );
  assert.ok(prompts.some((p) => p.includes("Star Wars")));
  await withServer(() => "not json", async (llm) => {
    const write = llmInsightWriter(llm, { agentId: "a1" });
    const rec = {
      id: "m0",
      text: "I watched <Heat>.",
      importance: 5,
      createdAt: 0,
      lastAccess: 0,
      embedding: new Float32Array(4),
      kind: "observation" as const,
      enhancements: 2,
      sources: [],
    };
    assert.match(await write(rec, [rec]), /Heat/);
  });
});

Deno.test("reflection and sensory compression come from the LLM with their importance", async () => {
  await withServer(
    (p) =>
      p.startsWith("Recent memories")
        ? JSON.stringify({
          question: "What does she like?",
          insight: "She likes thrillers.",
          importance: 9,
        })
        : JSON.stringify({ sentence: "Saw <Heat> with Tom.", importance: 7 }),
    async (llm) => {
      const reflect = llmReflector(llm, { agentId: "a2" }, {
        topicWords: ["thriller"],
        minCount: 2,
      });
      const r = await reflect([
        { id: "m1", text: "I watched a thriller." } as never,
        { id: "m2", text: "Another thriller." } as never,
      ]);
      assert.deepEqual(r, {
        question: "What does she like?",
        insight: "She likes thrillers.",
        importance: 9,
      });
      const p = await llmSensory(llm, { agentId: "a2" }).perceive(
        "I entered the page and then watched Heat with Tom, it was long",
      );
      assert.deepEqual(p, { text: "Saw <Heat> with Tom.", importance: 7 });
    },
  );
});
