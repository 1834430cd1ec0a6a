import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { loadScenario, parseScenario, scenarioNeedsLlm } from "@lib/sim/scenario.ts";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { cocoonScenario } from "@lib/studies/cocoon.ts";
import { SOCIAL_FOCUS } from "@lib/studies/conformity.ts";

const DIR = `${PROJECT_ROOT}/data/scenarios`;
const files = [...Deno.readDirSync(DIR)].map((e) => e.name).filter((n) => n.endsWith(".json"))
  .sort();

Deno.test("the example scenarios ship, each one documented in the README's scenario table", async () => {
  for (const name of ["demo", "cocoon", "conformity", "llm_local", "mixed", "propagation"]) {
    assert.ok(files.includes(`${name}.json`), `data/scenarios/${name}.json is missing`);
  }
  const readme = await Deno.readTextFile(`${PROJECT_ROOT}/README.md`);
  for (const f of files) {
    assert.match(readme, new RegExp(`\\| \`data/scenarios/${f.replace(".", "\\.")}\``), f);
  }
});

for (const f of files) {
  Deno.test(`data/scenarios/${f} validates and runs a round with the rule brain`, async () => {
    const scenario = await loadScenario(`${DIR}/${f}`);
    // An LLM scenario is checked offline: same world, the rule brain in every LLM's place.
    const engine = await createSimulation({
      ...scenario,
      rounds: 1,
      brain: { ...scenario.brain, kind: "rule", params: {} },
      brains: scenario.brains.map((s) => ({
        ...s,
        brain: { ...s.brain, kind: "rule", params: {} },
      })),
    });
    await engine.run();
    assert.equal(engine.world.round, 1);
    assert.ok(engine.log.ofType("decision").length > 0, `${f}: nobody decided anything`);
  });
}

Deno.test("the cocoon and conformity scenarios are the worlds the studies build", async () => {
  const cocoon = await loadScenario(`${DIR}/cocoon.json`);
  assert.deepEqual(
    cocoon,
    parseScenario(cocoonScenario(
      {
        label: "mf-rec-strategy",
        algorithm: "mf",
        exploration: { randomItems: 1, everyRounds: 1 },
        fromRound: 20,
      },
      { kind: "rule", agents: 50, rounds: 50, seed: 1 },
    )),
  );
  const conformity = await loadScenario(`${DIR}/conformity.json`);
  assert.deepEqual(conformity.brain.params, SOCIAL_FOCUS);
  assert.equal(conformity.social.m, 3);
});

Deno.test("the LLM scenarios name no endpoint or key: those come from the environment", async () => {
  for (const f of ["llm_local.json", "mixed.json"]) {
    const text = await Deno.readTextFile(`${DIR}/${f}`);
    assert.ok(scenarioNeedsLlm(parseScenario(JSON.parse(text))), f);
    assert.doesNotMatch(text, /https?:|api[_-]?key|sk-/i, f);
  }
});

Deno.test("the mixed scenario gives a tenth of its agents an LLM and the rest the rule brain", async () => {
  const scenario = await loadScenario(`${DIR}/mixed.json`);
  assert.equal(scenario.brain.kind, "rule");
  assert.deepEqual(scenario.brains.map((s) => [s.brain.kind, s.fraction]), [["llm", 0.1]]);
});

Deno.test("the propagation scenario injects its message into its seeds at round 0 and agents pass messages on", async () => {
  const scenario = await loadScenario(`${DIR}/propagation.json`);
  const engine = await createSimulation({ ...scenario, rounds: 4 });
  await engine.run();
  const injected = engine.log.ofType("intervention").filter((e) => e.kind === "inject_message");
  assert.ok(injected.length > 0 && injected.every((e) => e.round === 0));
  const onward = engine.log.ofType("deliver").filter((d) => d.kind !== "broadcast");
  assert.ok(onward.length > 0, "no agent passed anything on");
});
