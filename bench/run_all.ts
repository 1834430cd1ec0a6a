/**
 * `deno task bench`: runs every benchmark in bench/ (files ending in _bench.ts), each in its
 * own process, then writes figures/bench/README.md: one table per benchmark from the JSON it
 * wrote, with the machine it ran on. BENCH_SCALE (default 1) scales every benchmark down for a
 * quick pass; BENCH_ONLY (a comma-separated list such as `engine,scale`) runs only those.
 *
 * @module
 */
import { commandLine } from "../lib/core/cli_main.ts";
import { benchDir, measuredOn, recordedMachine } from "./machine.ts";
import { BENCH_V8_FLAGS } from "./child_row.ts";

commandLine({
  usage: "usage: deno task bench (no arguments; BENCH_SCALE=0.1 for a quick pass, " +
    "BENCH_ONLY=engine,scale for some benches)\n" +
    "Runs every bench/*_bench.ts in its own process and writes figures/bench/README.md.",
  options: {},
});

const here = new URL(".", import.meta.url).pathname;
// BENCH_ONLY=engine,scale reruns those benches and rebuilds every table from the JSON files.
const only = (Deno.env.get("BENCH_ONLY") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const files = [...Deno.readDirSync(here)].map((e) => e.name).filter((n) => n.endsWith("_bench.ts"))
  .filter((n) => only.length === 0 || only.includes(n.replace(/_bench\.ts$/, "")))
  .sort();
const failed: string[] = [];
for (const f of files) {
  console.log(`\n== ${f}`);
  const t0 = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", BENCH_V8_FLAGS, `${here}${f}`],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  console.log(
    `   ${code === 0 ? "done" : "FAILED"} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) failed.push(f);
}

function cell(v: unknown): string {
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v.toLocaleString("en-US");
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
  }
  if (v && typeof v === "object") return JSON.stringify(v);
  return String(v ?? "");
}

const dir = benchDir();
const sections: string[] = [];
/** Bench names by the machine their JSON says they ran on (BENCH_ONLY leaves the others as they were). */
const byMachine = new Map<string, string[]>();
for (
  const name of [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".json"))
    .sort()
) {
  const data = JSON.parse(Deno.readTextFileSync(`${dir}/${name}`));
  const rows: Record<string, unknown>[] = data.results ?? [];
  if (!rows.length) continue;
  const bench = name.replace(/\.json$/, "");
  const machine = recordedMachine(data);
  byMachine.set(machine, [...byMachine.get(machine) ?? [], bench]);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const notes = Object.entries(data).filter(([k, v]) => k !== "results" && typeof v !== "object")
    .map(([k, v]) => `${k}: ${cell(v)}`).join(" · ");
  sections.push(
    `## ${name.replace(/\.json$/, "")}\n\n${notes}\n\n| ${cols.join(" | ")} |\n| ${
      cols.map(() => "---").join(" | ")
    } |\n` +
      rows.map((r) => `| ${cols.map((c) => cell(r[c])).join(" | ")} |`).join("\n") + "\n",
  );
}
await Deno.writeTextFile(
  `${dir}/README.md`,
  `# Benchmarks\n\n${measuredOn(byMachine)}\n\n${sections.join("\n")}`,
);
console.log(`\nwrote ${dir}/README.md${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
if (failed.length) Deno.exit(1);
