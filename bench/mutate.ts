/**
 * `deno task mutate [paths…] [--concurrency N] [--timeout-ms MS] [--hops N] [--max-tests N]`:
 * mutation testing of the named files or folders with StrykerJS, whose command test runner
 * drives `deno test`. `--table` prints the README's table; `--rescore` re-applies the argued
 * equivalents to the figures already measured.
 *
 * Stryker is installed by this script into `.socius/stryker/` (git-ignored) with npm the first
 * time (`@stryker-mutator/core` 9.6.1: the 10.x line needs Node 22, this machine has Node 20).
 * Its instrumenter parses TypeScript as it is and marks instrumented files `@ts-nocheck`, and
 * the instrumented code reads the active mutant from `process.env`, which Deno provides, so the
 * maintained tool works under Deno as it is; nothing of our own mutates code.
 *
 * The command runner cannot pick tests per mutant, so each source file gets the test files
 * that load it, read from the import graph (bench/mutate_tests.ts: within `--hops` imports,
 * barrels and test helpers not counted, the most telling first, at most `--max-tests`), plus
 * its own doc examples, and Stryker runs once per group of files sharing a test set. Running
 * only those, rather than a folder's whole suite, is what keeps a folder within minutes.
 * Tests run with `--no-check` (the instrumented source is not type-correct by design) and
 * `--fail-fast`; a mutant whose tests run past Stryker's timeout (1.5 times the unmutated
 * run's time plus `--timeout-ms`) counts as caught, Stryker's rule: a planted endless loop is
 * a caught bug. A file no test reaches is listed, not mutated. Stryker's incremental mode is
 * not used: the command runner reports the whole test set as one test, so Stryker could not
 * see a changed test file and would reuse stale results.
 *
 * Prints each file's score and its surviving mutants, and merges the figures into
 * figures/mutation.json (one entry per file, so folders can be measured one at a time).
 * Survivors listed in bench/mutate_equivalent.json carry the reason they are equivalent
 * (no test can tell them from the original) and are left out of the adjusted score.
 *
 * Score = (killed + timed out) / (killed + timed out + survived + no coverage), Stryker's.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { importGraph, selectTests } from "./mutate_tests.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const STRYKER_DIR = `${ROOT}/.socius/stryker`;
const STRYKER_VERSION = "9.6.1";
const OUT = `${ROOT}/figures/mutation.json`;
const EQUIVALENT = `${ROOT}/bench/mutate_equivalent.json`;

/**
 * Test files the import graph cannot see: tests that reach a module only through a CLI run in
 * a subprocess with a path built at run time. Added to the graph's choice, never replacing it.
 */
const EXTRA: Record<string, string[]> = {
  // The run store's checks are reached by the CLI tests only through a subprocess.
  "lib/sim/resume_check.ts": ["tests/sim/resume_verify_test.ts"],
};

/** What the whole figure file holds. */
interface FileFigure {
  tests: string[];
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  errors: number;
  /** Stryker's score in percent. */
  score: number;
  /** The score with survivors proven equivalent left out, in percent. */
  adjustedScore: number;
  survivors: { line: number; mutator: string; replacement: string; equivalent?: string }[];
  seconds: number;
  measured: string;
}

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: {
    concurrency: { type: "string", default: "2" },
    "timeout-ms": { type: "string", default: "4000" },
    hops: { type: "string", default: "1" },
    "max-tests": { type: "string", default: "8" },
    rescore: { type: "boolean", default: false },
    table: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

if (values.help) {
  console.log(
    "usage: deno task mutate [paths…] [--concurrency N] [--timeout-ms MS] [--hops N]\n" +
      "       [--max-tests N] [--rescore] [--table]\n" +
      "  paths: files or folders under lib/ (default: the modules held to the 85% target:\n" +
      "  lib/core, lib/metrics, the LLM cache, redaction and client, the run store, the\n" +
      "  evaluation protocols, the propagation code). Writes figures/mutation.json.",
  );
  Deno.exit(0);
}
const concurrency = Number(values.concurrency);
const hops = Number(values.hops);
const maxTests = Number(values["max-tests"]);
for (const [name, v] of [["hops", hops], ["max-tests", maxTests]] as const) {
  if (!Number.isInteger(v) || v < 1) {
    console.error(`error: --${name}: expected a positive integer, found "${values[name]}"`);
    Deno.exit(2);
  }
}
const timeoutMs = Number(values["timeout-ms"]);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`error: --concurrency: expected a positive integer, found "${values.concurrency}"`);
  Deno.exit(2);
}
if (!Number.isInteger(timeoutMs) || timeoutMs < 100) {
  console.error(`error: --timeout-ms: expected an integer ≥ 100, found "${values["timeout-ms"]}"`);
  Deno.exit(2);
}

/** What the project holds to its 85% target when no path is named. */
const TARGETS = [
  "lib/core",
  "lib/metrics",
  "lib/llm/redact.ts",
  "lib/llm/record_cache.ts",
  "lib/llm/client.ts",
  "lib/llm/client_retry.ts",
  "lib/llm/client_repair.ts",
  "lib/llm/endpoint_stop.ts",
  "lib/llm/client_batch.ts",
  "lib/llm/call_tally.ts",
  "lib/sim/run_store.ts",
  "lib/sim/run_manifest.ts",
  "lib/sim/checkpoint_file.ts",
  "lib/sim/run_verify.ts",
  "lib/sim/resume_check.ts",
  "lib/sim/log_digest.ts",
  "lib/sim/run_folder.ts",
  "lib/sim/run_lock.ts",
  "lib/eval/selection_score.ts",
  "lib/eval/cascades.ts",
  "lib/eval/realism_measures.ts",
  "lib/social/spread/dynamics.ts",
  "lib/social/spread/baselines.ts",
  "lib/social/spread/rule_sim.ts",
];
const paths = positionals.length > 0 ? positionals : TARGETS;

/**
 * Source files under a path (a file or a folder), mod.ts barrels and tests left out. A file
 * may carry a line range (`lib/llm/client.ts:183-463`), which Stryker mutates alone.
 */
function sources(path: string): string[] {
  if (/\.ts:\d+-\d+$/.test(path)) {
    sources(path.slice(0, path.lastIndexOf(":")));
    return [path.replace(/^\.\//, "")];
  }
  const rel = path.replace(/^\.\//, "").replace(/\/$/, "");
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(`${ROOT}/${rel}`);
  } catch {
    console.error(`error: ${rel}: expected a file or folder under the project, found nothing`);
    Deno.exit(2);
  }
  if (info.isFile) return [rel];
  return [...Deno.readDirSync(`${ROOT}/${rel}`)]
    .filter((e) => e.isFile && e.name.endsWith(".ts") && e.name !== "mod.ts")
    .map((e) => `${rel}/${e.name}`)
    .sort();
}

const graph = importGraph(ROOT);

/** The test files run against a file's mutants, chosen from the import graph. */
function testsOf(fileOrRange: string): string[] {
  const file = fileOrRange.replace(/:\d+-\d+$/, "");
  const chosen = selectTests(graph, file, { hops, max: maxTests });
  return [...new Set([...chosen, ...(EXTRA[file] ?? [])])];
}

async function ensureStryker(): Promise<string> {
  const bin = `${STRYKER_DIR}/node_modules/@stryker-mutator/core/bin/stryker.js`;
  try {
    await Deno.stat(bin);
    return bin;
  } catch {
    // First use: install below.
  }
  console.log(`installing @stryker-mutator/core@${STRYKER_VERSION} into .socius/stryker …`);
  await Deno.mkdir(STRYKER_DIR, { recursive: true });
  await Deno.writeTextFile(
    `${STRYKER_DIR}/package.json`,
    '{"name":"socius-stryker","private":true}\n',
  );
  const r = await new Deno.Command("npm", {
    args: ["install", "--no-audit", "--no-fund", "-E", `@stryker-mutator/core@${STRYKER_VERSION}`],
    cwd: STRYKER_DIR,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!r.success) {
    console.error(
      "error: npm install @stryker-mutator/core: expected success, found exit code " + r.code,
    );
    Deno.exit(1);
  }
  return bin;
}

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}

const equivalent: Record<string, string> = await Deno.readTextFile(EQUIVALENT)
  .then((t) => JSON.parse(t) as Record<string, string>)
  .catch(() => ({}));

function figure(
  file: string,
  tests: string[],
  mutants: ReportMutant[],
  seconds: number,
): FileFigure {
  const count = (s: string) => mutants.filter((m) => m.status === s).length;
  const killed = count("Killed"), timeout = count("Timeout"), survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const errors = count("RuntimeError") + count("CompileError");
  const survivors = mutants
    .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
    .map((m) => {
      const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 160);
      const line = m.location.start.line;
      const reason = equivalent[`${file}:${line}:${m.mutatorName}:${replacement}`];
      return {
        line,
        mutator: m.mutatorName,
        replacement,
        ...(reason ? { equivalent: reason } : {}),
      };
    })
    .sort((a, b) => a.line - b.line);
  const valid = killed + timeout + survived + noCoverage;
  const proven = survivors.filter((s) => s.equivalent).length;
  const pct = (x: number, n: number) => n === 0 ? 100 : Math.round(1000 * x / n) / 10;
  return {
    tests,
    mutants: mutants.length,
    killed,
    timeout,
    survived,
    noCoverage,
    errors,
    score: pct(killed + timeout, valid),
    adjustedScore: pct(killed + timeout, valid - proven),
    survivors,
    seconds,
    measured: new Date().toISOString().slice(0, 10),
  };
}

// --table: the README's table of the figures measured so far, one row per file.
if (values.table) {
  const saved = JSON.parse(await Deno.readTextFile(OUT)) as {
    files: Record<string, FileFigure>;
  };
  const rows = Object.entries(saved.files).map(([file, f]) => [
    `\`${file}\``,
    String(f.mutants),
    `${f.score}%`,
    `${f.adjustedScore}%`,
    String(f.survivors.filter((s) => !s.equivalent).length),
    (f.seconds / 60).toFixed(1),
  ]);
  const head = [
    "module",
    "mutants",
    "caught",
    "caught, equivalent survivors left out",
    "open survivors",
    "minutes",
  ];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => `| ${r.map((v, j) => v.padEnd(widths[j])).join(" | ")} |`;
  console.log(
    [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"),
  );
  Deno.exit(0);
}

// --rescore: apply bench/mutate_equivalent.json to the figures already measured (after a
// survivor was studied and found equivalent) without running any mutant again.
if (values.rescore) {
  const saved = JSON.parse(await Deno.readTextFile(OUT)) as {
    files: Record<string, FileFigure>;
    runs?: Record<string, RunFigure>;
  };
  for (const [file, f] of Object.entries(saved.files)) {
    for (const sv of f.survivors) {
      const reason = equivalent[`${file}:${sv.line}:${sv.mutator}:${sv.replacement}`];
      if (reason) sv.equivalent = reason;
      else delete sv.equivalent;
    }
    const valid = f.killed + f.timeout + f.survived + f.noCoverage;
    const proven = f.survivors.filter((x) => x.equivalent).length;
    f.adjustedScore = valid - proven
      ? Math.round(1000 * (f.killed + f.timeout) / (valid - proven)) / 10
      : 100;
  }
  await writeFigures(saved.files, saved.runs ?? {});
  Deno.exit(0);
}

const files = [...new Set(paths.flatMap(sources))];
const groups = new Map<string, string[]>();
const unmapped: string[] = [];
for (const f of files) {
  const tests = testsOf(f);
  if (tests.length === 0) {
    unmapped.push(f);
    continue;
  }
  const key = tests.join(" ");
  groups.set(key, [...(groups.get(key) ?? []), f]);
}
if (unmapped.length > 0) {
  console.log(`no test reaches (not mutated): ${unmapped.join(", ")}`);
}

const bin = await ensureStryker();
const runStart = performance.now();
await Deno.mkdir(`${ROOT}/.socius/mutate`, { recursive: true });
const results: Record<string, FileFigure> = {};
const failed: string[] = [];
let n = 0;
for (const [key, group] of groups) {
  const tests = key === "" ? [] : key.split(" ");
  const config = `${ROOT}/.socius/mutate/group-${Deno.pid}-${n}.json`;
  const report = `.socius/mutate/report-${Deno.pid}-${n++}.json`;
  const docs = [...new Set(group.map((f) => f.replace(/:\d+-\d+$/, "")))];
  // --fail-fast: a caught mutant stops at the first failing test, so only survivors pay for
  // the whole set; the most telling test files come first.
  const command = ["deno test -A --no-check --quiet --fail-fast", ...tests, "--doc", ...docs]
    .join(" ");
  await Deno.writeTextFile(
    config,
    JSON.stringify(
      {
        mutate: group,
        testRunner: "command",
        commandRunner: { command },
        coverageAnalysis: "off",
        concurrency,
        timeoutMS: timeoutMs,
        // The unmutated run of a slow test set on a loaded machine can pass Stryker's 5.
        dryRunTimeoutMinutes: 20,
        reporters: ["json", "progress"],
        jsonReporter: { fileName: report },
        tempDirName: ".socius/stryker-tmp",
        cleanTempDir: "always",
        ignorePatterns: [
          "runs",
          ".socius",
          ".python",
          "figures",
          "notebooks",
          "tests/.out",
          "node_modules",
          ".git",
        ],
      },
      null,
      2,
    ),
  );
  console.log(
    `\n${group.join(", ")}\n  tests: ${[...tests, "the files' doc examples"].join(", ")}`,
  );
  const t0 = performance.now();
  const run = await new Deno.Command("node", {
    args: [bin, "run", config],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", SOCIUS_EMBEDDER: "hashed" },
  }).output();
  const seconds = Math.round((performance.now() - t0) / 1000);
  if (!run.success) {
    // One group's failure (its tests fail unmutated, or their first run times out) leaves
    // the other groups to measure; the run ends with the failures named and exit code 1.
    console.error(
      `error: stryker on ${group.join(", ")}: expected a report, found exit code ${run.code}`,
    );
    failed.push(...group);
    continue;
  }
  const data = JSON.parse(await Deno.readTextFile(`${ROOT}/${report}`)) as {
    files: Record<string, { mutants: ReportMutant[] }>;
  };
  const total = Object.values(data.files).reduce((s, f) => s + f.mutants.length, 0) || 1;
  for (const [file, entry] of Object.entries(data.files)) {
    // Time is shared out by mutant count: Stryker runs the group as one job.
    const share = Math.round(seconds * entry.mutants.length / total);
    results[file] = figure(file, [...tests, "(doc examples)"], entry.mutants, share);
  }
  // Saved after every group, so a long run stopped halfway keeps what it measured.
  await mergeFigures(results);
}

console.log(
  "\nfile                                   score  adjusted  killed  survived  timeout  mutants",
);
for (const [file, f] of Object.entries(results)) {
  console.log(
    `${file.padEnd(38)} ${String(f.score).padStart(5)}%  ${
      String(f.adjustedScore).padStart(6)
    }%  ` +
      `${String(f.killed).padStart(6)}  ${String(f.survived + f.noCoverage).padStart(8)}  ` +
      `${String(f.timeout).padStart(7)}  ${String(f.mutants).padStart(7)}`,
  );
}
for (const [file, f] of Object.entries(results)) {
  for (const s of f.survivors) {
    console.log(
      `survived ${file}:${s.line} ${s.mutator}: ${s.replacement}${
        s.equivalent ? `  [equivalent: ${s.equivalent}]` : ""
      }`,
    );
  }
}

const runSeconds = Math.round((performance.now() - runStart) / 1000);
await mergeFigures(results, {
  paths: paths.join(" "),
  files: Object.keys(results).length,
  mutants: Object.values(results).reduce((s, f) => s + f.mutants, 0),
  seconds: runSeconds,
  concurrency,
  hops,
  maxTests,
  // The machine is shared: a load above the core count makes the time pessimistic.
  loadAverage1m: Math.round(Deno.loadavg()[0] * 10) / 10,
  cores: navigator.hardwareConcurrency,
  measured: new Date().toISOString().slice(0, 10),
});
console.log(
  `\n${Object.keys(results).length} files in ${runSeconds} s; wrote figures/mutation.json`,
);
if (failed.length > 0) {
  console.error(`error: not measured (Stryker failed): ${failed.join(", ")}`);
  Deno.exit(1);
}

/** The wall time of one whole `deno task mutate` run. */
interface RunFigure {
  paths: string;
  files: number;
  mutants: number;
  seconds: number;
  concurrency: number;
  hops: number;
  maxTests: number;
  loadAverage1m: number;
  cores: number;
  measured: string;
}

/** Merges this run's figures into figures/mutation.json (other files' figures kept). */
async function mergeFigures(results: Record<string, FileFigure>, run?: RunFigure): Promise<void> {
  let previous: { files?: Record<string, FileFigure>; runs?: Record<string, RunFigure> } = {};
  try {
    previous = JSON.parse(await Deno.readTextFile(OUT));
  } catch {
    // First measurement.
  }
  const runs = { ...(previous.runs ?? {}), ...(run ? { [run.paths]: run } : {}) };
  await writeFigures({ ...(previous.files ?? {}), ...results }, runs);
}

/** Writes figures/mutation.json: per-file figures and per-folder sums over the files measured. */
async function writeFigures(
  merged: Record<string, FileFigure>,
  runs: Record<string, RunFigure>,
): Promise<void> {
  // A folder's figures cover only the files measured so far, which are named.
  const folders: Record<
    string,
    {
      score: number;
      adjustedScore: number;
      mutants: number;
      /** Seconds of Stryker runs the measured files took, summed (their runs may differ). */
      seconds: number;
      measuredFiles: string[];
    }
  > = {};
  for (const [file, f] of Object.entries(merged)) {
    const folder = file.slice(0, file.lastIndexOf("/"));
    const agg = folders[folder] ??
      { score: 0, adjustedScore: 0, mutants: 0, seconds: 0, measuredFiles: [] };
    folders[folder] = agg;
    agg.mutants += f.mutants;
    agg.seconds += f.seconds;
    agg.measuredFiles.push(file.slice(folder.length + 1));
  }
  for (const folder of Object.keys(folders)) {
    const fs = Object.entries(merged).filter(([p]) => p.slice(0, p.lastIndexOf("/")) === folder)
      .map(([, f]) => f);
    const caught = fs.reduce((s, f) => s + f.killed + f.timeout, 0);
    const valid = fs.reduce((s, f) => s + f.killed + f.timeout + f.survived + f.noCoverage, 0);
    const proven = fs.reduce((s, f) => s + f.survivors.filter((x) => x.equivalent).length, 0);
    folders[folder].score = valid ? Math.round(1000 * caught / valid) / 10 : 100;
    folders[folder].adjustedScore = valid - proven
      ? Math.round(1000 * caught / (valid - proven)) / 10
      : 100;
  }
  await Deno.mkdir(`${ROOT}/figures`, { recursive: true });
  await Deno.writeTextFile(
    OUT,
    JSON.stringify(
      {
        tool: `StrykerJS ${STRYKER_VERSION}, command test runner driving deno test --no-check`,
        scoreDefinition: "(killed + timeout) / (killed + timeout + survived + noCoverage), percent",
        runs,
        folders: Object.fromEntries(Object.entries(folders).sort()),
        files: Object.fromEntries(Object.entries(merged).sort()),
      },
      null,
      2,
    ) + "\n",
  );
}
