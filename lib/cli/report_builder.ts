/**
 * Builds standalone HTML reports from notebooks. Each notebook is executed headlessly; the
 * report is accepted only when every figure the run wrote is present in the HTML, because the
 * Deno kernel occasionally reports idle before its last output and nbconvert then drops it.
 * A report that lost a figure is rebuilt, and after the retries the build fails loudly.
 *
 * @module
 */
import { executeNotebook, figureStems, PROJECT_ROOT } from "./notebook_exec.ts";
import { notebookCodeHash, notebookSeeds, offlineReport } from "./report_page.ts";
import { figuresDir } from "../viz/paths.ts";

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Output folder for the HTML files (default figures/report). */
  outDir?: string;
  /** Run size passed to notebooks as SOCIUS_SIZE (default "full"). */
  size?: "small" | "full";
  /** Where the notebooks' figures are finally copied (default the project's figures/; null
   * keeps them only inside the report, as small-size figures must not replace the full ones). */
  figuresDir?: string | null;
  /** Attempts per notebook before giving up on a lost figure (default 5). */
  attempts?: number;
  /** Seconds a single cell may run (default 600 at small size, 3600 at full size, where one
   * study cell runs for many minutes on a small machine). */
  cellTimeoutS?: number;
  /** Code revision for the header (default: the git commit of the project). */
  revision?: string;
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
  const attempts = options.attempts ?? 5;
  const size = options.size ?? "full";
  const source = await Deno.readTextFile(notebook);
  const brain = Deno.env.get("SOCIUS_BRAIN") ?? "rule";
  const header = {
    notebook: notebook.slice(notebook.lastIndexOf("/") + 1),
    codeHash: await notebookCodeHash(source),
    brain,
    model: brain === "rule" ? "none" : Deno.env.get("OPENAI_MODEL") ?? "the bundled local model",
    size,
    seeds: notebookSeeds(source, Deno.env.toObject()),
    revision: options.revision ?? await codeRevision(),
    date: new Date().toISOString().slice(0, 10),
  };
  let lastProblem = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const scratch = await Deno.makeTempDir({ prefix: "socius-report-" });
    try {
      const run = await executeNotebook(notebook, {
        outDir,
        to: "html",
        timeoutS: options.cellTimeoutS ?? (size === "full" ? 3600 : 600),
        env: { SOCIUS_SIZE: size, SOCIUS_FIGURES_DIR: scratch },
      });
      if (!run.ok) throw new NotebookFailure(failureLine(notebook, source, run.log), run.log);
      const stems = figureStems(scratch);
      const html = offlineReport(await Deno.readTextFile(run.output), header);
      await Deno.writeTextFile(run.output, html);
      const missing = missingFigures(html, stems);
      if (missing.length === 0) {
        const keep = options.figuresDir === undefined ? figuresDir() : options.figuresDir;
        if (keep !== null) await copyTree(scratch, keep);
        return { notebook, html: run.output, figures: stems, attempts: attempt };
      }
      lastProblem = `figures missing from the HTML: ${missing.join(", ")}`;
    } finally {
      await Deno.remove(scratch, { recursive: true }).catch(() => {});
    }
  }
  throw new Error(`report still incomplete after ${attempts} attempts (${lastProblem})`);
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
 * Writes an index page linking every report in the folder (not only those just built, so
 * rebuilding one notebook keeps the others listed).
 *
 * @param _entries The reports just built (they are in the folder too).
 * @param outDir The report folder.
 * @returns The index path.
 */
export async function writeReportIndex(
  _entries: readonly ReportEntry[],
  outDir: string,
): Promise<string> {
  const files = [...Deno.readDirSync(outDir)].map((e) => e.name)
    .filter((n) => n.endsWith(".html") && n !== "index.html").sort();
  const items: string[] = [];
  for (const file of files) {
    const html = await Deno.readTextFile(`${outDir}/${file}`);
    const figures = html.match(/class="socius-figure"/g)?.length ?? 0;
    items.push(
      `<li><a href="${file}">${file.replace(/\.html$/, "")}</a> — ${figures} figures</li>`,
    );
  }
  const page =
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Socius reports</title></head>
<body style="font-family:system-ui;max-width:760px;margin:2em auto"><h1>Socius reports</h1><ul>
${items.join("\n")}
</ul></body></html>\n`;
  const path = `${outDir}/index.html`;
  await Deno.writeTextFile(path, page);
  return path;
}

/** A notebook that stopped with a cell error: its message is one line naming notebook and cell. */
export class NotebookFailure extends Error {
  /** nbconvert's log tail, for whoever needs more than the line. */
  readonly log: string;
  /**
   * @param line The one-line message.
   * @param log nbconvert's log tail.
   */
  constructor(line: string, log: string) {
    super(line);
    this.name = "NotebookFailure";
    this.log = log;
  }
}

/**
 * One line saying which notebook failed, in which code cell, with what error, from nbconvert's
 * log (which quotes the failing cell's source but not its number).
 *
 * @param notebook Path of the notebook.
 * @param source The notebook's JSON text.
 * @param log nbconvert's stderr.
 * @returns `error: notebooks/NN.ipynb: cell K: <the error's first line>`.
 *
 * @example
 * ```ts
 * import { failureLine } from "@lib/cli/report_builder.ts";
 * import assert from "node:assert/strict";
 * const nb = JSON.stringify({ cells: [
 *   { cell_type: "markdown", source: "# t" },
 *   { cell_type: "code", source: "const a = 1;" },
 *   { cell_type: "code", source: ["throw new RangeError(\"m=1, n=1\");"] }] });
 * const log = "CellExecutionError: An error occurred while executing the following cell:\n" +
 *   "------------------\nthrow new RangeError(\"m=1, n=1\");\n------------------\n\n" +
 *   "Stack trace:\nRangeError: m=1, n=1\n    at <anonymous>:1:7\n";
 * assert.equal(failureLine("/x/notebooks/12_efficiency.ipynb", nb, log),
 *   "error: notebooks/12_efficiency.ipynb: code cell 2 (cell 3): RangeError: m=1, n=1");
 * ```
 */
export function failureLine(notebook: string, source: string, log: string): string {
  const name = `notebooks/${notebook.slice(notebook.lastIndexOf("/") + 1)}`;
  const quoted = log.match(
    /An error occurred while executing the following cell:\s*\n-{6,}\n([\s\S]*?)\n-{6,}\n([\s\S]*)/,
  );
  if (!quoted) {
    const timeout = log.match(/Cell execution timed out|TimeoutError[^\n]*/);
    const last = log.trim().split("\n").filter((l) => l.trim()).at(-1) ?? "no output";
    return `error: ${name}: ${timeout ? "a cell timed out" : last.trim()}`;
  }
  const cells =
    (JSON.parse(source) as { cells: { cell_type: string; source: string | string[] }[] })
      .cells;
  const wanted = quoted[1].trim();
  let code = 0;
  let where = "cell ?";
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].cell_type !== "code") continue;
    code++;
    const src = cells[i].source;
    if ((Array.isArray(src) ? src.join("") : src).trim() === wanted) {
      where = `code cell ${code} (cell ${i + 1})`;
      break;
    }
  }
  const error =
    quoted[2].split("\n").map((l) => l.trim()).find((l) =>
      /^[A-Za-z_$][\w$]*(Error|Exception)\b/.test(l) || /^error:/i.test(l)
    ) ?? quoted[2].split("\n").map((l) => l.trim()).find((l) => l && l !== "Stack trace:") ??
      "unknown error";
  return `error: ${name}: ${where}: ${error}`;
}

/** The code revision a report was built from: short commit, "+changes" if the tree is dirty. */
export async function codeRevision(): Promise<string> {
  const git = async (...args: string[]) => {
    try {
      const out = await new Deno.Command("git", {
        args,
        cwd: PROJECT_ROOT,
        stdout: "piped",
        stderr: "null",
      })
        .output();
      return out.code === 0 ? new TextDecoder().decode(out.stdout).trim() : "";
    } catch {
      return "";
    }
  };
  const commit = await git("rev-parse", "--short=10", "HEAD");
  if (!commit) return "unknown";
  const dirty = await git("status", "--porcelain", "--", "lib", "notebooks", "data");
  return dirty ? `${commit}+changes` : commit;
}

/** The outcome of {@link buildReports}: what was built, what failed, and how long each took. */
export interface ReportBatch {
  /** Reports built. */
  entries: ReportEntry[];
  /** One line per notebook that failed. */
  failures: string[];
  /** Seconds per notebook (failed ones included). */
  seconds: { notebook: string; seconds: number; ok: boolean }[];
  /** Seconds in all. */
  totalSeconds: number;
}

/**
 * Builds a report per notebook; a notebook that fails is reported in one line and the others
 * are still built.
 *
 * @param notebooks Notebook paths.
 * @param options As for {@link buildReport}.
 * @param onDone Called after each notebook (for progress lines).
 * @returns Entries, failure lines and timings.
 */
export async function buildReports(
  notebooks: readonly string[],
  options: ReportOptions = {},
  onDone: (line: string) => void = () => {},
): Promise<ReportBatch> {
  const batch: ReportBatch = { entries: [], failures: [], seconds: [], totalSeconds: 0 };
  const revision = options.revision ?? await codeRevision();
  const start = performance.now();
  for (const nb of notebooks) {
    const t0 = performance.now();
    const stem = nb.slice(nb.lastIndexOf("/") + 1);
    try {
      const entry = await buildReport(nb, { ...options, revision });
      batch.entries.push(entry);
      onDone(`report ${entry.html} (${entry.figures.length} figures, attempt ${entry.attempts})`);
    } catch (e) {
      const line = e instanceof NotebookFailure
        ? e.message
        : `error: notebooks/${stem}: ${
          (e instanceof Error ? e.message : String(e)).split("\n")[0]
        }`;
      batch.failures.push(line);
      onDone(line);
    }
    const ok = batch.entries.at(-1)?.notebook === nb;
    batch.seconds.push({ notebook: stem, seconds: round1((performance.now() - t0) / 1000), ok });
  }
  batch.totalSeconds = round1((performance.now() - start) / 1000);
  return batch;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
