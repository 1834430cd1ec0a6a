/**
 * `deno task report [--size small|full] [--out DIR] [name-filter …]`: executes the notebooks
 * and writes standalone HTML reports (figures/report/*.html) in which every plot is visible.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { installKernelspec, listNotebooks, PROJECT_ROOT, requireJupyter } from "./notebook_exec.ts";
import { buildReport, type ReportEntry, writeReportIndex } from "./report_builder.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: { size: { type: "string" }, out: { type: "string" } },
  allowPositionals: true,
});
const size = values.size ?? Deno.env.get("SOCIUS_SIZE") ?? "full";
if (size !== "small" && size !== "full") {
  console.error(`--size: expected "small" or "full", got "${size}"`);
  Deno.exit(2);
}
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
