import assert from "node:assert/strict";
import type { Decision } from "@lib/brain/brain.ts";
import { createSimulation, resumeSimulation } from "@lib/sim/simulation.ts";
import { simTime } from "@lib/sim/clock.ts";
import { eventLine } from "@lib/sim/events.ts";
import { logText, smallScenario } from "./helpers.ts";

const answered = (text: string, calls: number, tokens: number): Decision => ({
  action: { type: "answer", text },
  brain: "llm",
  rationale: "",
  memory: null,
  calls,
  tokens,
  failure: null,
  cached: false,
});

Deno.test("recordInterview() logs one interview event at the current round and time and counts its calls and tokens", async () => {
  const sc = smallScenario({ rounds: 3 });
  const engine = await createSimulation(sc);
  await engine.run(2);
  const before = engine.totals;
  const agent = engine.world.ids[3];
  const e = engine.recordInterview(agent, "What did you watch?", answered("Heat.", 2, 120));
  assert.equal(engine.log.ofType("interview").length, 1);
  assert.equal(engine.log.events.at(-1), e);
  assert.equal(e.round, 2);
  assert.equal(e.t, simTime(engine.world.scenario.start, engine.world.scenario.roundHours, 2).iso);
  assert.equal(
    eventLine(e),
    JSON.stringify({
      seq: e.seq,
      round: 2,
      t: e.t,
      type: "interview",
      agent,
      question: "What did you watch?",
      answer: "Heat.",
      brain: "llm",
      calls: 2,
      tokens: 120,
      failure: null,
    }),
  );
  assert.deepEqual(engine.totals, {
    calls: before.calls + 2,
    tokens: before.tokens + 120,
    failures: before.failures,
  });
});

Deno.test("a failed interview logs an empty answer and counts one failure", async () => {
  const engine = await createSimulation(smallScenario());
  const e = engine.recordInterview(engine.world.ids[0], "Why?", {
    ...answered("", 1, 30),
    action: { type: "nothing" },
    failure: "llm: timeout",
  });
  assert.equal(e.answer, "");
  assert.equal(e.failure, "llm: timeout");
  assert.deepEqual(engine.totals, { calls: 1, tokens: 30, failures: 1 });
});

Deno.test("recordInterview() rejects an unknown agent and logs nothing", async () => {
  const engine = await createSimulation(smallScenario());
  assert.throws(() => engine.recordInterview("nobody", "hi?", answered("hi", 0, 0)), RangeError);
  assert.equal(engine.log.events.length, 0);
});

Deno.test("interviews between rounds leave the run's events deterministic and are saved and counted on resume", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const play = async (out: string) => {
      const engine = await createSimulation(smallScenario({ rounds: 3 }), { out });
      await engine.run(1);
      engine.recordInterview(engine.world.ids[1], "How are you?", answered("Fine.", 1, 50));
      await engine.run(1);
      return engine;
    };
    const a = await play(`${dir}/a`);
    const b = await play(`${dir}/b`);
    assert.equal(logText(a), logText(b));
    const saved = await Deno.readTextFile(`${dir}/a/events.jsonl`);
    assert.match(saved, /"type":"interview","agent":"[^"]+","question":"How are you\?"/);
    const resumed = await resumeSimulation(`${dir}/a`);
    assert.equal(resumed.log.ofType("interview").length, 1);
    assert.deepEqual(resumed.totals, a.totals);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
