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
  // Taken, whether it waits or goes straight in.
  assert.equal(taken.takeTurn(2, structuredClone(turns[2]) as EventDraft[]), true);
  assert.equal(taken.length, 1);
  assert.equal(taken.takeTurn(0, structuredClone(turns[0]) as EventDraft[]), true);
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

Deno.test("append returns the numbered events, which the log then holds; at() and events agree", () => {
  const log = new EventLog();
  const out = log.append(busy("a"), leave("b"));
  assert.deepEqual(out.map((e) => e.seq), [0, 1]);
  assert.equal(log.events[0], out[0]);
  log.adopt([leave("c")]);
  assert.equal(log.typeAt(2), "decision");
  const held = log.events[2];
  assert.equal(log.at(2), held);
  assert.deepEqual(log.at(1), { ...leave("b"), seq: 1 });
});

Deno.test("listeners hear every event once, in order, until they unsubscribe", () => {
  const log = new EventLog();
  const heard: string[] = [], other: number[] = [];
  const stop = log.subscribe((e) => heard.push(`${e.seq}:${e.type}`));
  log.subscribe((e) => other.push(e.seq));
  log.append(busy("a"));
  log.adopt([leave("b")]);
  log.beginTurns();
  log.takeTurn(1, [busy("d")]);
  log.takeTurn(0, [busy("c")]);
  log.endTurns(2);
  stop();
  log.append(busy("e"));
  assert.deepEqual(heard, ["0:busy", "1:decision", "2:busy", "3:busy"]);
  assert.deepEqual(other, [0, 1, 2, 3, 4]);
});

Deno.test("what the log spent counts calls, tokens and failures of decisions, interviews and surveys", () => {
  const log = new EventLog();
  log.adopt([
    { ...leave("a"), calls: 2, tokens: 300, failure: "timeout" } as EventDraft,
    { ...leave("b"), calls: 1, tokens: 120, failure: null } as EventDraft,
    busy("c"),
  ]);
  log.append(
    {
      type: "interview",
      round: 0,
      t,
      agent: "a",
      question: "Why?",
      answer: "",
      brain: "llm",
      calls: 1,
      tokens: 50,
      failure: "no reply",
    },
    { type: "round_end", round: 0, t, decisions: 2, calls: 3, tokens: 420, failures: 1 },
  );
  assert.deepEqual(log.spent(), { calls: 4, tokens: 470, failures: 2 });
});

Deno.test("a failed round read as objects before it failed loses those objects too", () => {
  const log = new EventLog();
  log.append(busy("a"));
  log.beginTurns();
  log.takeTurn(0, [leave("b")]);
  assert.equal(log.events.length, 2);
  log.endTurns(null);
  assert.equal(log.events.length, 1);
  assert.equal(log.length, 1);
  // Ending turns that were never begun does nothing.
  log.endTurns(3);
  assert.equal(log.length, 1);
});

Deno.test("discarded events are never drained; lines() reads any range without draining", () => {
  const log = new EventLog();
  log.append(busy("a"), busy("b"));
  log.discardPending();
  log.append(busy("c"));
  assert.deepEqual([...log.lines(0, 2)].map((l) => JSON.parse(l).agent), ["a", "b"]);
  assert.deepEqual(log.drain().map((l) => JSON.parse(l).agent), ["c"]);
  assert.deepEqual(log.drain(), []);
});

Deno.test("a torn last line is left out of a saved log; a bad line before the last names itself", async () => {
  const good = JSON.stringify({ seq: 0, round: 0, t, type: "busy", agent: "a" });
  // Empty lines anywhere are skipped.
  const two = `${good}\n\n${good.replace('"seq":0', '"seq":1')}\n`;
  assert.equal(EventLog.fromJsonl(two).length, 2);
  assert.equal((await EventLog.fromJsonlLines(lines(two))).length, 2);
  for (const tail of ['{"seq":1,"ro', '{"seq":1,"ro\n', '{"seq":1,"ro\n\n']) {
    assert.equal(EventLog.fromJsonl(`${good}\n${tail}`).length, 1, JSON.stringify(tail));
    assert.equal((await EventLog.fromJsonlLines(lines(`${good}\n${tail}`))).length, 1);
  }
  for (
    const [text, line] of [[`{"seq":0,"ro\n${good}\n`, 1], [`${good}\n{"x\n${good}`, 2]] as const
  ) {
    const named = new RegExp(`events.jsonl:${line}: not valid JSON`);
    assert.throws(() => EventLog.fromJsonl(text), named);
    await assert.rejects(() => EventLog.fromJsonlLines(lines(text)), named);
  }
});

async function* lines(text: string) {
  for (const l of text.split("\n")) yield l;
}
