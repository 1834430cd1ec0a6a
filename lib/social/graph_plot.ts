/**
 * Plot options that draw a social graph from a layout: links as segments (arrows for follow
 * edges), nodes as dots coloured by an attribute. Hand the result to lib/viz `figure()`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { SocialGraph } from "./graph.ts";
import type { NodePosition } from "./layout.ts";

/** A node as drawn. */
export interface PlotNode extends NodePosition {
  /** The colouring attribute ("" when unknown). */
  group: string | number;
  /** Number of links. */
  degree: number;
  /** The value range a numeric attribute falls in, e.g. "2–4" (numeric attributes only). */
  bin?: string;
}

/** A link as drawn. */
export interface PlotLink {
  source: string;
  target: string;
  type: string;
  directed: boolean;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Options of {@link graphPlot}. */
export interface GraphPlotOptions {
  /** The attribute that colours nodes, by agent id (a map, a record or a function). */
  color?:
    | ReadonlyMap<string, string | number>
    | Record<string, string | number>
    | ((id: string) => string | number | undefined);
  /** Legend label of the colour (default "group"). */
  colorLabel?: string;
  /** Figure title. */
  title?: string;
  /** Width in pixels (default 640; the plot is square). */
  width?: number;
  /** Dot radius in pixels (default 4). */
  r?: number;
}

/** What {@link graphPlot} returns. */
export interface GraphPlot {
  /** Plot options for `figure(name, options, { data: { nodes, links } })`. */
  options: Plot.PlotOptions;
  /** The nodes drawn, in graph order. */
  nodes: PlotNode[];
  /** The links drawn, in graph order. */
  links: PlotLink[];
}

/**
 * Builds the Plot options of a node-link figure.
 *
 * @param graph The graph.
 * @param layout Positions from {@link forceLayout} (every node must have one).
 * @param options Colour attribute, title, size.
 * @returns Plot options and the nodes and links behind them.
 *
 * @example Render with lib/viz
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { forceLayout } from "@lib/social/layout.ts";
 * import { graphPlot } from "@lib/social/graph_plot.ts";
 * import { renderPlot } from "@lib/viz/figure.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph();
 * g.addEdge("a", "b");
 * g.addEdge("b", "c");
 * const p = graphPlot(g, forceLayout(g, { rng: new Rng(1) }), { color: { a: "x", b: "y", c: "x" } });
 * assert.equal(p.links.length, 2);
 * assert.equal((renderPlot(p.options).svg.match(/<circle/g) ?? []).length, 3);
 * ```
 */
export function graphPlot(
  graph: SocialGraph,
  layout: readonly NodePosition[],
  options: GraphPlotOptions = {},
): GraphPlot {
  const at = new Map(layout.map((p) => [p.id, p]));
  const colorOf = colorAccessor(options.color);
  const nodes: PlotNode[] = graph.nodes().map((id) => {
    const p = at.get(id);
    if (!p) throw new RangeError(`layout has no position for agent "${id}"`);
    return { id, x: p.x, y: p.y, group: colorOf(id) ?? "", degree: graph.degree(id) };
  });
  const links: PlotLink[] = graph.edges().map((e) => {
    const a = at.get(e.source)!, b = at.get(e.target)!;
    const { source, target, type, directed } = e;
    return { source, target, type, directed, x1: a.x, y1: a.y, x2: b.x, y2: b.y };
  });
  const numeric = nodes.length > 0 && nodes.every((d) => typeof d.group === "number");
  const bins = numeric ? binNumbers(nodes) : undefined;
  const width = options.width ?? 640;
  const linkStyle = { x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "#999", strokeOpacity: 0.5 };
  const plotOptions: Plot.PlotOptions = {
    title: options.title,
    width,
    height: width,
    inset: 10,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [0, 1] },
    color: options.color
      ? {
        legend: true,
        label: options.colorLabel ?? "group",
        ...(bins ? { type: "ordinal", domain: bins, scheme: "viridis" } : {}),
      }
      : undefined,
    marks: [
      Plot.link(links.filter((l) => !l.directed), linkStyle),
      Plot.link(links.filter((l) => l.directed), { ...linkStyle, markerEnd: "arrow" }),
      Plot.dot(nodes, {
        x: "x",
        y: "y",
        r: options.r ?? 4,
        fill: options.color ? (bins ? "bin" : "group") : "steelblue",
        stroke: "white",
        title: (d: PlotNode) => `${d.id} (${d.degree} links)`,
      }),
    ],
  };
  return { options: plotOptions, nodes, links };
}

function colorAccessor(
  color: GraphPlotOptions["color"],
): (id: string) => string | number | undefined {
  if (!color) return () => undefined;
  if (typeof color === "function") return color;
  if (color instanceof Map) return (id) => color.get(id);
  const record = color as Record<string, string | number>;
  return (id) => Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * Puts numeric attribute values into five equal-width labelled ranges. Server-side rendering
 * has no canvas for continuous colour ramps, and ranges read better as swatches anyway.
 */
function binNumbers(nodes: PlotNode[]): string[] {
  const values = nodes.map((d) => d.group as number);
  const lo = Math.min(...values), hi = Math.max(...values);
  const count = hi > lo ? 5 : 1;
  const step = (hi - lo) / count;
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  const labels = Array.from(
    { length: count },
    (_, k) => count === 1 ? fmt(lo) : `${fmt(lo + k * step)}–${fmt(lo + (k + 1) * step)}`,
  );
  for (const d of nodes) {
    const k = count === 1 ? 0 : Math.min(count - 1, Math.floor(((d.group as number) - lo) / step));
    d.bin = labels[k];
  }
  return labels;
}
