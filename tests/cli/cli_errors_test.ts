/**
 * Every command-line entry point, spawned as a person would run it, given bad input: each
 * case must end with exit code 2 and exactly one stderr line `error: <where>: <expected,
 * found>`, never a stack trace, and must leave an existing run folder byte for byte as it was.
 */
import assert from "node:assert/strict";
import { createSimulation } from "@lib/sim/simulation.ts";
import { mapLimit } from "@lib/core/concurrency.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "socius_cli_errors_" });
const RUN = `${dir}/kept_run`;
const DAMAGED = `${dir}/damaged_run`;

/** A scenario file in the temporary folder. */
async function scenario(name: string, body: unknown): Promise<string> {
  const path = `${dir}/${name}.json`;
  await Deno.writeTextFile(path, typeof body === "string" ? body : JSON.stringify(body));
  return path;
}

const base = { rounds: 1, agents: { source: "csv", count: 4 } };
const PROFILE_HEADER = "id,name,gender,age,traits,career,interests,features\n";
await Deno.writeTextFile(`${dir}/header_only.csv`, PROFILE_HEADER);
await Deno.writeTextFile(`${dir}/edges_stranger.csv`, "source,target\n0,1\n2,stranger\n");
await Deno.writeTextFile(`${dir}/edges_bad_header.csv`, "from,to\n0,1\n");
await Deno.writeTextFile(`${dir}/bad_age.csv`, PROFILE_HEADER + "1,Ann,f,old,,,x,Watcher\n");
await Deno.mkdir(`${dir}/empty`);
await Deno.writeTextFile(`${dir}/items_no_genres.csv`, "id,title\n1,Alien\n");
await Deno.mkdir(`${dir}/broken_run`);
await Deno.writeTextFile(`${dir}/broken_run/manifest.json`, "{oops");
await Deno.mkdir(`${dir}/ml_no_item`);
await Deno.writeTextFile(`${dir}/ml_no_item/u.user`, "1|24|M|technician|85711\n");
await Deno.writeTextFile(`${dir}/ml_no_item/u.data`, "1\t1\t5\t874965758\n");

const S = {
  missingProfiles: await scenario("missing_profiles", {
    ...base,
    agents: { source: "csv", path: `${dir}/nope.csv` },
  }),
  missingCatalog: await scenario("missing_catalog", {
    ...base,
    catalog: { source: "file", path: `${dir}/nope_items.csv` },
  }),
  missingEdges: await scenario("missing_edges", {
    ...base,
    social: { graph: "csv", path: `${dir}/nope_edges.csv` },
  }),
  hot: await scenario("hot", { ...base, brain: { params: { temperature: "hot" } } }),
  bogusWeight: await scenario("bogus_weight", { ...base, brain: { params: { bogusWeight: 1 } } }),
  memoryBogus: await scenario("memory_bogus", { ...base, memory: { bogus: true } }),
  memoryNo: await scenario("memory_no", { ...base, memory: { enabled: "no" } }),
  unknownAgent: await scenario("unknown_agent", {
    ...base,
    interventions: [{ round: 1, kind: "set_profile", agent: "nobody", patch: {} }],
  }),
  badPatch: await scenario("bad_patch", {
    ...base,
    interventions: [{ round: 1, kind: "set_profile", agent: "1", patch: { age: 300 } }],
  }),
  unknownRecipient: await scenario("unknown_recipient", {
    ...base,
    interventions: [{ round: 1, kind: "inject_message", text: "hi", to: ["ghost"] }],
  }),
  strangerEdges: await scenario("stranger_edges", {
    ...base,
    social: { graph: "csv", path: `${dir}/edges_stranger.csv` },
  }),
  badEdgeHeader: await scenario("bad_edge_header", {
    ...base,
    social: { graph: "csv", path: `${dir}/edges_bad_header.csv` },
  }),
  headerOnly: await scenario("header_only", {
    ...base,
    agents: { source: "csv", path: `${dir}/header_only.csv` },
  }),
  badAge: await scenario("bad_age", {
    ...base,
    agents: { source: "csv", path: `${dir}/bad_age.csv` },
  }),
  tooMany: await scenario("too_many", {
    ...base,
    agents: { source: "csv", count: 900, synthesize: false },
  }),
  oddK: await scenario("odd_k", { ...base, social: { graph: "ws", k: 3 } }),
  notJson: await scenario("not_json", "{ rounds: 3 "),
  unknownTop: await scenario("unknown_top", { ...base, rouns: 3 }),
  dotName: await scenario("dot_name", { ...base, name: ".." }),
  keys: await scenario("keys", { ...base, llm: { keys: ["sk-secret"] } }),
  llmBogus: await scenario("llm_bogus", { ...base, llm: { timeoutMs: 5 } }),
  llmNoEnv: await scenario("llm_no_env", { ...base, brain: { kind: "llm" } }),
  roundsText: await scenario("rounds_text", { ...base, rounds: "ten" }),
  warmTwo: await scenario("warm_two", {
    ...base,
    recommender: { model: { algorithm: "mf", warmSweeps: "two" } },
  }),
  array: await scenario("array", "[]"),
  noEdgePath: await scenario("no_edge_path", { ...base, social: { graph: "csv" } }),
  missingMovieLens: await scenario("missing_movielens", {
    ...base,
    catalog: { source: "movielens", dir: `${dir}/empty`, format: "ml-1m" },
  }),
  badItems: await scenario("bad_items", {
    ...base,
    catalog: { source: "file", path: `${dir}/items_no_genres.csv` },
  }),
  good: await scenario("good", base),
};

// A real run folder every case must leave alone, and one with a damaged checkpoint.
await (await createSimulation(JSON.parse(await Deno.readTextFile(S.good)), { out: RUN })).run();
await Deno.mkdir(DAMAGED);
for await (const e of Deno.readDir(RUN)) {
  await Deno.copyFile(`${RUN}/${e.name}`, `${DAMAGED}/${e.name}`);
}
await Deno.writeTextFile(`${DAMAGED}/checkpoint.json`, "{}");

async function snapshot(folder: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const e of Deno.readDir(folder)) {
    if (e.isFile) out.set(e.name, await Deno.readTextFile(`${folder}/${e.name}`));
  }
  return out;
}
const kept = await snapshot(RUN);
const damaged = await snapshot(DAMAGED);

// A port that is in use for as long as the tests run.
const busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
const busyPort = (busy.addr as Deno.NetAddr).port;

type Case = [cli: string, args: string[], message: RegExp];
const cli = (name: string) => name === "bench" ? "bench/run_all.ts" : `lib/cli/${name}.ts`;

const cases: Case[] = [
  // demo
  [
    "demo",
    ["--agents", "abc", "--out", RUN],
    /^error: --agents: expected an integer ≥ 1, found "abc"$/,
  ],
  [
    "demo",
    ["--agents", "0", "--out", RUN],
    /^error: --agents: expected an integer ≥ 1, found "0"$/,
  ],
  [
    "demo",
    ["--agents", "-5", "--out", RUN],
    /^error: --agents: expected an integer ≥ 1, found "-5"$/,
  ],
  ["demo", ["--agents", "2.5", "--out", RUN], /^error: --agents: .*found "2\.5"$/],
  [
    "demo",
    ["--rounds", "0", "--out", RUN],
    /^error: --rounds: expected an integer ≥ 1, found "0"$/,
  ],
  [
    "demo",
    ["--rounds", "1.5", "--out", RUN],
    /^error: --rounds: expected an integer ≥ 1, found "1\.5"$/,
  ],
  ["demo", ["--rounds", "", "--out", RUN], /^error: --rounds: expected an integer ≥ 1, found ""$/],
  ["demo", ["--seed", "xyz", "--out", RUN], /^error: --seed: expected an integer, found "xyz"$/],
  ["demo", ["--brain", "gpt", "--out", RUN], /^error: --brain: expected rule or llm, found "gpt"$/],
  [
    "demo",
    ["--bogus", "--out", RUN],
    /^error: --bogus: expected one of --brain, .*found an unknown option$/,
  ],
  [
    "demo",
    ["--out", RUN, "extra"],
    /^error: arguments: expected no positional arguments, found "extra"$/,
  ],
  ["demo", ["--out", RUN, "--agents"], /^error: --agents: expected a value, found none$/],
  ["demo", ["--brain", "llm", "--out", RUN], /^error: environment: OPENAI_API_KEY: not set/],
  // sim: command line
  ["sim", ["--bogus"], /^error: --bogus: expected one of --out, .*found an unknown option$/],
  [
    "sim",
    [],
    /^error: arguments: expected 1 positional argument \(the scenario file\), found none$/,
  ],
  [
    "sim",
    [S.good, S.good, "--out", RUN],
    /^error: arguments: expected 1 positional argument .*found ".*" ".*"$/,
  ],
  [
    "sim",
    [S.good, "--rounds", "0", "--out", RUN],
    /^error: --rounds: expected an integer ≥ 1, found "0"$/,
  ],
  ["sim", [S.good, "--rounds", "1.5", "--out", RUN], /^error: --rounds: .*found "1\.5"$/],
  ["sim", [S.good, "--max-calls", "x", "--out", RUN], /^error: --max-calls: .*found "x"$/],
  ["sim", [S.good, "--max-tokens", "-1", "--out", RUN], /^error: --max-tokens: .*found "-1"$/],
  [
    "sim",
    [S.good, "--resume=yes", "--out", RUN],
    /^error: --resume: expected no value \(a switch\), found one$/,
  ],
  ["sim", [S.good, "--out"], /^error: --out: expected a value, found none$/],
  // sim: scenario files
  ["sim", [`${dir}/no_such.json`, "--out", RUN], /^error: .*no_such\.json: \(file\): cannot read/],
  ["sim", [`${dir}/empty`, "--out", RUN], /^error: .*empty: \(file\): cannot read/],
  ["sim", [S.notJson, "--out", RUN], /^error: .*not_json\.json: \(file\): not valid JSON/],
  ["sim", [S.array, "--out", RUN], /^error: .*array\.json: \(root\): expected object, found \[\]$/],
  ["sim", [S.unknownTop, "--out", RUN], /^error: .*unknown_top\.json: \(root\): .*"rouns"/],
  [
    "sim",
    [S.roundsText, "--out", RUN],
    /^error: .*rounds_text\.json: rounds: expected number, found "ten"$/,
  ],
  [
    "sim",
    [S.warmTwo, "--out", RUN],
    /^error: .*warm_two\.json: recommender\.model\.warmSweeps: expected number, found "two"$/,
  ],
  ["sim", [S.dotName], /^error: .*dot_name\.json: name: expected a plain folder name/],
  [
    "sim",
    [S.hot, "--out", RUN],
    /^error: .*hot\.json: brain\.params\.temperature: expected number, found "hot"$/,
  ],
  [
    "sim",
    [S.bogusWeight, "--out", RUN],
    /^error: .*bogus_weight\.json: brain\.params\.bogusWeight: unknown field/,
  ],
  [
    "sim",
    [S.memoryBogus, "--out", RUN],
    /^error: .*memory_bogus\.json: memory\.bogus: unknown field/,
  ],
  [
    "sim",
    [S.memoryNo, "--out", RUN],
    /^error: .*memory_no\.json: memory\.enabled: expected boolean, found "no"$/,
  ],
  ["sim", [S.keys, "--out", RUN], /^error: .*keys\.json: llm: endpoints and API keys come from/],
  ["sim", [S.llmBogus, "--out", RUN], /^error: .*llm_bogus\.json: llm\.timeoutMs: unknown field/],
  [
    "sim",
    [S.missingProfiles, "--out", `${dir}/out_a`],
    /^error: .*nope\.csv: expected a readable file, found none$/,
  ],
  [
    "sim",
    [S.missingCatalog, "--out", `${dir}/out_b`],
    /^error: .*nope_items\.csv: expected a readable file, found none$/,
  ],
  [
    "sim",
    [S.missingEdges, "--out", `${dir}/out_c`],
    /^error: .*nope_edges\.csv: expected a readable file, found none$/,
  ],
  [
    "sim",
    [S.unknownAgent, "--out", `${dir}/out_d`],
    /^error: .*unknown_agent\.json: interventions\[0\]\.agent: expected the id of an agent \(4 agents\), found "nobody"$/,
  ],
  [
    "sim",
    [S.badPatch, "--out", `${dir}/out_e`],
    /^error: .*bad_patch\.json: interventions\[0\]\.patch\.age: /,
  ],
  [
    "sim",
    [S.unknownRecipient, "--out", `${dir}/out_f`],
    /^error: .*interventions\[0\]\.to\[0\]: .*found "ghost"$/,
  ],
  [
    "sim",
    [S.strangerEdges, "--out", `${dir}/out_g`],
    /^error: .*edges_stranger\.csv:3 \(target\): expected the id of an agent \(4 agents\), found "stranger"$/,
  ],
  [
    "sim",
    [S.badEdgeHeader, "--out", `${dir}/out_h`],
    /^error: .*edges_bad_header\.csv:1: unknown column "from"/,
  ],
  [
    "sim",
    [S.headerOnly, "--out", `${dir}/out_i`],
    /^error: .*header_only\.csv: expected at least one profile after the header, found none$/,
  ],
  [
    "sim",
    [S.badAge, "--out", `${dir}/out_j`],
    /^error: bad_age\.csv:2 \(age\): column 4: expected an integer age/,
  ],
  [
    "sim",
    [S.tooMany, "--out", `${dir}/out_k`],
    /^error: .*too_many\.json: agents\.count: expected at most \d+ .*found 900$/,
  ],
  [
    "sim",
    [S.oddK, "--out", `${dir}/out_l`],
    /^error: .*odd_k\.json: social\.k: expected an even number, found 3$/,
  ],
  ["sim", [S.llmNoEnv, "--out", `${dir}/out_m`], /^error: .*OPENAI_/],
  [
    "sim",
    [S.good, "--resume", "--out", DAMAGED],
    /^error: .*damaged_run\/checkpoint\.json: round: .*restore the run folder from a copy/,
  ],
  // serve
  [
    "serve",
    ["--port", "70000"],
    /^error: --port: expected an integer from 0 to 65535, found "70000"$/,
  ],
  [
    "serve",
    ["--port", "http"],
    /^error: --port: expected an integer from 0 to 65535, found "http"$/,
  ],
  ["serve", ["--port", "-1"], /^error: --port: .*found "-1"$/],
  [
    "serve",
    ["--port", String(busyPort)],
    new RegExp(
      `^error: --port: expected a free port, found ${busyPort} in use on 127\\.0\\.0\\.1$`,
    ),
  ],
  [
    "serve",
    ["--host", "999.1.1.1"],
    /^error: --host: expected an IPv4 address .*found "999\.1\.1\.1"$/,
  ],
  ["serve", ["--host", "bad host!"], /^error: --host: .*found "bad host!"$/],
  ["serve", ["--seat-timeout", "0"], /^error: --seat-timeout: expected a number ≥ 1, found "0"$/],
  ["serve", ["--round-delay", "soon"], /^error: --round-delay: .*found "soon"$/],
  ["serve", ["--bogus"], /^error: --bogus: expected one of --port, .*found an unknown option$/],
  ["serve", [S.good, RUN], /^error: arguments: expected 0 to 1 positional argument/],
  ["serve", [`${dir}/no_such.json`], /^error: .*no_such\.json: \(file\): cannot read/],
  [
    "serve",
    [S.hot],
    /^error: .*hot\.json: brain\.params\.temperature: expected number, found "hot"$/,
  ],
  // eval
  [
    "eval",
    [],
    /^error: arguments: expected 1 positional argument \(selection, efficiency or cascades\), found none$/,
  ],
  [
    "eval",
    ["rating"],
    /^error: arguments: expected the protocol selection, efficiency or cascades, found "rating"$/,
  ],
  ["eval", ["selection"], /^error: --data: expected a MovieLens folder .*found none$/],
  [
    "eval",
    ["selection", "--data", `${dir}/empty`],
    /^error: .*empty: expected a MovieLens folder .*found neither u\.user nor users\.dat$/,
  ],
  [
    "eval",
    ["selection", "--data", `${dir}/ml_no_item`],
    /^error: .*ml_no_item\/u\.item: expected the ML-100K file u\.item, found none$/,
  ],
  [
    "eval",
    ["selection", "--data", `${dir}/empty`, "--users", "0"],
    /^error: --users: expected an integer ≥ 1, found "0"$/,
  ],
  [
    "eval",
    ["selection", "--data", `${dir}/empty`, "--format", "ml-10m"],
    /^error: --format: expected ml-100k or ml-1m, found "ml-10m"$/,
  ],
  [
    "eval",
    ["selection", "--data", `${dir}/empty`, "--negatives", "hard"],
    /^error: --negatives: expected uniform or popularity, found "hard"$/,
  ],
  [
    "eval",
    ["selection", "--data", `${dir}/empty`, "--embedder", "bert"],
    /^error: --embedder: expected auto, minilm, hashed or openai, found "bert"$/,
  ],
  [
    "eval",
    ["efficiency", "--agents", "1,,5"],
    /^error: --agents: expected an integer ≥ 1, found ""$/,
  ],
  [
    "eval",
    ["efficiency", "--rounds", "0"],
    /^error: --rounds: expected an integer ≥ 1, found "0"$/,
  ],
  [
    "eval",
    ["efficiency", "--latency-ms", "-3"],
    /^error: --latency-ms: expected an integer ≥ 0, found "-3"$/,
  ],
  [
    "eval",
    ["efficiency", "--bogus"],
    /^error: --bogus: expected one of --data, .*found an unknown option$/,
  ],
  ["eval", ["cascades", "--bogus"], /^error: .*--bogus/],
  [
    "eval",
    ["cascades", "--data", `${dir}/empty`],
    /^error: .*empty: expected twitter15\/tree\/ or twitter16\/tree\//,
  ],
  // report, local server, bench
  ["report", ["--size", "huge"], /^error: --size: expected small or full, found "huge"$/],
  [
    "report",
    ["--bogus"],
    /^error: --bogus: expected one of --size, --out, --help, found an unknown option$/,
  ],
  ["local_llm", ["--latency", "slow"], /^error: --latency: expected a number ≥ 0, found "slow"$/],
  ["local_llm", ["--keys", " , "], /^error: --keys: expected at least one key, found " , "$/],
  [
    "local_llm",
    ["--port", "8000"],
    /^error: --port: expected one of --keys, .*found an unknown option$/,
  ],
  ["local_llm", ["extra"], /^error: arguments: expected no positional arguments, found "extra"$/],
  ["bench", ["--bogus"], /^error: --bogus: expected one of --help, found an unknown option$/],
  // more sources a scenario can name
  [
    "sim",
    [S.noEdgePath, "--out", `${dir}/out_n`],
    /^error: .*no_edge_path\.json: social\.path: expected an edge-list file for graph "csv", found none$/,
  ],
  [
    "sim",
    [S.missingMovieLens, "--out", `${dir}/out_o`],
    /^error: .*empty\/movies\.dat: expected the ML-1M file movies\.dat, found none$/,
  ],
  [
    "sim",
    [S.badItems, "--out", `${dir}/out_p`],
    /^error: .*items_no_genres\.csv:1 \(genres\): missing column "genres"$/,
  ],
  [
    "serve",
    [`${dir}/broken_run`],
    /^error: .*broken_run\/manifest\.json: expected a run manifest in JSON, found /,
  ],
  // llm_dry_run: options are checked, and a missing LLM named, before a model or a figure is touched
  [
    "llm_dry_run",
    ["bogus"],
    /^error: arguments: expected musiclab or satisfaction, found "bogus"$/,
  ],
  [
    "llm_dry_run",
    ["musiclab", "--songs", "1"],
    /^error: --songs: expected an integer from 2 to 200, found "1"$/,
  ],
  ["llm_dry_run", ["satisfaction", "--seeds", "x"], /^error: --seeds: expected an integer/],
  ["llm_dry_run", ["musiclab"], /^error: environment: OPENAI_API_KEY: not set/],
];

const env: Record<string, string> = {
  NO_COLOR: "1",
  // No endpoint and no bundled model: a run that needs an LLM must say what is missing.
  SOCIUS_LOCAL_LLM: "0",
  OPENAI_API_KEY: "",
  OPENAI_MODEL: "",
  OPENAI_BASE_URL: "",
};

async function spawn(name: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli(name), ...args],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

// Run every case concurrently in small batches (process start-up dominates), then report
// each as its own test.
const results = await mapLimit(cases, 4, ([name, args]) => spawn(name, args));

Deno.test(`at least 50 bad inputs are covered (${cases.length})`, () => {
  assert.ok(cases.length >= 50);
});

cases.forEach(([name, args, message], i) => {
  Deno.test(`${name} ${args.join(" ").replaceAll(dir, "$TMP")} → exit 2 and one error line`, () => {
    const { code, stderr } = results[i];
    const lines = stderr.split("\n").filter((l) => l.trim() !== "");
    assert.doesNotMatch(stderr, /Uncaught|^\s+at /m, stderr);
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], message);
    assert.equal(code, 2, stderr);
  });
});

Deno.test("no bad input created a run folder or changed an existing one", async () => {
  assert.deepEqual(await snapshot(RUN), kept);
  assert.deepEqual(await snapshot(DAMAGED), damaged);
  for (const x of "abcdefghijklmnop") {
    await assert.rejects(Deno.stat(`${dir}/out_${x}`), Deno.errors.NotFound, `out_${x}`);
  }
});

Deno.test("every command answers --help with its usage and exit code 0", async () => {
  const names = ["demo", "sim", "serve", "eval", "report", "local_llm", "bench"];
  const outs = await mapLimit(names, 4, (n) => spawn(n, ["--help"]));
  outs.forEach((o, i) => {
    assert.equal(o.code, 0, `${names[i]}: ${o.stderr}`);
    assert.match(o.stdout, /^usage: /, names[i]);
    assert.equal(o.stderr, "", names[i]);
  });
});

Deno.test("a scenario that builds cleanly still runs (the checks reject only what is wrong)", async () => {
  const out = `${dir}/good_run`;
  const r = await spawn("sim", [S.good, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok((await Deno.stat(`${out}/manifest.json`)).isFile);
});

Deno.test("eval --users 999999 says how many users it really used", async () => {
  const r = await spawn("eval", [
    "selection",
    "--data",
    "tests/fixtures/eval/ml100k",
    "--users",
    "999999",
    "--brains",
    "random",
    "--seeds",
    "1",
    "--pairs",
    "1x5",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const used = /(\d+) users per seed/.exec(r.stdout)?.[1];
  assert.ok(used && Number(used) < 999999, r.stdout);
  assert.match(
    r.stdout,
    new RegExp(`Only ${used} of the 999999 users asked for .* ${used} were used`),
  );
});

Deno.test("an unexpected failure is one line with exit code 1, never a stack trace", async () => {
  const script = `${dir}/faulty.ts`;
  const boundary = new URL("../../lib/core/cli_main.ts", import.meta.url).href;
  for (
    const fault of ["throw new TypeError('x is undefined');", "setTimeout(() => { null.x; }, 0);"]
  ) {
    await Deno.writeTextFile(
      script,
      `import { commandLine } from "${boundary}";\ncommandLine({ usage: "usage: faulty", options: {} });\nawait Promise.resolve();\n${fault}\n`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", script],
      env,
      stderr: "piped",
      stdout: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 1, stderr);
    const lines = stderr.split("\n").filter((l) => l.trim());
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], /^error: unexpected failure \(a bug, please report it\): TypeError: /);
    assert.doesNotMatch(stderr, /Uncaught|^\s+at /m);
  }
});

Deno.test("cleanup", async () => {
  busy.close();
  await Deno.remove(dir, { recursive: true });
});
