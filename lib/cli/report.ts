/**
 * `deno task report [--size small|full] [--out DIR] [name-filter …]`: executes the notebooks
 * and writes standalone, offline HTML reports in which every plot is visible. Small size (the
 * default) writes the committed reports in figures/report/; full size writes figures/report_full/
 * and the notebooks' figures to figures/. A notebook that fails is reported in one line and the
 * others are still built; the timing of a whole run goes to figures/report_timing_<size>.json.
 *
 * @module
 */
import { choiceOption } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";
import { installKernelspec, listNotebooks, PROJECT_ROOT, requireJupyter } from "./notebook_exec.ts";
import { buildReports, type ReportBatch, writeReportIndex } from "./report_builder.ts";

interface ReportArgs {
  size: "small" | "full";
  outDir: string;
  filters: string[];
}

function parseReportArgs(args: string[]): ReportArgs {
  const { values, positionals } = commandLine({
    usage: "usage: deno task report [--size small|full] [--out DIR] [name-filter …]\n" +
      "  --size  small (quick, the committed reports) or full (default: SOCIUS_SIZE, else small)\n" +
      "  --out   folder of the HTML reports (default figures/report, or figures/report_full)",
    options: { size: { type: "string" }, out: { type: "string" } },
    positionals: { min: 0, max: Infinity, names: "notebook name filters" },
  }, args);
  const size = values.size !== undefined
    ? choiceOption("--size", values.size, ["small", "full"])
    : choiceOption("SOCIUS_SIZE", Deno.env.get("SOCIUS_SIZE") ?? "small", ["small", "full"]);
  const outDir = values.out ??
    `${PROJECT_ROOT}/figures/${size === "small" ? "report" : "report_full"}`;
  return { size, outDir, filters: positionals };
}

async function writeTiming(batch: ReportBatch, size: string): Promise<string> {
  const path = `${PROJECT_ROOT}/figures/report_timing_${size}.json`;
  const record = {
    command: `deno task report --size ${size}`,
    size,
    date: new Date().toISOString(),
    cores: navigator.hardwareConcurrency,
    // Other work on the machine stretches every notebook's time; the load says how much.
    loadAverage: Deno.loadavg(),
    totalSeconds: batch.totalSeconds,
    built: batch.entries.length,
    failed: batch.failures,
    notebooks: batch.seconds,
  };
  await Deno.writeTextFile(path, JSON.stringify(record, null, 2) + "\n");
  return path;
}

async function main(args: string[]): Promise<number> {
  const opts = parseReportArgs(args);
  await requireJupyter();
  await installKernelspec();
  const notebooks = listNotebooks().filter((nb) =>
    opts.filters.length === 0 || opts.filters.some((p) => nb.includes(p))
  );
  const batch = await buildReports(notebooks, {
    outDir: opts.outDir,
    size: opts.size,
    figuresDir: opts.size === "small" ? null : undefined,
  }, (line) => console.log(line));
  if (batch.entries.length > 0) {
    console.log(`index ${await writeReportIndex(batch.entries, opts.outDir)}`);
  }
  if (opts.filters.length === 0) console.log(`timing ${await writeTiming(batch, opts.size)}`);
  console.log(
    `${batch.entries.length} built, ${batch.failures.length} failed in ${batch.totalSeconds} s`,
  );
  for (const line of batch.failures) console.error(line);
  return batch.failures.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
