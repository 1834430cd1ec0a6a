// The shipped mixed scenario through `deno task sim` with no endpoint configured: its LLM share
// answers through the bundled SmolLM2-135M model (the local llama.cpp server the command starts
// itself), the rest through the rule brain. On a 135M model this checks the machinery (who
// decided with which brain, what the manifest records), never what the model chose.
import assert from "node:assert/strict";
import { PROJECT_ROOT } from "@lib/sim/build.ts";
import { ensureModels } from "./real_model_helpers.ts";

Deno.test("real model: data/scenarios/mixed.json runs its LLM share on the bundled model and the rest on the rule brain", async () => {
  await ensureModels();
  const dir = await Deno.makeTempDir({ prefix: "socius-real-mixed-" });
  try {
    const env: Record<string, string> = {
      ...Deno.env.toObject(),
      NO_COLOR: "1",
      SOCIUS_LLM_CACHE: "off",
    };
    for (const name of ["OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "SOCIUS_LOCAL_LLM"]) {
      delete env[name];
    }
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `${PROJECT_ROOT}/lib/cli/sim.ts`,
        `${PROJECT_ROOT}/data/scenarios/mixed.json`,
        "--out",
        `${dir}/run`,
        "--rounds",
        "1",
      ],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/run/manifest.json`));
    const [ruled, llm] = manifest.brains as { brain: string; agents: string[] }[];
    assert.equal(llm.brain, "llm:SmolLM2-135M-Instruct-Q4_1");
    assert.equal(llm.agents.length, 2);
    const decisions = (await Deno.readTextFile(`${dir}/run/events.jsonl`)).trim().split("\n")
      .map((l) => JSON.parse(l)).filter((e) => e.type === "decision");
    const byLlm = decisions.filter((d) => d.brain === "llm");
    assert.ok(byLlm.length > 0 && byLlm.every((d) => llm.agents.includes(d.agent)));
    assert.ok(byLlm.some((d) => d.tokens > 0), "no decision reached the model");
    const byRule = decisions.filter((d) => d.brain === "rule");
    assert.ok(byRule.length > 0 && byRule.every((d) => ruled.agents.includes(d.agent)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
