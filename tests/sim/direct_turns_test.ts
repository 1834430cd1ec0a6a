import assert from "node:assert/strict";
import type { Brain } from "@lib/brain/brain.ts";
import type { ScenarioInput } from "@lib/sim/scenario.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { logText, smallScenario } from "./helpers.ts";

const noMemory = { memory: { enabled: false } };
const variants: Record<string, Partial<ScenarioInput>> = {
  "retrained every round": noMemory,
  "retrained every other round": {
    ...noMemory,
    recommender: {
      model: { algorithm: "mf", factors: 8, iterations: 3 },
      retrainEvery: 2,
      pageSize: 5,
    },
  },
  "social signals off": { ...noMemory, brain: { kind: "rule", params: { social: 0 } } },
  "no friends": { ...noMemory, social: { graph: "none" } },
  "busy after one watch, 40 agents": {
    ...noMemory,
    agents: { source: "csv", count: 40 },
    session: { maxPages: 3, maxWatches: 1, watchBusyRounds: 1, memoryTopK: 5 },
  },
};

/** Runs a scenario with turns taken directly or all through the promise pool. */
async function run(input: ScenarioInput, direct: boolean, setup?: (b: Brain) => Brain) {
  const engine = await createSimulation(input);
  engine.syncTurns = direct;
  const rule = engine.world.brainOf(engine.world.ids[0]);
  let pooled = 0;
  const counted: Brain = {
    kind: rule.kind,
    name: rule.name,
    decide: (ctx) => {
      pooled++;
      return rule.decide(ctx);
    },
    decideNow: rule.decideNow!.bind(rule),
  };
  for (const id of engine.world.ids) engine.world.brains.set(id, counted);
  if (setup) engine.setBrain(engine.world.ids[3], setup(rule));
  await engine.run();
  return { text: logText(engine), pooled };
}

for (const [name, extra] of Object.entries(variants)) {
  Deno.test(`rule agents' direct turns write the same event log as pooled turns (${name})`, async () => {
    for (const seed of [1, 2, 3]) {
      const input = smallScenario({ seed, rounds: 5, ...extra });
      const pooled = await run(input, false);
      const direct = await run(input, true);
      assert.ok(pooled.pooled > 0);
      assert.equal(direct.pooled, 0, "a direct run waited on decide()");
      assert.ok(direct.text.split("\n").length > 100);
      assert.equal(direct.text, pooled.text, `seed ${seed}: the logs differ`);
    }
  });
}

Deno.test("in a mixed population an agent whose brain waits keeps the pool; the log is the same", async () => {
  // A brain without decideNow (as an LLM brain is) that decides what the rule brain would.
  const waiting = (rule: Brain): Brain => ({
    kind: rule.kind,
    name: "rule behind a promise",
    decide: async (ctx) => {
      await new Promise((r) => setTimeout(r, 1));
      return rule.decideNow!(ctx);
    },
  });
  for (const seed of [4, 5]) {
    const input = smallScenario({ seed, rounds: 4, ...noMemory });
    const pooled = await run(input, false, waiting);
    const direct = await run(input, true, waiting);
    assert.equal(direct.pooled, 0);
    assert.ok(direct.text.includes('"kind":"set_brain"'));
    assert.equal(direct.text, pooled.text, `seed ${seed}: the logs differ`);
  }
});

Deno.test("agents with memories take the pooled path, and their log is unchanged by the switch", async () => {
  const input = smallScenario({ seed: 6, rounds: 3 });
  const pooled = await run(input, false);
  const direct = await run(input, true);
  assert.ok(direct.pooled > 0, "agents with memories must wait on their memory");
  assert.equal(direct.text, pooled.text);
});

Deno.test("a direct turn's search is answered at once, with the log of searches waited for", async () => {
  const titles = ["Heat", "Alien", "Jaws", "Brazil", "Casino"];
  /** The rule brain, but on a first page the agent searches for a title (by agent and round). */
  const searching = (rule: Brain): Brain => {
    const decideNow: NonNullable<Brain["decideNow"]> = (ctx) => {
      if (ctx.behaviour !== "browse" || ctx.pageIndex > 0 || ctx.query !== null) {
        return rule.decideNow!(ctx);
      }
      const query = titles[(ctx.agentId.length + ctx.time.round) % titles.length];
      return {
        action: { type: "search", query },
        brain: rule.kind,
        rationale: `looking for ${query}`,
        memory: null,
        calls: 0,
        tokens: 0,
        failure: null,
        cached: false,
      };
    };
    return {
      kind: rule.kind,
      name: rule.name,
      decideNow,
      decide: (ctx) => Promise.resolve(decideNow(ctx)),
    };
  };
  const logs: string[] = [];
  for (const direct of [false, true]) {
    const engine = await createSimulation(smallScenario({ seed: 3, rounds: 3, ...noMemory }));
    engine.syncTurns = direct;
    const w = engine.world;
    const brain = searching(w.brainOf(w.ids[0]));
    for (const id of w.ids) w.brains.set(id, brain);
    let waited = 0;
    const search = w.search.search.bind(w.search);
    (w.search as { search: typeof search }).search = (...args) => {
      waited++;
      return search(...args);
    };
    await engine.run();
    const text = logText(engine);
    assert.ok(text.includes('"source":"search"'), "no search page was shown");
    if (direct) assert.equal(waited, 0, "a direct turn waited on a search");
    else assert.ok(waited > 0);
    logs.push(text);
  }
  assert.equal(logs[1], logs[0]);
});
