import assert from "node:assert/strict";
import { EventLog } from "@lib/sim/event_log.ts";
import { type EventDraft, eventLine, type SimEvent } from "@lib/sim/events.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { smallScenario } from "./helpers.ts";

const t = "2026-01-01T08:00:00.000Z";
const busy = (agent: string): EventDraft => ({ type: "busy", round: 0, t, agent });
const leave = (agent: string): EventDraft => ({
  type: "decision",
  round: 0,
  t,
  agent,
  behaviour: "browse",
  brain: "rule",
  action: { type: "leave" },
  rationale: "Nothing here appeals to me.",
  calls: 0,
  tokens: 0,
  failure: null,
});

Deno.test("a round's turns are logged in the round's order, whatever order they finished in", () => {
  const turns = [[busy("a")], [leave("b"), busy("b")], [{
    ...busy("c"),
    type: "aware",
    from: "a",
  }]];
  const taken = new EventLog(), direct = new EventLog();
  const heard: string[] = [];
  taken.subscribe((e) => heard.push(eventLine(e)));
  for (const log of [taken, direct]) {
    log.append({ type: "round_start", round: 0, t, active: ["a", "b", "c"] });
  }
  // They finish c, a, b and are logged a, b, c: c waits until a and b are in.
  taken.beginTurns();
  taken.takeTurn(2, structuredClone(turns[2]) as EventDraft[]);
  assert.equal(taken.length, 1);
  taken.takeTurn(0, structuredClone(turns[0]) as EventDraft[]);
  assert.equal(taken.length, 2);
  taken.takeTurn(1, structuredClone(turns[1]) as EventDraft[]);
  taken.endTurns(3);
  for (const turn of turns) direct.adopt(structuredClone(turn) as EventDraft[]);
  const lines = taken.drain();
  assert.deepEqual(lines, direct.drain());
  assert.deepEqual(heard, lines);
  assert.deepEqual(taken.events.map((e) => e.seq), [0, 1, 2, 3, 4]);
  assert.deepEqual(taken.events, direct.events);
});

Deno.test("a round that fails takes its turns' events out again; a missing turn is an error", () => {
  const log = new EventLog();
  log.append({ type: "round_start", round: 0, t, active: ["a", "b", "c"] });
  const before = log.events.map(eventLine);
  log.beginTurns();
  log.takeTurn(0, [leave("a"), busy("a")]);
  log.takeTurn(2, [busy("c")]);
  assert.equal(log.length, 3);
  log.endTurns(null);
  assert.deepEqual(log.events.map(eventLine), before);
  assert.deepEqual(log.drain(), before);
  // A turn finishing after its round failed is not taken.
  assert.equal(log.takeTurn(1, [busy("b")]), false);
  log.beginTurns();
  log.takeTurn(0, [busy("a")]);
  assert.throws(() => log.endTurns(2), /1 of the round's 2 turns were never taken/);
  // What the log holds after a failed round serialises as if the round had not started.
  const again = new EventLog();
  again.append({ type: "round_start", round: 0, t, active: ["a", "b", "c"] });
  again.adopt([busy("a")]);
  assert.deepEqual(log.drain(), again.drain().slice(1));
});

Deno.test("a saved log reads back as rows with the same lines, and forks copy it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const engine = await createSimulation(smallScenario({ rounds: 3 }), { out: `${dir}/run` });
    await engine.run();
    engine.store?.close();
    const text = await Deno.readTextFile(`${dir}/run/events.jsonl`);
    const lines = text.trimEnd().split("\n");
    const restored = EventLog.fromJsonl(text);
    assert.equal(restored.length, lines.length);
    // Nothing restored is pending; what it holds serialises to the file's lines.
    assert.deepEqual(restored.drain(), []);
    assert.deepEqual(restored.events.map(eventLine), lines);
    assert.ok(restored.rows > lines.length * 0.8, `${restored.rows} rows of ${lines.length}`);
    const fork = EventLog.fromEvents(restored.events);
    assert.deepEqual(fork.events.map(eventLine), lines);
    assert.deepEqual(fork.events, restored.events);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a run's events.jsonl is its events serialised one by one, most of them held as rows", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const engine = await createSimulation(
      smallScenario({
        rounds: 5,
        interventions: [{ round: 1, kind: "heterogeneous_friends", count: 2 }],
      }),
      { out: `${dir}/run` },
    );
    await engine.run();
    engine.store?.close();
    const log = engine.log;
    const text = await Deno.readTextFile(`${dir}/run/events.jsonl`);
    assert.equal(text, log.events.map(eventLine).join("\n") + "\n");
    const types = new Set(log.events.map((e) => e.type));
    for (const type of ["decision", "page", "intervention", "deliver", "fit"]) {
      assert.ok(types.has(type as SimEvent["type"]), `no ${type} event`);
    }
    assert.ok(log.rows > log.length * 0.8, `${log.rows} rows of ${log.length}`);
    // Counts read from the rows agree with the objects.
    const decisions = log.ofType("decision");
    for (const type of ["choose", "watch", "feel", "chat", "post", "leave"]) {
      assert.equal(
        log.actionCounts(0).get(type) ?? 0,
        decisions.filter((d) => d.action.type === type).length,
        type,
      );
    }
    assert.deepEqual(log.spent(), {
      calls: decisions.reduce((s, d) => s + d.calls, 0),
      tokens: decisions.reduce((s, d) => s + d.tokens, 0),
      failures: decisions.filter((d) => d.failure).length,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
