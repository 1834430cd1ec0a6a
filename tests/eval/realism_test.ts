import assert from "node:assert/strict";
import { REALISM_MEASURES } from "@lib/eval/realism_measures.ts";
import { runRealism } from "@lib/eval/realism_run.ts";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import { writeSyntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";

const CLI = new URL("../../lib/cli/eval.ts", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "socius-realism-" });
await writeSyntheticMovieLens(`${dir}/100k`, "ml-100k", {
  users: 70,
  items: 150,
  medianRatings: 30,
  seed: 3,
});
await writeSyntheticMovieLens(`${dir}/1m`, "ml-1m", {
  users: 40,
  items: 100,
  medianRatings: 25,
  seed: 4,
});
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

async function cli(args: string[]) {
  const env = { NO_COLOR: "1", OPENAI_API_KEY: "", OPENAI_MODEL: "" };
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args], env })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("agents given the fitted choice model are closer to the real users than random behaviour and the rule brain on most measures", async () => {
  const data = await readSelectionData(`${dir}/100k`, "ml-100k");
  const r = await runRealism(data, { users: 30, rounds: 4, seeds: 2, brains: ["rule", "fitted"] });
  assert.deepEqual(
    r.settings.brains,
    ["random", "rule", "fitted"],
    "the random floor is always there",
  );
  const closer = REALISM_MEASURES.filter((m) =>
    r.brains.fitted[m].distance < r.brains.random[m].distance
  );
  assert.ok(closer.length >= 5, `closer on ${closer.join(", ")}`);
  const thanRule = REALISM_MEASURES.filter((m) =>
    r.brains.fitted[m].distance < r.brains.rule[m].distance
  );
  assert.ok(thanRule.length >= 5, `closer than the rule brain on ${thanRule.join(", ")}`);
  assert.equal(r.settings.usersUsed, 30);
  const real = r.ratingShares.real.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(real - 1) < 1e-9);
});

Deno.test("eval realism writes realism.json in the agreed shape, on both layouts, with the LLM brain as a dry run", async () => {
  for (const [sub, format] of [["100k", "ml-100k"], ["1m", "ml-1m"]]) {
    const out = `${dir}/out-${sub}`;
    const r = await cli([
      "realism",
      "--data",
      `${dir}/${sub}`,
      "--format",
      format,
      "--users",
      "8",
      "--rounds",
      "2",
      "--seeds",
      "2",
      "--brains",
      "random,rule,fitted,llm",
      "--out",
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Real users \(reference value\)/);
    assert.match(r.stdout, /Fitted choice model: distance/);
    assert.match(r.stdout, /dry run/);
    const json = JSON.parse(await Deno.readTextFile(`${out}/realism.json`));
    assert.deepEqual(Object.keys(json), ["reference", "brains"]);
    assert.deepEqual(Object.keys(json.reference), [...REALISM_MEASURES]);
    assert.deepEqual(Object.keys(json.brains), ["random", "rule", "fitted", "llm"]);
    for (const b of Object.values(json.brains) as Record<string, Record<string, unknown>>[]) {
      assert.deepEqual(Object.keys(b), [...REALISM_MEASURES]);
      for (const cell of Object.values(b)) {
        assert.deepEqual(Object.keys(cell as object), ["value", "distance", "lo", "hi"]);
      }
    }
  }
});

Deno.test("eval realism: --help, and bad input is one line with exit 2", async () => {
  const help = await cli(["realism", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--rounds/);
  const cases: [string[], RegExp][] = [
    [["realism", "--data", `${dir}/100k`, "--format", "ml-1m"], /ratings\.dat/],
    [["realism", "--data", `${dir}/100k`, "--format", "ml-100k", "--brains", "oracle"], /oracle/],
    [["realism", "--data", `${dir}/100k`, "--format", "ml-100k", "--rounds", "x"], /--rounds/],
    [["realism", "--data", `${dir}/100k`], /--format/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

Deno.test("the LLM brain takes part in realism through an OpenAI-compatible server, its prompts built from the aligned history", async () => {
  const { startLocalServer } = await import("@lib/llm/local_server.ts");
  const { LlmClient } = await import("@lib/llm/client.ts");
  const server = await startLocalServer({ keys: ["sk-test-realism"] });
  try {
    const client = new LlmClient({
      model: "socius-local",
      endpoints: [{ baseUrl: server.url, keys: ["sk-test-realism"], concurrency: 4 }],
    });
    const prompts: string[] = [];
    const llm = {
      model: client.model,
      complete: <T>(req: Parameters<typeof client.complete<T>>[0]) => {
        prompts.push(req.messages.map((m) => m.content).join("\n"));
        return client.complete(req);
      },
    };
    const data = await readSelectionData(`${dir}/100k`, "ml-100k");
    const r = await runRealism(data, { users: 6, rounds: 2, seeds: 1, brains: ["llm"], llm });
    assert.ok(prompts.length > 0, "the LLM was asked");
    assert.ok(
      prompts.some((p) => /I watched <.+> \(.*\) and rated it [1-5] out of 5/.test(p)),
      "history sentences reach the prompts",
    );
    assert.deepEqual(Object.keys(r.brains), ["random", "llm"]);
  } finally {
    await server.stop();
  }
});

Deno.test("same data, seed and settings give the same realism and selection results", async () => {
  const { realismJson } = await import("@lib/eval/realism_run.ts");
  const { runSelection } = await import("@lib/eval/selection_run.ts");
  const { createSelector } = await import("@lib/eval/selectors.ts");
  const data = await readSelectionData(`${dir}/100k`, "ml-100k");
  const once = () =>
    runRealism(data, { users: 10, rounds: 2, seeds: 2, brains: ["rule", "fitted"] });
  assert.equal(realismJson(await once()), realismJson(await once()));
  const sel = () =>
    runSelection(data, {
      selectors: ["random", "knn", "rule", "fitted"].map((b) => createSelector(b)),
      users: 10,
      seeds: 2,
    });
  const [a, b] = [await sel(), await sel()];
  assert.deepEqual(a.rows, b.rows);
  assert.deepEqual(a.fit, b.fit);
});
