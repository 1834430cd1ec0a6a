import assert from "node:assert/strict";
import { runRatings } from "@lib/eval/ratings_run.ts";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import { writeSyntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";
import { ScriptedLlm } from "./helpers.ts";

const CLI = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "socius-ratings-" });
await writeSyntheticMovieLens(`${dir}/100k`, "ml-100k", {
  users: 150,
  items: 250,
  medianRatings: 40,
  seed: 7,
});
await writeSyntheticMovieLens(`${dir}/1m`, "ml-1m", {
  users: 40,
  items: 120,
  medianRatings: 30,
  seed: 7,
});

async function cli(args: string[]) {
  const env = { NO_COLOR: "1", OPENAI_API_KEY: "", OPENAI_MODEL: "" };
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args], env })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("the fitted model's ratings beat random stars, the rule brain and the global mean on a log with user and item effects", async () => {
  const data = await readSelectionData(`${dir}/100k`, "ml-100k");
  const r = await runRatings(data, {
    users: "all",
    seeds: 2,
    brains: ["random", "rule", "fitted"],
  });
  const rmse = Object.fromEntries(r.cells.map((c) => [c.predictor, c.rmse]));
  assert.deepEqual(Object.keys(rmse), [
    "global",
    "user",
    "item",
    "als",
    "random",
    "rule",
    "fitted",
  ]);
  assert.ok(
    rmse.fitted < rmse.global && rmse.fitted < rmse.random && rmse.fitted < rmse.rule,
    JSON.stringify(rmse),
  );
  assert.ok(rmse.als < rmse.global, JSON.stringify(rmse));
  assert.equal(r.settings.usersUsed, r.settings.eligible);
  assert.equal(r.rows.filter((x) => x.predictor === "fitted").length, r.settings.usersUsed * 2 * 5);
  for (const c of r.cells) assert.ok(c.maeLo <= c.mae && c.mae <= c.maeHi);
});

Deno.test("the LLM brain rates from the same aligned history and its answers are scored", async () => {
  const data = await readSelectionData(`${dir}/100k`, "ml-100k");
  const llm = new ScriptedLlm((req) => ({
    ratings: Array.from(
      { length: (req.messages[1].content.match(/^\[\d+\]/gm) ?? []).length },
      () => 4,
    ),
  }));
  const r = await runRatings(data, { users: 5, seeds: 1, brains: ["llm"], llm });
  assert.equal(llm.requests.length, 5);
  assert.match(llm.requests[0].messages[1].content, /you rated it [1-5]\/5/);
  const rows = r.rows.filter((x) => x.predictor === "llm");
  assert.ok(rows.length === 25 && rows.every((x) => x.prediction === 4 && x.failure === null));
});

Deno.test("eval ratings runs on both layouts, prints baselines and the peers' numbers as theirs, and rejects bad input with exit 2", async () => {
  for (const [sub, format] of [["100k", "ml-100k"], ["1m", "ml-1m"]]) {
    const r = await cli([
      "ratings",
      "--data",
      `${dir}/${sub}`,
      "--format",
      format,
      "--users",
      "10",
      "--seeds",
      "2",
      "--out",
      `${dir}/out`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    for (
      const row of [
        "Global mean",
        "User mean",
        "Item mean",
        "ALS",
        "Fitted choice model",
        "LLM brain",
        "Agent4Rec (reported, ML-1M)",
        "SimUSER (reported, ML-1M)",
      ]
    ) {
      assert.ok(r.stdout.includes(row), row);
    }
    assert.match(r.stdout, /dry run/);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/out/ratings.json`));
    assert.equal(json.settings.source, format);
  }
  assert.equal((await cli(["ratings", "--help"])).code, 0);
  const missing = await cli(["ratings", "--data", `${dir}/1m`, "--format", "ml-100k"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: .*u\.data/);
  assert.doesNotMatch(missing.stderr, /\n.+at /, "no stack trace");
  const bad = await cli(["ratings", "--data", `${dir}/1m`, "--format", "ml-1m", "--users", "0"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--users/);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
