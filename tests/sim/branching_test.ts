import assert from "node:assert/strict";
import { eventLine } from "@lib/sim/events.ts";
import { createSimulation, forkSimulation } from "@lib/sim/simulation.ts";
import { friendDissimilarity } from "@lib/social/heterogeneous_friends.ts";
import { logText, smallScenario } from "./helpers.ts";

Deno.test("a fork shares history up to the fork and then diverges only where it was changed", async () => {
  const original = await createSimulation(smallScenario({ rounds: 8 }));
  await original.run(3);
  const branch = await forkSimulation(original);
  const shared = logText(original);
  assert.equal(logText(branch), shared);

  const twin = await forkSimulation(original);
  const agent = original.world.ids[0];
  await branch.apply({
    kind: "set_profile",
    agent,
    patch: { traits: ["gentle", "warm"], interests: ["family-friendly movies", "romantic movies"] },
  });
  await Promise.all([original.run(), branch.run(), twin.run()]);

  assert.equal(logText(twin), logText(original), "an untouched fork replays the original exactly");
  const b = logText(branch);
  assert.ok(b.startsWith(shared));
  assert.notEqual(b, logText(original));
  assert.deepEqual(branch.world.agent(agent).profile.interests, [
    "family-friendly movies",
    "romantic movies",
  ]);
  assert.notDeepEqual(original.world.agent(agent).profile.interests, [
    "family-friendly movies",
    "romantic movies",
  ]);
  const iv = branch.log.ofType("intervention");
  assert.equal(iv.length, 1);
  assert.equal(iv[0].kind, "set_profile");
  assert.equal(iv[0].round, 3);
});

Deno.test("a forked run saved to a folder starts with the parent's events", async () => {
  const dir = await Deno.makeTempDir();
  const original = await createSimulation(smallScenario({ rounds: 5 }), { out: `${dir}/a` });
  await original.run(2);
  const branch = await forkSimulation(original, { out: `${dir}/b` });
  await branch.run();
  const parent = await Deno.readTextFile(`${dir}/a/events.jsonl`);
  const child = await Deno.readTextFile(`${dir}/b/events.jsonl`);
  assert.ok(child.startsWith(parent));
  assert.equal(child, branch.log.events.map(eventLine).join("\n") + "\n");
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/b/manifest.json`));
  assert.deepEqual(manifest.parent, { run: `${dir}/a`, round: 2 });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the heterogeneous-friends intervention adds ties to different agents and logs them", async () => {
  const engine = await createSimulation(smallScenario({
    rounds: 2,
    interventions: [{ round: 1, kind: "heterogeneous_friends", count: 2 }],
  }));
  const agents = engine.world.ids.map((id) => ({
    id,
    interests: engine.world.agent(id).profile.interests,
  }));
  const before = friendDissimilarity(engine.world.graph, agents);
  const links = engine.world.graph.linkCount;
  await engine.run();
  assert.ok(engine.world.graph.linkCount > links);
  assert.ok(friendDissimilarity(engine.world.graph, agents) > before);
  const iv = engine.log.ofType("intervention");
  assert.equal(iv[0].kind, "heterogeneous_friends");
  assert.equal(iv[0].round, 1);
});

Deno.test("an injected message reaches every inbox and the items become heard of", async () => {
  const engine = await createSimulation(smallScenario({ rounds: 1 }));
  const item = engine.world.catalog.items[0].id;
  await engine.apply({ kind: "inject_message", text: "A new film is out", items: [item] });
  for (const id of engine.world.ids) {
    assert.equal(engine.world.agent(id).state.heardOf[item], 1);
    assert.equal(engine.world.agent(id).inbox.length, 1);
  }
});

Deno.test("turning on exploration puts random items on pages from that round", async () => {
  const engine = await createSimulation(smallScenario({
    rounds: 4,
    recommender: { model: { algorithm: "popular" }, retrainEvery: 1, pageSize: 5 },
  }));
  await engine.run(2);
  const popularFirst = new Set(
    engine.log.ofType("page").filter((p) => p.page === 0).map((p) => p.items[4]),
  );
  await engine.apply({ kind: "exploration", randomItems: 3, everyRounds: 1 });
  await engine.run();
  assert.match(engine.world.recommender.name, /explore\(3\/1\)/);
  const later = engine.log.ofType("page").filter((p) => p.round >= 2 && p.query === null);
  assert.ok(later.length > 0);
  assert.ok(later.every((p) => p.source.includes("explore")));
  const lastSlots = new Set(later.map((p) => p.items[4]));
  assert.ok(lastSlots.size > popularFirst.size, "random slots should vary across agents");
});

Deno.test("an agent added mid-run takes part from the next round and survives a fork", async () => {
  const engine = await createSimulation(
    smallScenario({ rounds: 4, activity: { alpha: 1.5, xMin: 5, rate: 1 } }),
  );
  await engine.run(1);
  const profile = {
    ...engine.world.agent(engine.world.ids[0]).profile,
    id: "newcomer",
    name: "Nia",
  };
  engine.addAgent(profile, engine.world.brainOf(engine.world.ids[0]), [engine.world.ids[1]]);
  assert.ok(engine.world.graph.areFriends("newcomer", engine.world.ids[1]));
  const fork = await forkSimulation(engine);
  await engine.run();
  await fork.run();
  assert.ok(engine.log.ofType("decision").some((d) => d.agent === "newcomer"));
  assert.equal(logText(fork), logText(engine));
});
