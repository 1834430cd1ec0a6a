import assert from "node:assert/strict";
import { ConfigError, DataError } from "@lib/core/errors.ts";
import { loadScenario, parseScenario, type ScenarioInput } from "@lib/sim/scenario.ts";
import { createSimulation } from "@lib/sim/simulation.ts";
import { smallScenario } from "./helpers.ts";

const rejected: [string, unknown, RegExp][] = [
  [
    "a rule weight of the wrong type",
    { brain: { params: { temperature: "hot" } } },
    /^s\.json: brain\.params\.temperature: expected number, found "hot"$/,
  ],
  [
    "an unknown rule weight",
    { brain: { params: { bogusWeight: 1 } } },
    /^s\.json: brain\.params\.bogusWeight: unknown field, expected one of interest, /,
  ],
  [
    "an unknown LLM-brain parameter",
    { brain: { kind: "llm", params: { interest: 2 } } },
    /^s\.json: brain\.params\.interest: unknown field, expected one of temperature, maxTokens/,
  ],
  [
    "an LLM temperature out of range",
    { brain: { kind: "llm", params: { temperature: 9 } } },
    /^s\.json: brain\.params\.temperature: /,
  ],
  [
    "an unknown memory field",
    { memory: { bogus: 1 } },
    /^s\.json: memory\.bogus: unknown field, expected one of shortTerm, /,
  ],
  [
    "memory switched off with a string",
    { memory: { enabled: "no" } },
    /^s\.json: memory\.enabled: expected boolean, found "no"$/,
  ],
  [
    "a nested memory typo",
    { memory: { weights: { recncy: 1 } } },
    /^s\.json: memory\.weights\.recncy: unknown field, expected one of recency, importance, relevance$/,
  ],
  [
    "a memory value out of range",
    { memory: { recencyDecay: 2 } },
    /^s\.json: memory\.recencyDecay: /,
  ],
  [
    "an unknown LLM setting",
    { llm: { timeout: 5 } },
    /^s\.json: llm\.timeout: unknown field, expected one of model, /,
  ],
  [
    "an LLM setting of the wrong type",
    { llm: { repairs: "two" } },
    /^s\.json: llm\.repairs: expected number, found "two"$/,
  ],
  ["keys in a scenario", { llm: { keys: ["sk-x"] } }, /^s\.json: llm: endpoints and API keys/],
  [
    "an unknown profile field in a patch",
    { interventions: [{ round: 1, kind: "set_profile", agent: "1", patch: { hobby: "x" } }] },
    /^s\.json: interventions\[0\]\.patch\.hobby: unknown field/,
  ],
  [
    "a patch of the wrong type",
    { interventions: [{ round: 1, kind: "set_profile", agent: "1", patch: { age: "old" } }] },
    /^s\.json: interventions\[0\]\.patch\.age: expected number, found "old"$/,
  ],
  [
    "no warm MF refit sweeps",
    { recommender: { model: { algorithm: "mf", warmSweeps: 0 } } },
    /^s\.json: recommender\.model\.warmSweeps: .*>0/,
  ],
  [
    "warm MF refit sweeps as a word",
    { recommender: { model: { algorithm: "mf", warmSweeps: "two" } } },
    /^s\.json: recommender\.model\.warmSweeps: expected number, found "two"$/,
  ],
  [
    "synthesis switched on with a string",
    { agents: { source: "csv", synthesize: "yes" } },
    /^s\.json: agents\.synthesize: expected boolean, found "yes"$/,
  ],
];

for (const [what, input, message] of rejected) {
  Deno.test(`a scenario with ${what} is rejected naming the field`, () => {
    assert.throws(() => parseScenario(input, "s.json"), (e: Error) => {
      assert.ok(e instanceof ConfigError, e.message);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
  });
}

Deno.test("known fields in the open sections are accepted and kept as written", () => {
  const sc = parseScenario({
    brain: { params: { temperature: 0.5, interest: 3 } },
    memory: { enabled: false, weights: { recency: 2 } },
    llm: { model: "m", retry: { maxRetries: 2 } },
  });
  assert.deepEqual(sc.brain.params, { temperature: 0.5, interest: 3 });
  assert.deepEqual(sc.memory, { enabled: false, weights: { recency: 2 } });
  assert.deepEqual(sc.llm, { model: "m", retry: { maxRetries: 2 } });
});

/** A scenario that fails at build time must leave no run folder behind. */
async function rejectsBeforeTheFolder(
  input: ScenarioInput,
  check: (e: Error) => void,
): Promise<void> {
  const parent = await Deno.makeTempDir();
  const out = `${parent}/run`;
  try {
    await assert.rejects(createSimulation(input, { out, source: "s.json" }), (e: Error) => {
      check(e);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound, "no run folder is created");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
}

Deno.test("an intervention naming an unknown agent fails before the run folder exists", async () => {
  await rejectsBeforeTheFolder(
    smallScenario({
      interventions: [{ round: 3, kind: "set_profile", agent: "nobody", patch: {} }],
    }),
    (e) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(
        e.message,
        's.json: interventions[0].agent: expected the id of an agent (16 agents), found "nobody"',
      );
    },
  );
});

Deno.test("a set_profile patch that gives an invalid profile fails before round 1", async () => {
  await rejectsBeforeTheFolder(
    smallScenario({
      interventions: [{
        round: 2,
        kind: "set_profile",
        agent: "3",
        patch: { features: ["Dancer"] },
      }],
    }),
    (e) =>
      assert.match(
        e.message,
        /^s\.json: interventions\[0\]\.patch\.features\[0\]: expected one of .*, found "Dancer"$/,
      ),
  );
});

Deno.test("messages to unknown agents or about unknown items fail before the run", async () => {
  await rejectsBeforeTheFolder(
    smallScenario({
      interventions: [{ round: 1, kind: "inject_message", text: "hi", to: ["1", "ghost"] }],
    }),
    (e) => assert.match(e.message, /interventions\[0\]\.to\[1\]: .*found "ghost"/),
  );
  await rejectsBeforeTheFolder(
    smallScenario({
      interventions: [{ round: 1, kind: "inject_message", text: "hi", items: ["no-such-film"] }],
    }),
    (e) => assert.match(e.message, /interventions\[0\]\.items\[0\]: .*found "no-such-film"/),
  );
  await rejectsBeforeTheFolder(
    smallScenario({
      interventions: [{ round: 1, kind: "heterogeneous_friends", agents: ["ghost"] }],
    }),
    (e) => assert.match(e.message, /interventions\[0\]\.agents\[0\]: .*found "ghost"/),
  );
});

Deno.test("an edge list naming ids that are not agents fails at its line before the run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/edges.csv`, "source,target\n0,1\n2,stranger\n");
    await rejectsBeforeTheFolder(
      smallScenario({ social: { graph: "csv", path: `${dir}/edges.csv` } }),
      (e) => {
        assert.ok(e instanceof DataError);
        assert.equal(
          e.message,
          `${dir}/edges.csv:3 (target): expected the id of an agent (16 agents), found "stranger"`,
        );
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a header-only profiles file fails before the run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/p.csv`,
      "id,name,gender,age,traits,career,interests,features\n",
    );
    await rejectsBeforeTheFolder(
      smallScenario({ agents: { source: "csv", path: `${dir}/p.csv` } }),
      (e) => {
        assert.ok(e instanceof DataError);
        assert.equal(
          e.message,
          `${dir}/p.csv: expected at least one profile after the header, found none`,
        );
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("more agents than the file holds with synthesis switched off is a clear error", async () => {
  await rejectsBeforeTheFolder(
    smallScenario({ agents: { source: "csv", count: 500, synthesize: false } }),
    (e) =>
      assert.equal(
        e.message,
        "s.json: agents.count: expected at most 52 (the profiles in data/profiles.csv; agents.synthesize is false), found 500",
      ),
  );
});

Deno.test("missing profile, catalogue and edge files are named", async () => {
  await rejectsBeforeTheFolder(
    smallScenario({ agents: { source: "csv", path: "/no/such/profiles.csv" } }),
    (e) => assert.equal(e.message, "/no/such/profiles.csv: expected a readable file, found none"),
  );
  await rejectsBeforeTheFolder(
    smallScenario({ catalog: { source: "file", path: "/no/such/items.csv" } }),
    (e) => assert.equal(e.message, "/no/such/items.csv: expected a readable file, found none"),
  );
  await rejectsBeforeTheFolder(
    smallScenario({ social: { graph: "csv", path: "/no/such/edges.csv" } }),
    (e) => assert.equal(e.message, "/no/such/edges.csv: expected a readable file, found none"),
  );
});

Deno.test("an odd Watts–Strogatz degree is a config error, not a crash", async () => {
  await rejectsBeforeTheFolder(
    smallScenario({ social: { graph: "ws", k: 3 } }),
    (e) => assert.equal(e.message, "s.json: social.k: expected an even number, found 3"),
  );
});

Deno.test("a Latin-1 scenario file keeps its accents", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const json = '{"interventions":[{"round":0,"kind":"inject_message","text":"Le café ouvre"}]}';
    await Deno.writeFile(`${dir}/s.json`, Uint8Array.from(json, (c) => c.charCodeAt(0)));
    const sc = await loadScenario(`${dir}/s.json`);
    assert.equal(
      sc.interventions[0].kind === "inject_message" && sc.interventions[0].text,
      "Le café ouvre",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
