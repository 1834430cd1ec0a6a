import assert from "node:assert/strict";
import { FIXTURE } from "./helpers.ts";

const CLI = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;

async function run(args: string[]) {
  const env = { NO_COLOR: "1", OPENAI_API_KEY: "", OPENAI_MODEL: "" };
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args], env })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("eval selection prints the Table 3 shaped result and writes CSV, JSON and the figure", async () => {
  const dir = await Deno.makeTempDir({ prefix: "socius-eval-cli-" });
  try {
    const r = await run([
      "selection",
      "--data",
      FIXTURE,
      "--format",
      "ml-100k",
      "--users",
      "5",
      "--seeds",
      "2",
      "--brains",
      "random,popular,embedding,rule,llm",
      "--out",
      dir,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const header = r.stdout.split("\n").find((l) => l.includes("(1,5)"))!;
    assert.ok(["(1,5)", "(3,3)", "(3,6)", "(1,9)"].every((p) => header.includes(p)));
    assert.ok(header.indexOf("(1,5)") < header.indexOf("(3,3)"), "columns in the paper's order");
    for (
      const row of [
        "Random",
        "Popularity",
        "Embedding (hashed)",
        "Rule brain",
        "LLM brain",
        "RecAgent (paper)",
        "Real human (paper)",
      ]
    ) {
      assert.match(r.stdout, new RegExp(row.replace(/[()]/g, "\\$&")));
    }
    assert.match(r.stdout, /dry run/);
    assert.match(await Deno.readTextFile(`${dir}/table.csv`), /^source,brain,label,a,b,mean,lo,hi/);
    assert.ok((await Deno.stat(`${dir}/selection_accuracy.svg`)).isFile);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/result.json`));
    assert.equal(json.settings.negatives, "uniform");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("eval selection names a bad option and exits with 2", async () => {
  const r = await run(["selection", "--data", FIXTURE, "--negatives", "hard"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /negatives/);
  const r2 = await run(["selection", "--data", FIXTURE, "--format", "ml-1m"]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, /ml-100k/);
});
