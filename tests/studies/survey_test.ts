import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { attachSurvey, heardOpinions, surveyRows } from "@lib/sim/survey.ts";
import { RuleSurveyor } from "@lib/brain/survey/rule_survey.ts";
import { LlmSurveyor } from "@lib/brain/survey/llm_survey.ts";
import { statedScore } from "@lib/brain/survey/survey.ts";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { LlmClient } from "@lib/llm/client.ts";
import { Rng } from "@lib/core/rng.ts";

Deno.test("statedScore reads n/10 and doubles n/5, ignoring impossible scores", () => {
  assert.equal(statedScore("I gave it 3/5. Now I would give it 7/10."), 7);
  assert.equal(statedScore("gave it 5/5"), 10);
  assert.equal(statedScore("9/5 is not a score"), null);
});

Deno.test("a survey logs one answer per agent and round and does not change what agents do", async () => {
  const sc = { rounds: 3, seed: 5, agents: { source: "csv" as const, count: 10 } };
  const plain = await createSimulation(sc);
  await plain.run();
  const surveyed = await createSimulation(sc);
  attachSurvey(surveyed, { surveyor: new RuleSurveyor(), question: { kind: "satisfaction" } });
  await surveyed.run();
  const acts = (e: typeof plain) =>
    e.log.events.filter((x) => x.type === "decision").map(({ seq: _seq, ...x }) =>
      JSON.stringify(x)
    );
  assert.deepEqual(acts(surveyed), acts(plain));
  const rows = surveyRows(surveyed.log.events, "satisfaction");
  const browsed = new Set(
    surveyed.log.ofType("page").filter((p) => p.query === null).map((p) => `${p.round}:${p.agent}`),
  );
  assert.equal(rows.length, browsed.size);
  assert.ok(rows.every((r) => browsed.has(`${r.round}:${r.agentId}`)));
});

Deno.test("heard opinions are read back from deliveries, latest per sender", () => {
  const post = (round: number, text: string) => ({
    seq: 0,
    round,
    t: "",
    type: "decision" as const,
    agent: "a",
    behaviour: "social" as const,
    brain: "rule" as const,
    action: { type: "post" as const, text, itemIds: ["m"] },
    rationale: "",
    calls: 0,
    tokens: 0,
    failure: null,
  });
  const deliver = (round: number) => ({
    seq: 0,
    round,
    t: "",
    type: "deliver" as const,
    from: "a",
    to: "b",
    kind: "post" as const,
    items: ["m"],
  });
  const events = [post(0, "<M> 2/5"), deliver(0), post(1, "<M> now 7/10"), deliver(1)];
  assert.deepEqual(heardOpinions(events, "m", 0).get("b")!.map((h) => h.score), [4]);
  assert.deepEqual(heardOpinions(events, "m").get("b")!.map((h) => h.score), [7]);
  assert.equal(heardOpinions(events, "other").size, 0);
});

Deno.test("the LLM surveyor sends the heard opinions and returns the model's score", async () => {
  let prompt = "";
  const server = await startLocalServer({
    keys: ["k"],
    responder: (req) => {
      prompt = JSON.stringify(req);
      return JSON.stringify({ score: 7, reason: "Friends liked it." });
    },
  });
  try {
    const llm = new LlmClient({
      model: "test",
      endpoints: [{ baseUrl: server.url, keys: ["k"] }],
      cache: { mode: "off" },
    });
    const item = {
      id: "m",
      title: "Heat",
      genres: ["Crime"],
      year: 1995,
      description: "",
      popularity: 1,
      quality: 0.8,
    };
    const a = await new LlmSurveyor(llm).answer({
      agentId: "a",
      callSite: "0:a",
      memories: [],
      rng: new Rng(1),
      time: { round: 0, iso: "", label: "" },
      profile: {
        id: "a",
        name: "Ann",
        gender: "f",
        age: 30,
        traits: [],
        career: "",
        interests: [],
        features: [],
        extras: {},
      },
      state: {
        genreWeights: {},
        watched: [],
        ratings: {},
        heardOf: {},
        conformity: 0.5,
        busyRounds: 0,
      },
      heard: [{ fromId: "b", fromName: "Bo", text: "gave it 4/5", score: 8, round: 0 }],
      question: { kind: "score", item },
    });
    assert.equal(a.score, 7);
    assert.equal(a.failure, null);
    assert.match(prompt, /gave it 4\/5/);
  } finally {
    await server.stop();
  }
});

Deno.test("satisfaction follows the experience of what was watched, not the page's utility", async () => {
  const s = new RuleSurveyor({ config: { satisfactionNoise: 0 } });
  const item = {
    id: "m",
    title: "M",
    genres: ["Drama"],
    year: null,
    description: "",
    popularity: 1,
    quality: 0.6,
  };
  const ctx = (rating: number) => ({
    agentId: "a",
    callSite: "0:a",
    memories: [],
    rng: new Rng(1),
    heard: [],
    time: { round: 0, iso: "", label: "" },
    profile: {
      id: "a",
      name: "A",
      gender: "f",
      age: 30,
      traits: [],
      career: "",
      interests: [],
      features: [],
      extras: {},
    },
    state: {
      genreWeights: { Drama: 0.5, Comedy: 0.5 },
      watched: ["m"],
      ratings: { m: rating },
      heardOf: {},
      conformity: 0.5,
      busyRounds: 0,
    },
    question: {
      kind: "satisfaction" as const,
      shown: [{ item, friendsWatched: 0, mentions: 0, avgRating: null }],
      watched: ["m"],
    },
  });
  // Same page, same taste, same choice utility: only the experience differs.
  const loved = (await s.answer(ctx(5))).score;
  const hated = (await s.answer(ctx(1))).score;
  assert.ok(loved > hated, `${loved} vs ${hated}`);
});
