/**
 * Observable Plot rendered on the server (linkedom), displayed inline in the Deno kernel as
 * HTML (so nbconvert's HTML export keeps it visible), and exported as figures/<name>.svg with
 * the numbers behind it in figures/<name>.json.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { type Displayable, escapeHtml, JUPYTER_DISPLAY } from "./display.ts";
import { figuresDir } from "./paths.ts";

/** A rendered figure. */
export interface Figure extends Displayable {
  /** File stem under figures/. */
  readonly name: string;
  /** Standalone SVG markup of the plot. */
  readonly svg: string;
  /** HTML markup shown in notebooks and reports (figure wrapper with title and legend). */
  readonly html: string;
  /** Paths written, when exported. */
  readonly files: string[];
}

/** Options of {@link figure}. */
export interface FigureOptions {
  /** The numbers behind the figure, written as JSON next to the SVG. */
  data?: unknown;
  /** Write the files (default true); false only renders. */
  save?: boolean;
  /** Folder to write into (default: the project's figures/ or SOCIUS_FIGURES_DIR). */
  dir?: string;
}

/**
 * Renders Plot options to markup without a browser.
 *
 * @param options Plot options (marks, scales, title, …).
 * @returns The SVG markup and the HTML markup (Plot's figure element with title and legends).
 */
export function renderPlot(options: Plot.PlotOptions): { svg: string; html: string } {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const node = Plot.plot({ ...options, document }) as unknown as Element;
  // Legends are SVGs too (class "plot-…-ramp"); the plot itself has the bare "plot-…" class.
  const svgNode = node.tagName.toLowerCase() === "svg"
    ? node
    : [...node.querySelectorAll("svg")].find((s) =>
      /^plot-[\w]+$/.test(s.getAttribute("class") ?? "")
    ) ?? [...node.querySelectorAll("svg")].at(-1);
  if (!svgNode) throw new Error("Plot produced no SVG");
  svgNode.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const svg = svgNode.outerHTML;
  return { svg, html: node.outerHTML };
}

/**
 * Renders a Plot figure, exports it, and returns an object the notebook displays inline.
 *
 * @param name File stem (letters, digits, "-", "_" and "/" for sub-folders).
 * @param options Plot options.
 * @param extra Data behind the figure and export options.
 * @returns The figure.
 *
 * @example Render without writing
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { figure } from "@lib/viz/figure.ts";
 * import assert from "node:assert/strict";
 * const f = figure("example", { marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] }, { save: false });
 * assert.match(f.svg, /<circle/);
 * ```
 */
export function figure(name: string, options: Plot.PlotOptions, extra: FigureOptions = {}): Figure {
  if (!/^[\w\-/]+$/.test(name)) {
    throw new RangeError(`figure name "${name}" may use only letters, digits, "-", "_" and "/"`);
  }
  const { svg, html: inner } = renderPlot(options);
  // The data-figure attribute lets the report builder check that no figure was lost.
  const html = `<div class="socius-figure" data-figure="${name}" style="margin:0">${inner}</div>`;
  const files: string[] = [];
  if (extra.save ?? true) {
    const dir = extra.dir ?? figuresDir();
    const svgPath = `${dir}/${name}.svg`;
    const jsonPath = `${dir}/${name}.json`;
    Deno.mkdirSync(svgPath.slice(0, svgPath.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(svgPath, svg);
    Deno.writeTextFileSync(jsonPath, JSON.stringify(extra.data ?? null, null, 1) + "\n");
    files.push(svgPath, jsonPath);
  }
  const title = typeof options.title === "string" ? options.title : name;
  return {
    name,
    svg,
    html,
    files,
    [JUPYTER_DISPLAY]: () => ({
      "text/html": html,
      "text/plain": `[figure: ${escapeHtml(title)}]`,
    }),
  };
}
