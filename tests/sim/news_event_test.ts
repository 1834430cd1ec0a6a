import assert from "node:assert/strict";
import { attachNewsEvent } from "@lib/sim/news_event.ts";
import { createSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import type { SimEvent } from "@lib/sim/events.ts";

const scenario = {
  seed: 3,
  rounds: 6,
  agents: { source: "csv" as const, count: 40 },
  activity: { rate: 0.6 },
  social: { graph: "ba" as const, m: 3 },
};

async function run(news: boolean, attention = true) {
  const engine = await createSimulation(scenario);
  if (news) {
    attachNewsEvent(engine, {
      round: 1,
      seed: 9,
      event: { text: "Storm warning for the coast", posters: engine.world.ids.slice(0, 3) },
      params: { shareBase: 0.4, feedWindow: 3 },
      attention,
    });
  }
  await engine.run();
  return engine.log.events;
}

const watched = (events: readonly SimEvent[], round: number) =>
  new Set(
    events.filter((e) => e.round === round && e.type === "decision" && e.action.type === "watch")
      .map((e) => (e as { agent: string }).agent),
  );

Deno.test("one run holds the recommender and the news event, in the same log", async () => {
  const events = await run(true);
  const types = new Set(events.map((e) => e.type));
  for (const t of ["decision", "page", "seed", "aware", "share", "intervention"]) {
    assert.ok(types.has(t as SimEvent["type"]), `no ${t} event`);
  }
  assert.deepEqual(events.map((e) => e.seq), events.map((_, k) => k));
  assert.ok(events.filter((e) => e.type === "seed").every((e) => e.round === 1));
  // Same seeds, same log.
  assert.equal(JSON.stringify(await run(true)), JSON.stringify(events));
});

Deno.test("attention couples the two: watchers miss the feed, sharers skip the next round", async () => {
  const events = await run(true);
  let sharers = 0;
  for (let r = 2; r < scenario.rounds; r++) {
    const w = watched(events, r);
    const busy = new Set(
      events.filter((e) => e.round === r && e.type === "busy").map((e) =>
        (e as { agent: string }).agent
      ),
    );
    for (const e of events) {
      if (e.round !== r || (e.type !== "aware" && e.type !== "share")) continue;
      assert.ok(!w.has(e.agent) && !busy.has(e.agent), `${e.agent} read its feed in round ${r}`);
    }
    // Whoever shared in round r - 1 and was drawn to act in round r sits it out, busy.
    const shared = events.filter((e) => e.round === r - 1 && e.type === "share").map((e) =>
      (e as { agent: string }).agent
    );
    const active = (events.find((e) => e.round === r && e.type === "round_start") as {
      active: string[];
    }).active;
    for (const a of shared.filter((a) => active.includes(a))) {
      sharers++;
      assert.ok(busy.has(a), `${a} shared in round ${r - 1} but was not busy in round ${r}`);
    }
  }
  assert.ok(sharers > 0, "no sharer was drawn to act afterwards; the check did not run");
  // Without the news, the same world watches differently once the news starts taking time.
  const control = await run(false);
  const watches = (ev: readonly SimEvent[]) =>
    ev.filter((e) => e.type === "decision" && e.action.type === "watch").length;
  assert.notEqual(watches(events), watches(control));
});

Deno.test("a run with a news event resumes to the same bytes, and other news settings are refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const news = (engine: Awaited<ReturnType<typeof createSimulation>>, seed = 9) =>
      attachNewsEvent(engine, {
        round: 1,
        seed,
        event: { text: "Storm warning for the coast", posters: engine.world.ids.slice(0, 3) },
        params: { shareBase: 0.4, feedWindow: 3 },
      });
    const whole = await createSimulation(scenario, { out: `${dir}/whole` });
    news(whole);
    await whole.run();
    const cut = await createSimulation(scenario, { out: `${dir}/cut` });
    news(cut);
    await cut.run(3);
    const resumed = await resumeSimulation(`${dir}/cut`);
    news(resumed);
    await resumed.run();
    assert.equal(
      await Deno.readTextFile(`${dir}/cut/events.jsonl`),
      await Deno.readTextFile(`${dir}/whole/events.jsonl`),
    );
    const other = await resumeSimulation(`${dir}/cut`);
    assert.throws(() => news(other, 10), /news event: round \d+: expected the settings/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
