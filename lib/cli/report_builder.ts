/**
 * Builds standalone HTML reports from notebooks. Each notebook is executed headlessly; the
 * report is accepted only when every figure the run wrote is present in the HTML, because the
 * Deno kernel occasionally reports idle before its last output and nbconvert then drops it.
 * A report that lost a figure is rebuilt, and after the retries the build fails loudly.
 *
 * @module
 */
import { executeNotebook, figureStems, PROJECT_ROOT } from "./notebook_exec.ts";
import { figuresDir } from "../viz/paths.ts";

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Output folder for the HTML files (default figures/report). */
  outDir?: string;
  /** Run size passed to notebooks as SOCIUS_SIZE (default "full"). */
  size?: "small" | "full";
  /** Where the notebooks' figures are finally copied (default the project's figures/). */
  figuresDir?: string;
  /** Attempts per notebook before giving up on a lost figure (default 3). */
  attempts?: number;
}

/** The result for one notebook. */
export interface ReportEntry {
  /** Notebook path. */
  notebook: string;
  /** HTML report path. */
  html: string;
  /** Figure stems present in the report. */
  figures: string[];
  /** Attempts it took. */
  attempts: number;
}

/**
 * Figure stems missing from a report's HTML.
 *
 * @param html The report markup.
 * @param stems The figures the run wrote.
 * @returns The stems not found as data-figure attributes.
 *
 * @example
 * ```ts
 * import { missingFigures } from "@lib/cli/report_builder.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(missingFigures('<div data-figure="a">', ["a", "b"]), ["b"]);
 * ```
 */
export function missingFigures(html: string, stems: readonly string[]): string[] {
  return stems.filter((s) => !html.includes(`data-figure="${s}"`));
}

/**
 * Executes a notebook into an HTML report in which every figure it wrote is visible.
 *
 * @param notebook Path of the .ipynb.
 * @param options Output folder, size and retries.
 * @returns Where the report is and what it shows.
 */
export async function buildReport(
  notebook: string,
  options: ReportOptions = {},
): Promise<ReportEntry> {
  const outDir = options.outDir ?? `${PROJECT_ROOT}/figures/report`;
  const attempts = options.attempts ?? 3;
  let lastProblem = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const scratch = await Deno.makeTempDir({ prefix: "socius-report-" });
    try {
      const run = await executeNotebook(notebook, {
        outDir,
        to: "html",
        env: { SOCIUS_SIZE: options.size ?? "full", SOCIUS_FIGURES_DIR: scratch },
      });
      if (!run.ok) throw new Error(`${notebook} failed while building its report:\n${run.log}`);
      const stems = figureStems(scratch);
      const missing = missingFigures(await Deno.readTextFile(run.output), stems);
      if (missing.length === 0) {
        await copyTree(scratch, options.figuresDir ?? figuresDir());
        return { notebook, html: run.output, figures: stems, attempts: attempt };
      }
      lastProblem = `figures missing from the HTML: ${missing.join(", ")}`;
    } finally {
      await Deno.remove(scratch, { recursive: true }).catch(() => {});
    }
  }
  throw new Error(
    `${notebook}: report still incomplete after ${attempts} attempts (${lastProblem})`,
  );
}

async function copyTree(from: string, to: string): Promise<void> {
  for await (const e of Deno.readDir(from)) {
    const src = `${from}/${e.name}`, dst = `${to}/${e.name}`;
    if (e.isDirectory) {
      await Deno.mkdir(dst, { recursive: true });
      await copyTree(src, dst);
    } else {
      await Deno.mkdir(to, { recursive: true });
      await Deno.copyFile(src, dst);
    }
  }
}

/**
 * Writes an index page linking the reports.
 *
 * @param entries The built reports.
 * @param outDir The report folder.
 * @returns The index path.
 */
export async function writeReportIndex(
  entries: readonly ReportEntry[],
  outDir: string,
): Promise<string> {
  const items = entries.map((e) => {
    const file = e.html.slice(e.html.lastIndexOf("/") + 1);
    return `<li><a href="${file}">${
      file.replace(/\.html$/, "")
    }</a> — ${e.figures.length} figures</li>`;
  }).join("\n");
  const page =
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Socius reports</title></head>
<body style="font-family:system-ui;max-width:760px;margin:2em auto"><h1>Socius reports</h1><ul>
${items}
</ul></body></html>\n`;
  const path = `${outDir}/index.html`;
  await Deno.writeTextFile(path, page);
  return path;
}
