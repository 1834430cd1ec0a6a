/**
 * Headless notebook execution through the real Deno Jupyter kernel (jupyter nbconvert),
 * shared by the test suite and the report builder.
 *
 * @module
 */
export { mapLimit } from "../core/concurrency.ts";

/** Where the project root is, whatever the working directory. */
export const PROJECT_ROOT: string = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** What to install when Jupyter is missing. */
export const JUPYTER_HINT =
  "Jupyter (nbconvert) is required: install it with `apt-get install -y jupyter-nbconvert jupyter-notebook` " +
  "or `pip install nbconvert notebook`, then run the command again.";

/** The outcome of one notebook execution. */
export interface NotebookRun {
  /** Notebook path. */
  notebook: string;
  /** Whether nbconvert finished without a cell error or timeout. */
  ok: boolean;
  /** The written output (executed .ipynb or .html). */
  output: string;
  /** The tail of nbconvert's stderr (cell errors appear here). */
  log: string;
}

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** Folder for the executed output. */
  outDir: string;
  /** "notebook" (executed .ipynb) or "html" (standalone report without code). */
  to?: "notebook" | "html";
  /** Extra environment variables (parameters such as SOCIUS_SIZE). */
  env?: Record<string, string>;
  /** Per-cell timeout in seconds (default 600). */
  timeoutS?: number;
}

async function run(cmd: string, args: string[], env?: Record<string, string>) {
  const out = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * Fails with an install hint when jupyter nbconvert is not on the PATH (never a silent skip).
 *
 * @returns The nbconvert version.
 */
export async function requireJupyter(): Promise<string> {
  try {
    const r = await run("jupyter", ["nbconvert", "--version"]);
    if (r.code !== 0) throw new Error(r.stderr.trim());
    return r.stdout.trim();
  } catch (e) {
    throw new Error(`${JUPYTER_HINT}\n(${e instanceof Error ? e.message : e})`);
  }
}

/** Writes the Deno kernelspec so `--kernel deno` resolves to this Deno binary. */
export async function installKernelspec(): Promise<void> {
  const r = await run(Deno.execPath(), ["jupyter", "--install", "--force"]);
  if (r.code !== 0) throw new Error(`deno jupyter --install failed:\n${r.stderr}`);
}

/**
 * The notebooks of the project, in numbered order.
 *
 * @param dir Folder to list (default notebooks/).
 * @returns Absolute paths.
 */
export function listNotebooks(dir = `${PROJECT_ROOT}/notebooks`): string[] {
  const names: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.isFile && e.name.endsWith(".ipynb")) names.push(`${dir}/${e.name}`);
  }
  return names.sort();
}

/**
 * Executes one notebook headlessly with the Deno kernel.
 *
 * @param notebook Path of the .ipynb.
 * @param options Output folder, format, parameters and timeout.
 * @returns Whether it ran cleanly, where the output is, and the log tail.
 */
export async function executeNotebook(
  notebook: string,
  options: ExecuteOptions,
): Promise<NotebookRun> {
  await Deno.mkdir(options.outDir, { recursive: true });
  const to = options.to ?? "notebook";
  const args = [
    "nbconvert",
    "--to",
    to,
    "--execute",
    `--ExecutePreprocessor.timeout=${options.timeoutS ?? 600}`,
    "--ExecutePreprocessor.kernel_name=deno",
    `--output-dir=${options.outDir}`,
  ];
  if (to === "html") args.push("--no-input");
  args.push(notebook);
  const env = { NO_COLOR: "1", ...options.env };
  const r = await run("jupyter", args, env);
  const stem = notebook.slice(notebook.lastIndexOf("/") + 1).replace(/\.ipynb$/, "");
  const output = `${options.outDir}/${stem}.${to === "html" ? "html" : "ipynb"}`;
  return { notebook, ok: r.code === 0, output, log: r.stderr.slice(-4000) };
}

/**
 * Figure stems written under a folder (recursively), from their .svg files.
 *
 * @param dir The folder.
 * @returns Stems relative to dir, sorted.
 */
export function figureStems(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(d)];
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory) walk(`${d}/${e.name}`, `${prefix}${e.name}/`);
      else if (e.name.endsWith(".svg")) out.push(prefix + e.name.slice(0, -4));
    }
  };
  walk(dir, "");
  return out.sort();
}
