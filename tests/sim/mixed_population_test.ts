// A mixed population from a scenario file, through the real `deno task sim` command (a child
// process, real run folders) against the local OpenAI-compatible server: both brains act, the
// manifest names who got which brain, a run stopped and resumed ends with the same bytes, and
// bad shares are one error line with exit code 2.
import assert from "node:assert/strict";
import { startLocalServer } from "@lib/llm/local_server.ts";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { createSimulation, forkSimulation } from "@lib/sim/simulation.ts";
import { estimateRun } from "@lib/sim/budget.ts";
import { assignBrains } from "@lib/sim/brain_mix.ts";
import { Rng } from "@lib/core/rng.ts";
import type { RuleBrain } from "@lib/brain/rule/rule_brain.ts";
import { loadScenario, parseScenario, type ScenarioInput } from "@lib/sim/scenario.ts";
import { logText, smallScenario } from "./helpers.ts";

const KEY = "sk-mixed-population-5e1b";
const MIXED = `${PROJECT_ROOT}/data/scenarios/mixed.json`;
const CLI = `${PROJECT_ROOT}/lib/cli/sim.ts`;

async function sim(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    env: { NO_COLOR: "1", SOCIUS_EMBEDDER: "hashed", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

type Decision = { type: string; agent: string; brain: string; round: number };

function decisionsOf(events: string): Decision[] {
  return events.trim().split("\n").map((l) => JSON.parse(l)).filter((e) => e.type === "decision");
}

Deno.test("data/scenarios/mixed.json through deno task sim: both brains act, the manifest names who got which, a resumed run has the same bytes", async () => {
  const server = await startLocalServer({ keys: [KEY], latencyMs: { min: 0, max: 3 }, seed: 2 });
  const dir = await Deno.makeTempDir({ prefix: "socius-mixed-" });
  const env = {
    OPENAI_BASE_URL: server.url,
    OPENAI_API_KEY: KEY,
    OPENAI_MODEL: "socius-local",
    SOCIUS_LLM_CACHE: "auto",
    SOCIUS_CACHE_DIR: `${dir}/cache`,
  };
  try {
    const whole = await sim([MIXED, "--out", `${dir}/whole`], env);
    assert.equal(whole.code, 0, whole.stderr);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/whole/manifest.json`));
    const scenario = await loadScenario(MIXED);
    assert.equal(manifest.brain, "rule (RecSim-style choice model)");
    assert.deepEqual(manifest.brains.map((b: { share: number | null }) => b.share), [null, 0]);
    const [ruled, llm] = manifest.brains as { brain: string; agents: string[] }[];
    assert.equal(llm.agents.length, Math.round(0.1 * (scenario.agents.count ?? 0)));
    assert.match(llm.brain, /^llm:socius-local/);
    assert.equal(ruled.agents.length + llm.agents.length, scenario.agents.count);
    assert.ok(manifest.templatesHash, "the LLM share's templates are recorded");

    const events = await Deno.readTextFile(`${dir}/whole/events.jsonl`);
    const decisions = decisionsOf(events);
    const byLlm = decisions.filter((d) => d.brain === "llm");
    const byRule = decisions.filter((d) => d.brain === "rule");
    assert.ok(byLlm.length > 0, "no LLM agent decided anything");
    assert.ok(byRule.length > 0, "no rule agent decided anything");
    assert.equal(byLlm.length + byRule.length, decisions.length);
    assert.ok(byLlm.every((d) => llm.agents.includes(d.agent)), "an LLM decision by a rule agent");
    assert.ok(
      byRule.every((d) => ruled.agents.includes(d.agent)),
      "a rule decision by an LLM agent",
    );
    const requests = server.stats().requests;
    assert.ok(requests >= byLlm.length, `${requests} requests for ${byLlm.length} LLM decisions`);

    // The same run stopped after its first round and resumed: the same agents get the same
    // brains again, and every LLM reply comes from the recording.
    const first = await sim([MIXED, "--out", `${dir}/split`, "--rounds", "1"], env);
    assert.equal(first.code, 0, first.stderr);
    const rest = await sim([MIXED, "--out", `${dir}/split`, "--resume"], env);
    assert.equal(rest.code, 0, rest.stderr);
    assert.equal(await Deno.readTextFile(`${dir}/split/events.jsonl`), events);
    const resumed = JSON.parse(await Deno.readTextFile(`${dir}/split/manifest.json`));
    assert.deepEqual(resumed.brains, manifest.brains);
    assert.equal(resumed.resumed.length, 1);
    assert.equal(server.stats().requests, requests, "the resumed run called the model again");
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

const BAD: [string, ScenarioInput["brains"], RegExp][] = [
  [
    "fractions summing past 1",
    [{ brain: { kind: "llm" }, fraction: 0.6 }, { brain: { kind: "rule" }, fraction: 0.5 }],
    /: brains: expected fractions summing to at most 1, found 1\.1$/,
  ],
  [
    "an unknown brain",
    [{ brain: { kind: "oracle" as "rule" }, count: 2 }],
    /: brains\[0\]\.brain\.kind: expected one of "rule"\|"llm"\|"embedding", found "oracle"$/,
  ],
  [
    "an unknown agent id",
    [{ brain: { kind: "rule", params: { interest: 2 } }, agents: ["1", "nobody"] }],
    /: brains\[0\]\.agents\[1\]: expected an agent id of the population, found "nobody"$/,
  ],
];

for (const [what, brains, message] of BAD) {
  Deno.test(`deno task sim with ${what} in brains exits 2 with one line and writes nothing`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "socius-mixed-bad-" });
    try {
      const file = `${dir}/bad.json`;
      await Deno.writeTextFile(file, JSON.stringify(smallScenario({ rounds: 1, brains })));
      const r = await sim([file, "--out", `${dir}/run`]);
      assert.equal(r.code, 2, r.stderr);
      const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0].startsWith(`error: ${file}: brains`), lines[0]);
      assert.match(lines[0], message);
      assert.ok(!r.stderr.includes("    at "), "a stack trace");
      assert.throws(() => Deno.statSync(`${dir}/run`), Deno.errors.NotFound);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("a share names exactly one of fraction, count and agents, and no agent twice", () => {
  const rule = { kind: "rule" as const };
  assert.throws(
    () => parseScenario({ brains: [{ brain: rule, fraction: 0.5, count: 2 }] }, "m.json"),
    /^ConfigError: m\.json: brains\[0\]: expected exactly one of fraction, count and agents, found fraction and count$/,
  );
  assert.throws(
    () => parseScenario({ brains: [{ brain: rule }] }, "m.json"),
    /brains\[0\]: expected exactly one of fraction, count and agents, found none/,
  );
  assert.throws(
    () =>
      parseScenario({ brains: [{ brain: rule, agents: ["1"] }, { brain: rule, agents: ["1"] }] }),
    /brains\[1\]\.agents\[0\]: expected each agent in one share only, found "1" twice/,
  );
  assert.throws(
    () =>
      parseScenario({ brains: [{ brain: { kind: "llm", params: { temprature: 1 } }, count: 1 }] }),
    /brains\[0\]\.brain\.params/,
  );
});

Deno.test("a share asking for more agents than the population is refused at build, naming it", async () => {
  await assert.rejects(
    createSimulation(smallScenario({ brains: [{ brain: { kind: "rule" }, count: 17 }] }), {
      source: "m.json",
    }),
    /m\.json: brains\[0\]\.count: expected at most 16 agents \(the population of 16 less the shares before\), found 17/,
  );
  await assert.rejects(
    createSimulation(smallScenario({ brains: [{ brain: { kind: "llm" }, count: 2 }] }), {
      source: "m.json",
    }),
    /m\.json: brains\[0\]\.brain\.kind: "llm" needs an LLM/,
  );
});

Deno.test("the draw of a mixed population follows the seed and keeps named agents", async () => {
  const brains = [
    { brain: { kind: "rule" as const, params: { interest: 3 } }, agents: ["2", "5"] },
    { brain: { kind: "rule" as const, params: { interest: 0.5 } }, fraction: 0.25 },
  ];
  const at = async (seed: number) => {
    const engine = await createSimulation(smallScenario({ seed, rounds: 1, brains }));
    const groups = new Map<unknown, string[]>();
    for (const id of engine.world.ids) {
      const b = engine.world.brainOf(id);
      groups.set(b, [...(groups.get(b) ?? []), id]);
    }
    // The scenario's brain keeps the most agents: 16 less the 2 named and the 4 drawn.
    const [rest, fraction, named] = [...groups.values()].sort((x, y) => y.length - x.length);
    assert.deepEqual([rest.length, fraction.length], [10, 4]);
    assert.deepEqual(named, ["2", "5"]);
    return fraction;
  };
  const a = await at(11), b = await at(11), c = await at(12);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("the cost estimate of a mixed population counts only the decisions of its LLM agents", async () => {
  const llmShare = { brain: { kind: "llm" as const }, fraction: 0.25 };
  const base = smallScenario({ rounds: 2 });
  const all = await estimateRun({ ...base, brain: { kind: "llm" } }, { sampleRounds: 2 });
  const mixed = await estimateRun({ ...base, brains: [llmShare] }, { sampleRounds: 2 });
  // The dry run both estimates make is this rule run; the draw names the same four agents.
  const dry = await createSimulation(base);
  await dry.run();
  const share = assignBrains(
    parseScenario({ brains: [llmShare] }).brains,
    dry.world.ids,
    new Rng(11).fork("brains"),
  );
  assert.equal(share.size, 4);
  const theirs = dry.log.ofType("decision").filter((d) => share.has(d.agent)).length;
  assert.equal(mixed.total.calls, theirs);
  assert.ok(mixed.total.calls > 0, "the LLM agents were not counted");
  assert.ok(mixed.total.calls < all.total.calls, `${mixed.total.calls} vs ${all.total.calls}`);
});

Deno.test("a mixed run forked mid-way goes on exactly as its parent does, each agent keeping its brain", async () => {
  const sc = smallScenario({
    rounds: 4,
    brains: [{ brain: { kind: "rule", params: { interest: 6, novelty: 0 } }, fraction: 0.5 }],
  });
  const parent = await createSimulation(sc);
  await parent.run(2);
  const branch = await forkSimulation(parent);
  const weight = (e: typeof parent, id: string) =>
    (e.world.brainOf(id) as RuleBrain).config.interest;
  assert.equal(parent.world.ids.filter((id) => weight(parent, id) === 6).length, 8);
  for (const id of parent.world.ids) assert.equal(weight(branch, id), weight(parent, id));
  await parent.run();
  await branch.run();
  assert.equal(logText(branch), logText(parent));
  const whole = await createSimulation(sc);
  await whole.run();
  assert.equal(logText(whole), logText(parent));
});
