import assert from "node:assert/strict";
import { actionSchema } from "@lib/brain/action.ts";
import { FeedBrain } from "@lib/brain/social/feed_brain.ts";
import { RuleS3Brain } from "@lib/brain/social/s3_rule.ts";
import type { Brain } from "@lib/brain/brain.ts";
import type { DecisionContext } from "@lib/brain/context.ts";
import type { Engine } from "@lib/sim/engine.ts";
import { seedFeedEvent } from "@lib/sim/feed_seed.ts";
import { createSimulation, forkSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import { logText, repostReply, smallScenario } from "./helpers.ts";
import { localServerClient } from "../llm/helpers.ts";

/** Every agent reads its feed with S3's rule logic and otherwise uses the scenario's brain. */
async function newsRun(rounds = 5): Promise<Engine> {
  const engine = await createSimulation(smallScenario({ rounds, seed: 21 }));
  const w = engine.world;
  for (const id of w.ids) {
    w.brains.set(
      id,
      new FeedBrain(new RuleS3Brain(), w.brainOf(id), { params: { shareBase: 0.6 } }),
    );
  }
  seedFeedEvent(engine, {
    eventId: "leak",
    text: "The plant leaks into the river",
    posters: [w.ids[0]],
  });
  return engine;
}

Deno.test("agents of the normal engine read the news on their social feed and repost it", async () => {
  const engine = await newsRun();
  await engine.run();
  const log = engine.log;
  assert.equal(log.ofType("seed").length, 1);
  const aware = log.ofType("aware");
  const shares = log.ofType("share");
  assert.ok(aware.length > 0, "someone saw the event in its feed");
  assert.ok(shares.some((s) => s.kind === "repost"), "someone reposted it");
  // Every share is a logged repost or post decision of the same agent in the same round.
  for (const s of shares) {
    assert.ok(
      log.ofType("decision").some((d) =>
        d.agent === s.agent && d.round === s.round && d.action.type === s.kind
      ),
    );
  }
  // The reposts are on the feed, pointing at what they repost, and counted there.
  const feed = engine.world.feed.posts;
  const reposts = feed.filter((p) => p.kind === "repost");
  assert.equal(reposts.length, shares.filter((s) => s.kind === "repost").length);
  for (const r of reposts) {
    const parent = engine.world.feed.get(r.parent!)!;
    assert.equal(r.eventId, "leak");
    assert.ok(parent.reposts > 0);
  }
  // Reading the feed gives each reader a stance towards the event.
  for (const a of aware) assert.ok("leak" in (engine.world.agent(a.agent).state.stances ?? {}));
  // The same agents still use the recommender in the same run.
  assert.ok(log.ofType("page").length > 0);
});

Deno.test("a feed run is deterministic and resumes from its checkpoint state", async () => {
  const a = await newsRun();
  await a.run();
  const b = await newsRun();
  await b.run();
  assert.equal(logText(a), logText(b));
  // The feed is part of the world state, so a restored world sees the same messages.
  const state = a.state();
  assert.deepEqual(state.feed, a.world.feed.toJSON());
  const c = await newsRun();
  c.world.feed.restore(state.feed ?? []);
  assert.deepEqual(c.world.feed.toJSON(), a.world.feed.toJSON());
});

Deno.test("repost and comment are actions of the social behaviour, checked against the feed", () => {
  assert.ok(actionSchema.safeParse({ type: "repost", messageId: "m" }).success);
  assert.ok(actionSchema.safeParse({ type: "comment", messageId: "m", text: "so true" }).success);
  assert.ok(!actionSchema.safeParse({ type: "comment", messageId: "m" }).success);
});

Deno.test("seeding an event twice or from a stranger is refused", async () => {
  const engine = await newsRun(1);
  assert.throws(
    () => seedFeedEvent(engine, { eventId: "leak", text: "again", posters: [engine.world.ids[1]] }),
    /eventId: expected a new id/,
  );
  assert.throws(
    () => seedFeedEvent(engine, { eventId: "other", text: "x", posters: ["nobody"] }),
    /posters: expected agent ids/,
  );
});

Deno.test("a scenario's feed brain survives resume and fork: the run ends with the same bytes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-feed-" });
  try {
    const scenario = smallScenario({
      rounds: 5,
      seed: 21,
      brain: { kind: "rule", params: {}, feed: { kind: "rule", params: { shareBase: 0.6 } } },
    });
    const seed = { eventId: "leak", text: "The plant leaks into the river", posters: ["1"] };
    const whole = await createSimulation(scenario, { out: `${dir}/whole` });
    seedFeedEvent(whole, seed);
    await whole.run();
    assert.ok(whole.log.ofType("share").length > 0);
    assert.match(whole.world.brainOf("1").name, /^feed:rule/);

    const cut = await createSimulation(scenario, { out: `${dir}/cut` });
    seedFeedEvent(cut, seed);
    await cut.run(2);
    cut.store!.close();
    const resumed = await resumeSimulation(`${dir}/cut`);
    await resumed.run();
    assert.equal(
      await Deno.readTextFile(`${dir}/cut/events.jsonl`),
      await Deno.readTextFile(`${dir}/whole/events.jsonl`),
    );

    const forkBase = await createSimulation(scenario);
    seedFeedEvent(forkBase, seed);
    await forkBase.run(2);
    const fork = await forkSimulation(forkBase);
    await fork.run();
    assert.equal(logText(fork), await Deno.readTextFile(`${dir}/whole/events.jsonl`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("LLM feed decisions over real HTTP count against the run's call budget", async () => {
  const { server, llm } = await localServerClient("sk-feed", () => repostReply("positive"));
  try {
    const engine = await createSimulation(
      smallScenario({
        rounds: 6,
        seed: 21,
        brain: { kind: "rule", params: {}, feed: { kind: "llm", params: {} } },
        budget: { calls: 4 },
      }),
      { llm },
    );
    seedFeedEvent(engine, { eventId: "leak", text: "The plant leaks", posters: ["1"] });
    await engine.run();
    const llmShares = engine.log.ofType("decision").filter((d) =>
      d.brain === "llm" && d.action.type === "repost"
    );
    assert.ok(llmShares.length > 0, "the LLM reposted");
    const logged = engine.log.ofType("round_end").reduce((s, e) => s + e.calls, 0);
    assert.equal(logged, engine.totals.calls);
    assert.ok(engine.stoppedBy?.startsWith("budget:"), `stopped by ${engine.stoppedBy}`);
    assert.ok(engine.world.round < 6);
  } finally {
    await server.stop();
  }
});

Deno.test("an LLM feed reader in the engine can comment: the comment joins the feed, but passes nothing on", async () => {
  const { server, llm } = await localServerClient("sk-feed", (req) => {
    // Comments are offered in the engine's feed prompt; the reply takes the offer.
    assert.match(req.messages.map((m) => m.content).join("\n"), /behaviour "comment"/);
    return JSON.stringify({
      behaviour: "comment",
      message: 1,
      text: "Who checks the river?",
      emotion: "moderate",
      attitude: "negative",
    });
  }, { retry: { maxRetries: 0, baseMs: 0 } });
  try {
    const engine = await createSimulation(
      smallScenario({
        rounds: 3,
        seed: 21,
        brain: { kind: "rule", params: {}, feed: { kind: "llm", params: {} } },
      }),
      { llm },
    );
    seedFeedEvent(engine, { eventId: "leak", text: "The plant leaks", posters: ["1"] });
    await engine.run();
    const comments = engine.world.feed.posts.filter((p) => p.kind === "comment");
    assert.ok(comments.length > 0, "someone commented");
    for (const c of comments) {
      assert.equal(c.text, "Who checks the river?");
      assert.equal(c.eventId, "leak");
      assert.ok(engine.world.feed.get(c.parent!));
    }
    assert.equal(engine.log.ofType("share").length, 0, "a comment is not a share");
    // The reply's attitude flips commenters to a negative stance, each flip logged.
    const flips = engine.log.ofType("attitude");
    assert.ok(flips.length > 0 && flips.every((e) => e.attitude === "negative"));
  } finally {
    await server.stop();
  }
});

Deno.test("an agent's first stance towards an event is its leaning, so keeping it logs no change", async () => {
  const engine = await newsRun(4);
  for (const id of engine.world.ids) engine.world.agent(id).state.leaning = -0.8;
  await engine.run();
  const attitudes = engine.log.ofType("attitude");
  const first = new Map<string, string>();
  for (const a of attitudes) if (!first.has(a.agent)) first.set(a.agent, a.attitude);
  // Every agent starts negative towards the event: its first logged change must leave negative.
  assert.ok(engine.log.ofType("aware").length > 0);
  for (const [agent, attitude] of first) assert.notEqual(attitude, "negative", agent);
  // Agents that saw the event but never changed their mind hold their leaning, not neutral.
  for (const a of engine.log.ofType("aware")) {
    if (first.has(a.agent)) continue;
    assert.equal(engine.world.agent(a.agent).state.stances?.leak, -0.8);
  }
});

Deno.test("the choice counts the news on an agent's feed it has not passed on, and only news", async () => {
  const engine = await createSimulation(
    smallScenario({ rounds: 2, seed: 5, activity: { alpha: 1.5, xMin: 1, rate: 1 } }),
  );
  const w = engine.world;
  const rule = w.brainOf(w.ids[0]);
  const unread = new Map<string, number | undefined>();
  const note = (ctx: DecisionContext) => {
    if (ctx.behaviour === "choose") unread.set(ctx.agentId, ctx.feedUnread);
  };
  const watching: Brain = {
    kind: rule.kind,
    name: rule.name,
    decide: (ctx) => (note(ctx), rule.decide(ctx)),
    decideNow: (ctx) => (note(ctx), rule.decideNow!(ctx)),
  };
  for (const id of w.ids) w.brains.set(id, watching);
  const poster = w.ids[0];
  const post = { kind: "post" as const, parent: null, emotion: 0, stance: 0, reposts: 0 };
  // Round 0: the poster's friends have only everyday talk on their feed.
  w.feed.add({ ...post, id: "talk", author: poster, round: 0, text: "hello", eventId: null });
  await engine.step();
  assert.ok(unread.size > 0);
  for (const [id, n] of unread) assert.equal(n, undefined, `${id}: no news, nothing unread`);
  // Round 1: two news messages by the poster; its friends have two unread, the poster none.
  unread.clear();
  for (const id of ["n1", "n2"]) {
    w.feed.add({ ...post, id, author: poster, round: 1, text: "news", eventId: id });
  }
  await engine.step();
  const friends = w.graph.friends(poster).filter((id) => unread.has(id));
  assert.ok(friends.length > 0, "a friend of the poster chose what to do");
  for (const id of friends) assert.equal(unread.get(id), 2, id);
  if (unread.has(poster)) assert.equal(unread.get(poster), undefined, "its own news is passed on");
});
