import assert from "node:assert/strict";
import { AgentSet, createSimulation, HumanSeat, Rng } from "@lib/mod.ts";

async function engine(count = 12) {
  return await createSimulation({ rounds: 2, agents: { source: "csv", count } });
}

Deno.test("AgentSet.where filters by trait, brain and activity range", async () => {
  const sim = await engine();
  const all = AgentSet.of(sim);
  assert.equal(all.len, 12);
  const curious = all.where({ trait: "Curious" });
  assert.ok(curious.len > 0 && curious.len < all.len);
  for (const a of curious) assert.ok(a.profile.traits.some((t) => t.toLowerCase() === "curious"));

  const acts = all.get("activity");
  const cut = [...acts].sort((a, b) => a - b)[6];
  const busy = all.where({ minActivity: cut });
  assert.equal(busy.len, acts.filter((x) => x >= cut).length);
  assert.equal(all.where({ maxActivity: cut }).len, acts.filter((x) => x <= cut).length);

  const seat = new HumanSeat();
  sim.setBrain(all.ids[3], seat.brain);
  assert.deepEqual(AgentSet.of(sim).where({ brain: "human" }).ids, [all.ids[3]]);
  assert.equal(AgentSet.of(sim).where({ brain: "rule" }).len, 11);
  assert.equal(
    all.where({ is: { gender: "female" } }).len,
    all.get("gender").filter((g) => g === "female").length,
  );
});

Deno.test("AgentSet select, sortBy, groupBy and first keep the agents and their order", async () => {
  const sim = await engine();
  const all = AgentSet.of(sim);
  const older = all.select((r) => r.age >= 30);
  assert.deepEqual(older.ids, all.toArray().filter((a) => a.profile.age >= 30).map((a) => a.id));
  assert.equal(all.select(() => true, { n: 3 }).len, 3);

  const byAge = all.sortBy("age").get("age");
  assert.deepEqual(byAge, [...byAge].sort((a, b) => a - b));
  const desc = all.sortBy((r) => r.name.length, { descending: true }).get((r) => r.name.length);
  assert.deepEqual(desc, [...desc].sort((a, b) => (b as number) - (a as number)));

  const groups = all.groupBy("gender");
  assert.equal([...groups.values()].reduce((n, g) => n + g.len, 0), 12);
  for (const [gender, g] of groups) for (const a of g) assert.equal(a.profile.gender, gender);
  assert.deepEqual(all.first(2).ids, all.ids.slice(0, 2));

  const shuffled = all.shuffle(new Rng(5));
  assert.deepEqual(shuffled.ids, all.shuffle(new Rng(5)).ids);
  assert.notDeepEqual(shuffled.ids, all.ids);
  assert.deepEqual([...shuffled.ids].sort(), [...all.ids].sort());
});

Deno.test("AgentSet.table is an arquero table of the live agents, with extra columns", async () => {
  const sim = await engine(6);
  const before = AgentSet.of(sim);
  await sim.run();
  const t = before.table({ inbox: (a) => a.inbox.length });
  assert.equal(t.numRows(), 6);
  for (const c of ["id", "name", "brain", "activity", "watched", "friends", "inbox"]) {
    assert.ok(t.columnNames().includes(c), c);
  }
  // The set sees the agents' state after the rounds: watched counts match the world's log.
  const watches = new Map<string, number>();
  for (const e of sim.log.ofType("decision")) {
    if (e.action.type === "watch") watches.set(e.agent, (watches.get(e.agent) ?? 0) + 1);
  }
  assert.deepEqual(t.array("watched"), before.ids.map((id) => watches.get(id) ?? 0));
  assert.deepEqual(
    t.array("friends"),
    before.ids.map((id) => sim.world.graph.friends(id).length),
  );
});
