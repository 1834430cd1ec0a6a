/**
 * Runs every command of the README's task table with the README's own examples at their
 * documented (full) sizes, as a new user would, and records for each whether it worked and how
 * long it took in figures/cli_timing.json. The full-size notebook reports have their own command
 * and record (`deno task report --size full` → figures/report_timing_full.json); `deno task bench`
 * and `deno task test` are left out (they are the benchmark and the test suite themselves).
 *
 * Run: deno run -A bench/cli_sweep.ts [name-filter …]
 *
 * Run folders, figures and screenshots go to a temporary folder, so the committed figures stay
 * as they are. A command that fails is recorded with its last line and the sweep goes on; the
 * exit code is 1 when any failed.
 */
import { writeTwitterLayout } from "@lib/eval/cascades_layout.ts";
import { PROJECT_ROOT } from "@lib/sim/build.ts";

interface Case {
  /** What the README shows (with the temporary folder written as $TMP). */
  command: string;
  args: string[];
}

const tmp = await Deno.makeTempDir({ prefix: "socius-cli-sweep-" });
// The cascade evaluation needs trees in the public Twitter15/16 layout: a generated one.
await writeTwitterLayout(`${tmp}/twitter`, { seed: 1 });
const cases: Case[] = [
  { command: "deno task demo", args: ["demo", "--out", `${tmp}/demo`] },
  {
    command: "deno task demo --agents 1 --rounds 2",
    args: ["demo", "--agents", "1", "--rounds", "2", "--out", `${tmp}/demo1`],
  },
  {
    command: "deno task demo --agents 2 --rounds 2",
    args: ["demo", "--agents", "2", "--rounds", "2", "--out", `${tmp}/demo2`],
  },
  {
    command: "deno task demo --agents 120 --rounds 3",
    args: ["demo", "--agents", "120", "--rounds", "3", "--out", `${tmp}/demo120`],
  },
  {
    command: "deno task demo --agents 1000 --rounds 3",
    args: ["demo", "--agents", "1000", "--rounds", "3", "--out", `${tmp}/demo1000`],
  },
  ...["demo", "cocoon", "conformity", "propagation"].map((name) => ({
    command: `deno task sim data/scenarios/${name}.json`,
    args: ["sim", `data/scenarios/${name}.json`, "--out", `${tmp}/sim_${name}`],
  })),
  {
    command: "deno task sim data/scenarios/llm_local.json --estimate",
    args: ["sim", "data/scenarios/llm_local.json", "--estimate"],
  },
  {
    command: "deno task eval selection --data tests/fixtures/eval/ml100k --format ml-100k",
    args: [
      "eval",
      "selection",
      "--data",
      "tests/fixtures/eval/ml100k",
      "--format",
      "ml-100k",
      "--brains",
      "random,popular,rule",
      "--out",
      `${tmp}/selection`,
    ],
  },
  {
    command: "deno task eval synthetic --out $TMP/ml100k",
    args: ["eval", "synthetic", "--out", `${tmp}/ml100k`],
  },
  {
    command: "deno task eval ratings --data $TMP/ml100k --format ml-100k --users 100",
    args: ["eval", "ratings", "--data", `${tmp}/ml100k`, "--format", "ml-100k", "--users", "100"],
  },
  {
    command: "deno task eval realism --data $TMP/ml100k --format ml-100k --users 100 --rounds 5",
    args: [
      "eval",
      "realism",
      "--data",
      `${tmp}/ml100k`,
      "--format",
      "ml-100k",
      "--users",
      "100",
      "--rounds",
      "5",
      "--out",
      `${tmp}/realism`,
    ],
  },
  {
    command: "deno task eval cascades --data $TMP/twitter",
    args: ["eval", "cascades", "--data", `${tmp}/twitter`],
  },
  {
    command: "deno task eval efficiency",
    args: ["eval", "efficiency", "--out", `${tmp}/efficiency`],
  },
  {
    command: "deno task serve --screenshot $TMP/dashboard.png",
    args: ["serve", "--port", "0", "--screenshot", `${tmp}/dashboard.png`],
  },
];

const filters = Deno.args;
const results: Record<string, unknown>[] = [];
for (
  const c of cases.filter((c) => !filters.length || filters.some((f) => c.command.includes(f)))
) {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", ...c.args],
    cwd: PROJECT_ROOT,
    env: { NO_COLOR: "1", SOCIUS_FIGURES_DIR: `${tmp}/figures` },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const text = new TextDecoder().decode(out.code === 0 ? out.stdout : out.stderr).trim();
  const lines = text.split("\n").filter((l) => l.trim());
  // A failure's first error line says what went wrong; a stack trace's last line does not.
  const last = (out.code === 0 ? undefined : lines.find((l) => /error/i.test(l))) ??
    lines.at(-1) ?? "";
  const row = { command: c.command, ok: out.code === 0, exitCode: out.code, seconds, last };
  results.push(row);
  console.log(`${row.ok ? "ok  " : "FAIL"} ${seconds.toFixed(1).padStart(6)} s  ${c.command}`);
  if (!row.ok) console.log(`      ${last}`);
}
await Deno.remove(tmp, { recursive: true }).catch(() => {});

const path = `${PROJECT_ROOT}/figures/cli_timing.json`;
await Deno.writeTextFile(
  path,
  JSON.stringify(
    {
      command: "deno run -A bench/cli_sweep.ts",
      date: new Date().toISOString(),
      cores: navigator.hardwareConcurrency,
      // Other work on the machine stretches every command's time; the load says how much.
      loadAverage: Deno.loadavg(),
      results,
    },
    null,
    2,
  ) + "\n",
);
console.log(`wrote ${path}`);
Deno.exit(results.every((r) => r.ok) ? 0 : 1);
