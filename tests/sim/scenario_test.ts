import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { loadScenario, parseScenario } from "@lib/sim/scenario.ts";
import { createSimulation } from "@lib/sim/simulation.ts";

const bad: [string, unknown, RegExp][] = [
  ["negative rounds", { rounds: -2 }, /s\.json: rounds: /],
  ["misspelt field", { round: 3 }, /s\.json: \(root\): .*"round"/],
  [
    "unknown algorithm",
    { recommender: { model: { algorithm: "svd" } } },
    /recommender\.model\.algorithm/,
  ],
  ["misplaced algorithm parameter", {
    recommender: { model: { algorithm: "popular", factors: 3 } },
  }, /recommender\.model/],
  ["page size zero", { recommender: { pageSize: 0 } }, /recommender\.pageSize/],
  ["unknown graph", { social: { graph: "tree" } }, /social\.graph/],
  ["rewiring probability above one", { social: { beta: 1.5 } }, /social\.beta/],
  ["unknown brain", { brain: { kind: "oracle" } }, /brain\.kind/],
  ["bad start date", { start: "yesterday" }, /start/],
  ["drift above one", { drift: 2 }, /drift/],
  ["bad agent source", { agents: { source: "excel" } }, /agents\.source/],
  [
    "intervention without its round",
    { interventions: [{ kind: "exploration", randomItems: 1 }] },
    /interventions\[0\]\.round/,
  ],
  [
    "unknown intervention",
    { interventions: [{ round: 1, kind: "magic" }] },
    /interventions\[0\]\.kind/,
  ],
];

for (const [what, input, message] of bad) {
  Deno.test(`a scenario with ${what} is rejected with a message naming the field`, () => {
    assert.throws(() => parseScenario(input, "s.json"), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, message);
      return true;
    });
  });
}

Deno.test("a scenario file that is not JSON is rejected with the file name", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/s.json`, "{ rounds: 3 ");
  await assert.rejects(() => loadScenario(`${dir}/s.json`), /s\.json: \(file\): not valid JSON/);
  await assert.rejects(
    () => loadScenario(`${dir}/missing.json`),
    /missing\.json: \(file\): cannot read/,
  );
});

Deno.test("asking for more agents than the population holds, synthesis off, names the field", async () => {
  await assert.rejects(
    () => createSimulation({ agents: { source: "csv", count: 5000, synthesize: false } }),
    /agents\.count: expected at most \d+ .*found 5000/,
  );
});

Deno.test("an LLM brain without an LLM says which variables to set", async () => {
  await assert.rejects(
    () => createSimulation({ agents: { source: "csv", count: 3 }, brain: { kind: "llm" } }),
    /OPENAI_BASE_URL/,
  );
});

Deno.test("a scenario may not carry LLM endpoints or keys", () => {
  assert.throws(
    () =>
      parseScenario(
        { llm: { endpoints: [{ baseUrl: "http://x", keys: ["sk-secret"] }] } },
        "s.json",
      ),
    /s\.json: llm: endpoints and API keys come from OPENAI_BASE_URL/,
  );
  assert.equal(parseScenario({ llm: { model: "gpt-4o-mini" } }).llm.model, "gpt-4o-mini");
});
