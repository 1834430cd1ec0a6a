import assert from "node:assert/strict";
import { RuleS3Brain } from "@lib/brain/social/s3_rule.ts";
import type { FeedPost } from "@lib/brain/context.ts";
import { Rng } from "@lib/core/rng.ts";
import { startLocalServer } from "@lib/llm/mod.ts";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { SocialGraph } from "@lib/social/graph.ts";
import { agentProfiles, simulateAgents } from "@lib/sim/agent_spread.ts";
import { feedOnlyCatalog } from "@lib/sim/s3_preset.ts";
import { loadScenario, type Scenario } from "@lib/sim/scenario.ts";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { createSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import { SocialFeed } from "@lib/sim/social_feed.ts";
import { toJsonl } from "@lib/social/spread/types.ts";
import { repostReply } from "./helpers.ts";
import { localServerClient } from "../llm/helpers.ts";

const S3_JSON = `${PROJECT_ROOT}/data/scenarios/s3.json`;

/** The example s3 scenario at test size. */
async function s3Scenario(rounds: number, agents = 60): Promise<Scenario> {
  const sc = await loadScenario(S3_JSON);
  return { ...sc, rounds, agents: { ...sc.agents, count: agents } };
}

Deno.test("an s3 scenario's agents only read their feed, and the seeded event spreads through feed decisions", async () => {
  const engine = await createSimulation(await s3Scenario(5));
  await engine.run();
  const log = engine.log;
  assert.equal(log.ofType("seed").length, 5);
  assert.equal(log.ofType("page").length, 0, "nobody browsed the recommender");
  const choices = log.ofType("decision").filter((d) => d.behaviour === "choose");
  assert.ok(choices.every((d) => d.action.type === "choose" && d.action.activity === "social"));
  // Every agent takes a turn every round.
  assert.equal(choices.length, 5 * engine.world.ids.length);
  assert.ok(log.ofType("aware").length > 5, "the event reached readers");
  for (const s of log.ofType("share")) {
    assert.ok(
      log.ofType("decision").some((d) =>
        d.agent === s.agent && d.round === s.round && d.action.type === s.kind
      ),
    );
  }
  // S3's population starts predisposed: emotions and leanings are drawn, not all equal.
  const leanings = engine.world.ids.map((id) => engine.world.agent(id).state.leaning);
  assert.ok(leanings.every((x) => typeof x === "number"));
  assert.ok(new Set(leanings).size > 10);
});

Deno.test("an s3 run killed after round 2 resumes to the bytes of a run never interrupted", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-s3-" });
  try {
    const sc = await s3Scenario(5, 40);
    const whole = await createSimulation(sc, { out: `${dir}/whole` });
    await whole.run();
    const cut = await createSimulation(sc, { out: `${dir}/cut` });
    await cut.run(2);
    cut.store!.close();
    const resumed = await resumeSimulation(`${dir}/cut`);
    await resumed.run();
    const bytes = await Deno.readTextFile(`${dir}/whole/events.jsonl`);
    assert.ok(bytes.includes('"type":"share"') || bytes.includes('"type":"aware"'));
    assert.equal(await Deno.readTextFile(`${dir}/cut/events.jsonl`), bytes);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a feed_event naming an unknown poster is refused before the run exists", async () => {
  const sc = await s3Scenario(2, 20);
  const iv = { ...sc.interventions[0], posters: ["nobody"] };
  await assert.rejects(
    () => createSimulation({ ...sc, interventions: [iv] }),
    /interventions\[0\]\.posters\[0\]: expected the id of an agent/,
  );
});

Deno.test("the s3 feed keeps a message for its window and ranks by decay × relevance", () => {
  const g = new SocialGraph(["me", "a", "b"]);
  g.addEdge("me", "a");
  g.addEdge("me", "b");
  const feed = new SocialFeed();
  const m = {
    kind: "post" as const,
    parent: null,
    eventId: "e",
    emotion: 0,
    stance: 0,
    reposts: 0,
  };
  feed.add({ ...m, id: "seed:e:a", author: "a", round: 0, text: "river leak" });
  feed.add({ ...m, id: "1:b:0", author: "b", round: 1, text: "football tonight" });
  const settings = { ranker: "s3" as const, size: 5, decay: 0.8, stepMinutes: 60 };
  feed.configure({
    window: 1,
    decay: 0.5,
    relevance: (_viewer: string, p: FeedPost) => p.text.includes("river") ? 1 : 0.4,
  });
  // The seed is read from its own round, a turn's post from the next one; each for one round.
  assert.deepEqual(feed.view(g, "me", 0, settings).map((p) => p.id), ["seed:e:a"]);
  assert.deepEqual(feed.view(g, "me", 1, settings).map((p) => p.id), []);
  assert.deepEqual(feed.view(g, "me", 2, settings).map((p) => p.id), ["1:b:0"]);
  // Two readable at once: the relevant older one beats the fresher irrelevant one at decay 0.9
  // but not at 0.3, and each copy carries its relevance to the viewer.
  feed.configure({
    window: 3,
    decay: 0.9,
    relevance: (_v, p) => p.text.includes("river") ? 1 : 0.4,
  });
  const shown = feed.view(g, "me", 2, settings);
  assert.deepEqual(shown.map((p) => [p.id, p.relevance]), [["seed:e:a", 1], ["1:b:0", 0.4]]);
  feed.configure({
    window: 3,
    decay: 0.3,
    relevance: (_v, p) => p.text.includes("river") ? 1 : 0.4,
  });
  assert.deepEqual(feed.view(g, "me", 2, settings).map((p) => p.id), ["1:b:0", "seed:e:a"]);
});

Deno.test("simulateAgents is a run of the engine: its log, decisions and store are the engine's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-agents-" });
  try {
    const graph = barabasiAlbert(50, 2, { rng: new Rng("s3-engine") });
    const run = await simulateAgents({
      graph,
      brain: new RuleS3Brain(),
      event: { text: "A shocking leak", posters: ["0", "1"], time: 1 },
      steps: 5,
      seed: 4,
      params: { shareBase: 0.5 },
      out: `${dir}/run`,
    });
    const log = run.engine.log;
    assert.equal(run.engine.world.round, 5);
    // Seeded at the start of round 1, as asked; nobody knew anything before.
    assert.deepEqual(log.ofType("seed").map((e) => e.round), [1, 1]);
    assert.equal(run.stats[0].aware, 0);
    assert.ok(run.stats.at(-1)!.aware > 2);
    // The S3 view is the engine's log, event for event.
    const social = log.events.filter((e) =>
      ["seed", "aware", "share", "emotion", "attitude"].includes(e.type)
    );
    assert.equal(run.events.length, social.length);
    assert.ok(run.decisions > 0 && run.decisions <= log.ofType("decision").length);
    // The run store holds exactly that log, with a checkpoint per round.
    const saved = (await Deno.readTextFile(`${dir}/run/events.jsonl`)).trim().split("\n");
    assert.equal(saved.length, log.events.length);
    const cp = JSON.parse(await Deno.readTextFile(`${dir}/run/checkpoint.json`));
    assert.equal(cp.round, 4);
    // Same inputs, same S3 log.
    const again = await simulateAgents({
      graph,
      brain: new RuleS3Brain(),
      event: { text: "A shocking leak", posters: ["0", "1"], time: 1 },
      steps: 5,
      seed: 4,
      params: { shareBase: 0.5 },
    });
    assert.equal(toJsonl(again.events), toJsonl(run.events));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("simulateAgents refuses an event seeded after its last round", async () => {
  const graph = barabasiAlbert(10, 2, { rng: new Rng(1) });
  await assert.rejects(
    () =>
      simulateAgents({
        graph,
        brain: new RuleS3Brain(),
        event: { text: "x", posters: ["0"], time: 3 },
        steps: 3,
        seed: 1,
      }),
    /seed event: time: must be < steps \(3\), got 3/,
  );
});

Deno.test("deno task sim runs the s3 preset with LLM feed decisions over real HTTP", async () => {
  const server = await startLocalServer({
    keys: ["sk-s3-cli"],
    responder: () => repostReply("negative"),
  });
  const dir = await Deno.makeTempDir({ prefix: "socius-s3-cli-" });
  try {
    const sc = await s3Scenario(2, 20);
    const file = `${dir}/s3.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({ ...sc, brain: { ...sc.brain, feed: { kind: "llm", params: {} } } }),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${PROJECT_ROOT}/lib/cli/sim.ts`, file, "--out", `${dir}/run`],
      env: {
        OPENAI_BASE_URL: server.url,
        OPENAI_API_KEY: "sk-s3-cli",
        OPENAI_MODEL: "scripted",
        SOCIUS_LLM_CACHE: "off",
        SOCIUS_EMBEDDER: "hashed",
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const events = (await Deno.readTextFile(`${dir}/run/events.jsonl`)).trim().split("\n")
      .map((l) => JSON.parse(l));
    const llmReposts = events.filter((e) =>
      e.type === "decision" && e.brain === "llm" && e.action.type === "repost"
    );
    assert.ok(llmReposts.length > 0, "the LLM decided feed turns");
    assert.ok(events.some((e) => e.type === "share" && e.kind === "repost"));
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a saved simulateAgents run resumes like any run: extended by three rounds it has the bytes of the longer run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-agents-resume-" });
  try {
    const graph = barabasiAlbert(40, 2, { rng: new Rng("s3-resume") });
    const base = {
      graph,
      brain: new RuleS3Brain(),
      event: { text: "A shocking leak", posters: ["0"] },
      seed: 9,
      params: { shareBase: 0.5 },
    };
    await simulateAgents({ ...base, steps: 5, out: `${dir}/long` });
    const short = await simulateAgents({ ...base, steps: 2, out: `${dir}/short` });
    const resumed = await resumeSimulation(`${dir}/short`, {
      profiles: agentProfiles(graph),
      catalog: feedOnlyCatalog(),
      scenario: { ...short.engine.world.scenario, rounds: 5 },
    });
    await resumed.run();
    const long = await Deno.readTextFile(`${dir}/long/events.jsonl`);
    assert.ok(long.includes('"type":"share"'));
    assert.equal(await Deno.readTextFile(`${dir}/short/events.jsonl`), long);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an s3 population can mix feed logics: a share of its agents decides by the LLM over real HTTP, the rest by rules", async () => {
  const { server, llm } = await localServerClient("sk-s3-mix", () => repostReply("negative"));
  try {
    const sc = await s3Scenario(3, 40);
    const engine = await createSimulation({
      ...sc,
      brains: [{ brain: { kind: "rule", feed: { kind: "llm", params: {} } }, fraction: 0.25 }],
    }, { llm });
    await engine.run();
    const feedDecisions = engine.log.ofType("decision").filter((d) =>
      d.behaviour === "social" && d.action.type !== "nothing"
    );
    const byLlm = new Set(feedDecisions.filter((d) => d.brain === "llm").map((d) => d.agent));
    assert.ok(byLlm.size > 0, "some agents' feed turns went to the LLM");
    assert.ok(byLlm.size <= 10, `at most the share's 10 agents, found ${byLlm.size}`);
    // Everybody, whatever decides its feed turns, only reads its feed.
    assert.equal(engine.log.ofType("page").length, 0);
    assert.equal(
      engine.log.ofType("round_end").reduce((s, e) => s + e.calls, 0),
      engine.totals.calls,
    );
  } finally {
    await server.stop();
  }
});
