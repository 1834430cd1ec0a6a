/**
 * What turns nbconvert's HTML into a report people can share: every script that loads from
 * outside the file (MathJax, require.js, whether from a CDN or the machine's own file:// copy)
 * is removed so the page opens the same anywhere offline, and a header says how it was made
 * (brain, model, size, seeds, code revision, date) with a hash of the notebook's code cells, so
 * a committed report can be checked against the notebook it claims to show.
 *
 * @module
 */
import { sha256Hex } from "../core/hash.ts";
import { escapeHtml } from "../viz/display.ts";

/** How a report was made, shown at its top. */
export interface ReportHeader {
  /** Notebook file name. */
  notebook: string;
  /** SHA-256 of the notebook's code cells ({@link notebookCodeHash}). */
  codeHash: string;
  /** The brain the notebook ran with (SOCIUS_BRAIN, default "rule"). */
  brain: string;
  /** The model behind an LLM brain, or "none". */
  model: string;
  /** "small" or "full". */
  size: string;
  /** The seeds the notebook used (from the environment or the notebook's defaults). */
  seeds: string;
  /** Code revision (git commit, "+changes" when the tree was dirty). */
  revision: string;
  /** When the report was built (ISO date). */
  date: string;
}

interface NotebookJson {
  cells: { cell_type: string; source: string | string[] }[];
}

function codeCells(notebookJson: string): string[] {
  const nb = JSON.parse(notebookJson) as NotebookJson;
  return nb.cells.filter((c) => c.cell_type === "code").map((c) =>
    Array.isArray(c.source) ? c.source.join("") : c.source
  );
}

/**
 * The content hash of a notebook's code: SHA-256 of its code cells, joined. Markdown edits
 * and outputs do not change it; any change to what runs does.
 *
 * @param notebookJson The .ipynb text.
 * @returns 64 hex characters.
 *
 * @example Outputs do not count, code does
 * ```ts
 * import { notebookCodeHash } from "@lib/cli/report_page.ts";
 * import assert from "node:assert/strict";
 * const nb = (src: string, out: string) => JSON.stringify({ cells: [
 *   { cell_type: "markdown", source: out }, { cell_type: "code", source: [src] }] });
 * assert.equal(await notebookCodeHash(nb("1 + 1", "a")), await notebookCodeHash(nb("1 + 1", "b")));
 * assert.notEqual(await notebookCodeHash(nb("1 + 1", "a")), await notebookCodeHash(nb("1 + 2", "a")));
 * ```
 */
export function notebookCodeHash(notebookJson: string): Promise<string> {
  return sha256Hex(codeCells(notebookJson).join("\n\u0000\n"));
}

/**
 * The seeds a notebook runs with: each SOCIUS_SEED / SOCIUS_SEEDS it reads, with the value
 * from the environment when set, else the default written in the notebook.
 *
 * @param notebookJson The .ipynb text.
 * @param env The environment the notebook runs with.
 * @returns e.g. "SOCIUS_SEED=7", or "none" when it reads no seed variable.
 *
 * @example
 * ```ts
 * import { notebookSeeds } from "@lib/cli/report_page.ts";
 * import assert from "node:assert/strict";
 * const nb = JSON.stringify({ cells: [{ cell_type: "code", source: 'const s = envNumber("SOCIUS_SEED", 7);' }] });
 * assert.equal(notebookSeeds(nb, {}), "SOCIUS_SEED=7");
 * assert.equal(notebookSeeds(nb, { SOCIUS_SEED: "3" }), "SOCIUS_SEED=3");
 * ```
 */
export function notebookSeeds(notebookJson: string, env: Record<string, string>): string {
  const found = new Map<string, string>();
  const re = /"(SOCIUS_SEEDS?)"\s*(?:,\s*("[^"]*"|[\w.]+))?/g;
  for (const code of codeCells(notebookJson)) {
    for (const m of code.matchAll(re)) {
      if (!found.has(m[1]) || found.get(m[1]) === "?") {
        found.set(m[1], m[2] ? m[2].replace(/^"|"$/g, "") : "?");
      }
    }
  }
  if (found.size === 0) return "none";
  return [...found].map(([k, v]) => `${k}=${env[k] ?? v}`).join(", ");
}

/** The report's whole stylesheet: JupyterLab's own (over 500 kB in every page) is replaced by
 * the little a page of prose, tables and figures needs, so committed reports stay small. */
const REPORT_CSS = `<style>
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
.jp-Cell{max-width:980px;margin:0 auto;padding:2px 24px}
h1,h2,h3{line-height:1.25}h1{font-size:1.8em}h2{font-size:1.35em;margin-top:1.4em}
.anchor-link{display:none}
pre{background:#f6f8fa;padding:8px 12px;overflow-x:auto;font-size:13px;white-space:pre-wrap}
code{background:#f6f8fa;padding:1px 4px;border-radius:3px;font-size:90%}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border-bottom:1px solid #e5e7eb;padding:3px 8px}th{background:#f6f8fa}
.jp-OutputArea-output{overflow-x:auto;margin:6px 0}
.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"] pre{background:#fff5f5}
</style>`;

function compactStyles(html: string): string {
  const end = html.indexOf("</head>");
  if (end < 0) return html;
  // Only the head's stylesheets go: figures carry <style> elements of their own.
  const head = html.slice(0, end).replace(/<style[^>]*>[\s\S]*?<\/style>/g, "");
  return `${head}${REPORT_CSS}${html.slice(end)}`;
}

/** Removes every script that loads from a URL or file, and MathJax's configuration. */
function stripExternal(html: string): string {
  return html
    .replace(/<!-- Load mathjax -->[\s\S]*?<!-- End of mathjax configuration -->/g, "")
    .replace(/<script[^>]*type="text\/x-mathjax-config"[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<script[^>]*\ssrc="[^"]*"[^>]*>\s*<\/script>/g, "")
    .replace(/<link[^>]*\shref="(?:https?:|file:)[^"]*"[^>]*>/g, "");
}

/**
 * Makes nbconvert's HTML a shareable report: no external script (it works offline, with no
 * "Loading [MathJax]" stub) and a header saying how it was made, with the code hash in a meta
 * tag that {@link reportCodeHash} reads back.
 *
 * @param html nbconvert's HTML.
 * @param header How the report was made.
 * @returns The report's HTML.
 *
 * @example
 * ```ts
 * import { offlineReport, reportCodeHash } from "@lib/cli/report_page.ts";
 * import assert from "node:assert/strict";
 * const page = offlineReport(
 *   '<html><head><script src="https://cdn.example/MathJax.js"></script></head><body><p>x</p></body></html>',
 *   { notebook: "04_quickstart.ipynb", codeHash: "ab12", brain: "rule", model: "none", size: "small",
 *     seeds: "SOCIUS_SEED=7", revision: "abc1234", date: "2026-12-01" },
 * );
 * assert.doesNotMatch(page, /MathJax|https:/);
 * assert.match(page, /brain <b>rule<\/b>/);
 * assert.equal(reportCodeHash(page), "ab12");
 * ```
 */
export function offlineReport(html: string, header: ReportHeader): string {
  const meta = `<meta name="socius-code-hash" content="${escapeHtml(header.codeHash)}">` +
    `<meta name="socius-notebook" content="${escapeHtml(header.notebook)}">`;
  const fields: [string, string][] = [
    ["brain", header.brain],
    ["model", header.model],
    ["size", header.size],
    ["seeds", header.seeds],
    ["code", header.revision],
    ["built", header.date],
  ];
  const line = fields.map(([k, v]) => `${k} <b>${escapeHtml(v)}</b>`).join(" · ");
  const banner = `<div class="socius-report-header" style="font:13px system-ui,sans-serif;` +
    `color:#333;background:#f4f6f8;border-bottom:1px solid #dde;padding:8px 16px">` +
    `<b>${escapeHtml(header.notebook)}</b> — ${line}</div>`;
  const page = compactStyles(stripExternal(html))
    .replace(/<head([^>]*)>/, (m) => `${m}${meta}`)
    .replace(/<body([^>]*)>/, (m) => `${m}${banner}`);
  return page;
}

/**
 * The notebook code hash a report was built from.
 *
 * @param html A report made by {@link offlineReport}.
 * @returns The hash, or null when the page has none.
 *
 * @example
 * ```ts
 * import { reportCodeHash } from "@lib/cli/report_page.ts";
 * import assert from "node:assert/strict";
 * assert.equal(reportCodeHash("<html></html>"), null);
 * ```
 */
export function reportCodeHash(html: string): string | null {
  return html.match(/<meta name="socius-code-hash" content="([^"]*)">/)?.[1] ?? null;
}
