import assert from "node:assert/strict";
import { LlmClient, type ParsedChatRequest, startLocalServer } from "@lib/llm/mod.ts";
import { SocialGraph } from "@lib/social/mod.ts";
import { type AgentProfile, LlmS3Brain } from "@lib/brain/mod.ts";
import { inferDemographics } from "@lib/profile/mod.ts";
import { simulateAgents } from "@lib/sim/mod.ts";

const KEY = "sk-s3-test";

/** A server whose replies are chosen by the agent named in the prompt ("about: user-x"). */
async function withServer(
  replies: Record<string, string>,
  fn: (llm: LlmClient, seen: ParsedChatRequest[]) => Promise<void>,
) {
  const seen: ParsedChatRequest[] = [];
  const server = await startLocalServer({
    keys: [KEY],
    responder: (req) => {
      seen.push(req);
      const who = /user-(\w+)/.exec(req.messages.map((m) => m.content).join("\n"))?.[1] ?? "";
      return replies[who] ?? "no scripted reply";
    },
  });
  try {
    const llm = new LlmClient({
      model: "scripted",
      endpoints: [{ baseUrl: server.url, keys: [KEY] }],
      cache: { mode: "off" },
      retry: { maxRetries: 0, baseMs: 0 },
      repairs: 0,
    });
    await fn(llm, seen);
  } finally {
    await server.stop();
  }
}

const profile = (id: string): AgentProfile => ({
  id,
  gender: "female",
  age: 30,
  occupation: "teacher",
  description: `user-${id}`,
});

Deno.test("LLM agents repost, post and fail over real HTTP; a malformed reply is a recorded failure", async () => {
  const g = new SocialGraph(["s", "b", "c", "d"]);
  for (const x of ["b", "c", "d"]) g.addEdge("s", x);
  await withServer({
    b: JSON.stringify({
      behaviour: "repost",
      message: 1,
      text: null,
      emotion: "intense",
      attitude: "negative",
    }),
    c: JSON.stringify({
      behaviour: "post",
      message: 1,
      text: "This is outrageous!!",
      emotion: "intense",
      attitude: "positive",
    }),
    d: "{ behaviour: repost, oops",
  }, async (llm, seen) => {
    const run = await simulateAgents({
      graph: g,
      brain: new LlmS3Brain(llm),
      event: { text: "The plant will release water", posters: ["s"], stance: 0.6 },
      steps: 1,
      seed: 1,
      concurrency: 3,
      profiles: ["s", "b", "c", "d"].map(profile),
      // No calming, so the poster (whose feed is empty) keeps the event's intensity.
      params: { initialEmotion: [1, 0, 0], stanceMean: 0.5, stanceSd: 0, calmRate: 0 },
    });
    assert.equal(seen.length, 3);
    // The schema sent is strict-compatible: every field required.
    const schema = seen[0].jsonSchema as { required: string[] };
    assert.deepEqual([...schema.required].sort(), [
      "attitude",
      "behaviour",
      "emotion",
      "message",
      "text",
    ]);
    assert.equal(run.decisions, 3);
    assert.equal(run.failures, 1);
    // The event is seeded at the start of round 0 and read in it; each reader's events come in
    // the engine's order: aware, the mood its decision left, then what it passed on.
    const round0 = run.events.filter((e) => e.t === 0 && e.type !== "seed");
    assert.deepEqual(round0.map((e) => `${e.type}:${e.agent}`), [
      "aware:b",
      "emotion:b",
      "attitude:b",
      "share:b",
      "aware:c",
      "emotion:c",
      "share:c",
      "aware:d",
      "failed:d",
    ]);
    const shareB = round0[3], shareC = round0[6];
    assert.ok(shareB.type === "share" && shareB.kind === "repost" && shareB.parent === "s");
    assert.equal(shareB.text, "The plant will release water");
    assert.ok(
      shareC.type === "share" && shareC.kind === "post" && shareC.text === "This is outrageous!!",
    );
    assert.deepEqual(run.stats[0], {
      t: 0,
      aware: 4,
      shared: 3,
      calm: 1,
      moderate: 0,
      intense: 3,
      negative: 1,
      positive: 3,
      meanStance: (0.6 - 0.5 + 0.5 + 0.5) / 4,
    });
  });
});

Deno.test("demographics are inferred from posts with one structured call; failures are returned", async () => {
  await withServer({
    a: JSON.stringify({ gender: "male", age: 41, occupation: "nurse" }),
  }, async (llm) => {
    assert.deepEqual(await inferDemographics(llm, "a", ["user-a: night shift again"]), {
      gender: "male",
      age: 41,
      occupation: "nurse",
    });
    const bad = await inferDemographics(llm, "z", ["user-z"]);
    assert.ok("failure" in bad);
  });
});

Deno.test("an LLM agent on the engine is shown what it passed on earlier as a remembered post", async () => {
  // A triangle: b and c both read the seed in round 0, and each other's repost in round 1.
  const g = new SocialGraph(["s", "b", "c"]);
  g.addEdge("s", "b");
  g.addEdge("s", "c");
  g.addEdge("b", "c");
  const repost = JSON.stringify({
    behaviour: "repost",
    message: 1,
    text: null,
    emotion: "moderate",
    attitude: "positive",
  });
  const nothing = JSON.stringify({
    behaviour: "nothing",
    message: null,
    text: null,
    emotion: "calm",
    attitude: "positive",
  });
  await withServer({ s: nothing, b: repost, c: repost }, async (llm, seen) => {
    const run = await simulateAgents({
      graph: g,
      brain: new LlmS3Brain(llm),
      event: { text: "The plant will release water", posters: ["s"] },
      steps: 2,
      seed: 1,
      profiles: ["s", "b", "c"].map(profile),
    });
    assert.equal(run.failures, 0);
    const prompts = seen.map((r) => r.messages.map((m) => m.content).join("\n"));
    // Round 0: b and c read the seed; round 1: s, b and c read the reposts.
    assert.equal(prompts.length, 5);
    const later = prompts.filter((p) => p.includes("Posts you remember"));
    const remembered = later.filter((p) =>
      /Posts you remember:\n- @\w+: I reposted @s: The plant/.test(p)
    );
    assert.equal(remembered.length, 2, "b and c each remember their repost");
  });
});
