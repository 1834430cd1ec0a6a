// A small simulation on the real SmolLM2-135M model (2 agents, 2 rounds): every request
// carries its JSON schema, the failure and repair counts in the events match the HTTP
// traffic, and the recorded run replays to identical bytes with the server stopped.
// On a 135M model this is a dry run of the machinery, not a finding about people.
import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { loadVegaCatalog } from "@lib/recsys/load_vega.ts";
import { Catalog } from "@lib/recsys/catalog.ts";
import { LlmClient } from "@lib/llm/mod.ts";
import { MiniLmEmbedder } from "@lib/llm/minilm_embedder.ts";
import { realClient, realServer } from "./real_model_helpers.ts";

const scenario = {
  name: "real-model",
  seed: 5,
  rounds: 2,
  agents: { source: "csv" as const, path: "data/profiles.csv", count: 2 },
  recommender: { model: { algorithm: "popular" as const }, pageSize: 4 },
  social: { graph: "none" as const },
  brain: { kind: "llm" as const, params: { maxTokens: 600 } },
};

Deno.test("real model: a recorded run validates, counts match the traffic, replay is byte-identical", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "socius_real_" });
  const { catalog: full } = await loadVegaCatalog();
  const catalog = new Catalog(full.items.slice(0, 60), "vega (60)");
  const server = await realServer(2);
  const embedder = await MiniLmEmbedder.open();
  const bodies: {
    response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
    messages: { role: string }[];
  }[] = [];
  let client: LlmClient;
  try {
    client = realClient(server, { mode: "record", dir: `${tmp}/cache` }, {
      fetch: (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith("/chat/completions")) {
          bodies.push(JSON.parse(String(init?.body)));
        }
        return fetch(input, init);
      },
    });
    const engine = await createSimulation(scenario, {
      out: `${tmp}/a`,
      llm: client,
      catalog,
      embedder,
    });
    await engine.run();
    const decisions = engine.log.ofType("decision");
    assert.ok(decisions.length >= 2);
    assert.ok(bodies.length >= decisions.length);
    for (const b of bodies) {
      assert.equal(b.response_format?.type, "json_schema");
      assert.equal(typeof b.response_format?.json_schema?.schema, "object");
    }
    const manifest = JSON.parse(await Deno.readTextFile(`${tmp}/a/manifest.json`));
    assert.equal(manifest.embedder, "all-MiniLM-L6-v2-int8");
    const names = new Set(bodies.map((b) => b.response_format!.json_schema!.name));
    assert.ok([...names].some((n) => n.startsWith("socius_")));
    const stats = client.stats();
    assert.equal(stats.retries, 0);
    // A repair re-sends the conversation with the model's invalid reply in it.
    const repairs = bodies.filter((b) => b.messages.some((m) => m.role === "assistant")).length;
    assert.equal(bodies.length, stats.started + repairs);
    const failed = decisions.filter((d) => d.failure !== null).length;
    assert.equal(failed, engine.totals.failures);
    const llmFailures = decisions.filter((d) => /^llm: /.test(d.failure ?? "")).length;
    assert.ok(llmFailures <= stats.failed);
  } finally {
    await server.stop();
  }

  // Replay: the server is gone; every answer must come from the recording.
  const replay = new LlmClient({
    model: server.model,
    endpoints: [{ baseUrl: "http://127.0.0.1:9/v1", keys: ["local"] }],
    retry: { maxRetries: 0 },
    cache: { mode: "replay", dir: `${tmp}/cache` },
  });
  const again = await createSimulation(scenario, {
    out: `${tmp}/b`,
    llm: replay,
    catalog,
    embedder,
  });
  await again.run();
  assert.equal(
    await Deno.readTextFile(`${tmp}/b/events.jsonl`),
    await Deno.readTextFile(`${tmp}/a/events.jsonl`),
  );
  await Deno.remove(tmp, { recursive: true });
});
