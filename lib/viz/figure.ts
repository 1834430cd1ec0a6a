/**
 * Observable Plot rendered on the server (linkedom), displayed inline in the Deno kernel as
 * HTML (so nbconvert's HTML export keeps it visible), and exported as figures/<name>.svg with
 * the numbers behind it in figures/<name>.json.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
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
  const svg = node === svgNode ? svgNode.outerHTML : standaloneSvg(node, svgNode);
  return { svg, html: node.outerHTML };
}

const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One SVG file for a Plot figure whose title, subtitle, swatch legend or caption are HTML:
 * they are drawn as SVG text above and below the plot so the exported file reads on its own.
 */
function standaloneSvg(node: Element, plot: Element): string {
  const width = Number(plot.getAttribute("width") ?? 640);
  const height = Number(plot.getAttribute("height") ?? 400);
  const parts: string[] = [];
  let y = 0;
  const text = (t: string, size: number, weight = "normal") => {
    y += size + 6;
    parts.push(
      `<text x="0" y="${y}" font-size="${size}" font-weight="${weight}" font-family="system-ui, sans-serif">${
        esc(t)
      }</text>`,
    );
  };
  const title = node.querySelector("h2")?.textContent;
  if (title) text(title, 16, "600");
  const subtitle = node.querySelector("h3")?.textContent;
  if (subtitle) text(subtitle, 12);
  const swatches = [...node.querySelectorAll("span")].filter((e) =>
    /swatch\b/.test(e.getAttribute("class") ?? "")
  );
  if (swatches.length) {
    y += 8;
    let x = 0;
    for (const sw of swatches) {
      const label = sw.textContent ?? "";
      const w = 22 + 6.5 * label.length;
      if (x > 0 && x + w > width) {
        x = 0;
        y += 18;
      }
      const fill = sw.querySelector("svg")?.getAttribute("fill") ?? "#888";
      parts.push(
        `<rect x="${x}" y="${y}" width="12" height="12" fill="${esc(fill)}"/>` +
          `<text x="${x + 17}" y="${y + 10}" font-size="11" font-family="system-ui, sans-serif">${
            esc(label)
          }</text>`,
      );
      x += w + 10;
    }
    y += 18;
  }
  y += 4;
  parts.push(plot.outerHTML.replace(/^<svg /, `<svg x="0" y="${y}" `));
  y += height;
  const caption = node.querySelector("figcaption")?.textContent;
  if (caption) text(caption, 11);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${
    y + 6
  }" viewBox="0 0 ${width} ${y + 6}" style="background:white">${parts.join("")}</svg>`;
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
    throw new ConfigError(
      "figure",
      "name",
      `figure name "${name}" may use only letters, digits, "-", "_" and "/"`,
    );
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
