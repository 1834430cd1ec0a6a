import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import type { StructuredLlm, StructuredRequest, StructuredResult } from "@lib/llm/types.ts";
import { generateProfiles, interestGenres, Population, profileSchema } from "@lib/profile/mod.ts";
import { LlmClient, startLocalServer } from "@lib/llm/mod.ts";

/**
 * A test-local structured model: a deterministic generator that answers the skeleton
 * indices it is asked about, with optional scripted misbehaviour.
 */
class ScriptedLlm implements StructuredLlm {
  readonly model = "scripted-profile-writer";
  calls: StructuredRequest<unknown>[] = [];
  constructor(readonly misbehave: (call: number, indices: number[]) => unknown = () => null) {}
  complete<T>(req: StructuredRequest<T>): Promise<StructuredResult<T>> {
    this.calls.push(req as StructuredRequest<unknown>);
    const usage = { promptTokens: 10, completionTokens: 10 };
    const indices = [...req.messages.at(-1)!.content.matchAll(/index (\d+):/g)].map((m) =>
      Number(m[1])
    );
    const scripted = this.misbehave(this.calls.length, indices);
    const reply = scripted ?? {
      profiles: indices.map((i) => ({
        index: i,
        name: `Person ${i}`,
        traits: ["calm", `trait${i % 7}`],
      })),
    };
    const parsed = req.schema.safeParse(reply);
    if (!parsed.success) {
      return Promise.resolve({
        ok: false,
        error: "validation failed",
        usage,
        cached: false,
        attempts: 1,
        latencyMs: 0,
      });
    }
    return Promise.resolve({
      ok: true,
      value: parsed.data,
      raw: JSON.stringify(reply),
      usage,
      cached: false,
      attempts: 1,
      latencyMs: 0,
    });
  }
}

Deno.test("the spec fixes demographics and batches the calls", async () => {
  const llm = new ScriptedLlm();
  const { profiles, calls, problems } = await generateProfiles(llm, {
    count: 25,
    ageRange: [30, 40],
    genderShares: { female: 1 },
    careers: ["nurse", "pilot"],
    interestWeights: { Horror: 1, Comedy: 1 },
    interestsPerAgent: [1, 2],
    batchSize: 10,
  }, new Rng(3));
  assert.equal(calls, 3);
  assert.deepEqual(problems, []);
  assert.equal(new Population(profiles).size, 25);
  for (const p of profiles) {
    profileSchema.parse(p);
    assert.ok(p.age >= 30 && p.age <= 40);
    assert.equal(p.gender, "female");
    assert.ok(["nurse", "pilot"].includes(p.career));
    assert.ok(interestGenres(p).every((g) => g === "Horror" || g === "Comedy"));
    assert.ok(p.features.length > 0);
  }
  for (const c of llm.calls) {
    assert.equal(c.meta?.behaviour, "profile-generation");
    assert.ok(c.meta?.seed !== undefined);
  }
});

Deno.test("same seed, same population; a different seed differs", async () => {
  const run = async (seed: number) =>
    JSON.stringify(
      (await generateProfiles(new ScriptedLlm(), { count: 12 }, new Rng(seed))).profiles,
    );
  assert.equal(await run(1), await run(1));
  assert.notEqual(await run(1), await run(2));
});

Deno.test("failed calls, duplicates and stray indices are retried until every slot is filled", async () => {
  const llm = new ScriptedLlm((call, idx) => {
    if (call === 1) return { profiles: "not a list" };
    if (call === 2) {
      return {
        profiles: [
          ...idx.map((i) => ({ index: i, name: "Same Person", traits: ["calm"] })),
          { index: 999, name: "Stray", traits: ["odd"] },
        ],
      };
    }
    return null;
  });
  const { profiles, problems, calls } = await generateProfiles(
    llm,
    { count: 4, batchSize: 2 },
    new Rng(5),
  );
  assert.equal(profiles.length, 4);
  assert.ok(calls >= 3);
  assert.ok(problems.some((p) => /validation failed/.test(p)));
  assert.ok(problems.some((p) => /duplicates an earlier profile/.test(p)));
  assert.ok(problems.some((p) => /index 999/.test(p)));
  assert.equal(profiles.filter((p) => p.name === "Same Person").length, 1);
});

Deno.test("slots still empty after the retries are reported, not invented", async () => {
  const llm = new ScriptedLlm(() => ({ profiles: [] }));
  const { profiles, problems } = await generateProfiles(
    llm,
    { count: 3, maxRetries: 1 },
    new Rng(5),
  );
  assert.equal(profiles.length, 0);
  assert.equal(problems.filter((p) => /no valid profile after 2 tries/.test(p)).length, 3);
});

Deno.test("a bad spec is a ConfigError naming the field", async () => {
  await assert.rejects(
    () => generateProfiles(new ScriptedLlm(), { count: 0 }, new Rng(1)),
    /population spec: count: count: /,
  );
});

Deno.test("generation over real HTTP: LlmClient against the local OpenAI-compatible server", async () => {
  const KEY = "sk-profile-test-0001";
  const dir = await Deno.makeTempDir({ prefix: "socius_profile_gen_" });
  // Scripted replies: one person per index line of the prompt, named after the index.
  const server = await startLocalServer({
    keys: [KEY],
    responder: (req) => {
      const idx = [...(req.messages.at(-1)?.content ?? "").matchAll(/index (\d+):/g)].map((m) =>
        Number(m[1])
      );
      return JSON.stringify({
        profiles: idx.map((i) => ({
          index: i,
          name: `Served Person ${i}`,
          traits: ["kind", "curious"],
        })),
      });
    },
  });
  try {
    const client = () =>
      new LlmClient({
        model: "socius-local",
        endpoints: [{ baseUrl: server.url, keys: [KEY] }],
        cache: { mode: "auto", dir },
      });
    const first = await generateProfiles(client(), { count: 7, batchSize: 3 }, new Rng(11));
    assert.equal(first.profiles.length, 7);
    assert.equal(first.calls, 3);
    assert.equal(first.profiles[4].name, "Served Person 4");
    assert.equal(first.profiles[4].extras.model, "socius-local");
    assert.equal(server.stats().chat, 3);
    // Same seed: every call is served from the LLM layer's cache, the population is identical.
    server.reset();
    const again = await generateProfiles(client(), { count: 7, batchSize: 3 }, new Rng(11));
    assert.equal(server.stats().chat, 0);
    assert.deepEqual(again.profiles, first.profiles);
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
