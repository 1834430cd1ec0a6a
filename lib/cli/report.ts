/**
 * `deno task report [--size small|full] [--out DIR] [name-filter …]`: executes the notebooks
 * and writes standalone HTML reports (figures/report/*.html) in which every plot is visible.
 *
 * @module
 */
import { choiceOption } from "../core/cli_args.ts";
import { commandLine } from "../core/cli_main.ts";
import { installKernelspec, listNotebooks, PROJECT_ROOT, requireJupyter } from "./notebook_exec.ts";
import { buildReport, type ReportEntry, writeReportIndex } from "./report_builder.ts";

const { values, positionals } = commandLine({
  usage: "usage: deno task report [--size small|full] [--out DIR] [name-filter …]\n" +
    "  --size  small (quick) or full (default: SOCIUS_SIZE, else full)\n" +
    "  --out   folder of the HTML reports (default figures/report)",
  options: { size: { type: "string" }, out: { type: "string" } },
  positionals: { min: 0, max: Infinity, names: "notebook name filters" },
});
const size = values.size !== undefined
  ? choiceOption("--size", values.size, ["small", "full"])
  : choiceOption("SOCIUS_SIZE", Deno.env.get("SOCIUS_SIZE") ?? "full", ["small", "full"]);
const outDir = values.out ?? `${PROJECT_ROOT}/figures/report`;
await requireJupyter();
await installKernelspec();
const notebooks = listNotebooks().filter((nb) =>
  positionals.length === 0 || positionals.some((p) => nb.includes(p))
);
const entries: ReportEntry[] = [];
for (const nb of notebooks) {
  const entry = await buildReport(nb, { outDir, size });
  entries.push(entry);
  console.log(`report ${entry.html} (${entry.figures.length} figures, attempt ${entry.attempts})`);
}
console.log(`index ${await writeReportIndex(entries, outDir)}`);
