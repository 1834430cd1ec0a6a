/**
 * The dashboard's charts, rendered on the server as SVG (Observable Plot through lib/viz), and
 * the relationship graph laid out by lib/social's force layout.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { Rng } from "../core/rng.ts";
import { forceLayout } from "../social/layout.ts";
import type { Engine } from "../sim/engine.ts";
import { entropyByRound } from "../sim/summary.ts";
import { renderPlot } from "../viz/figure.ts";
import { agentActivities, type AgentActivity } from "./views.ts";

const SIZE = { width: 420, height: 200, marginLeft: 44, style: { fontSize: "11px" } };

/** Whole-round ticks: at most about eight, never fractional. */
function roundTicks(last: number): number[] {
  const step = Math.max(1, Math.ceil((last + 1) / 8));
  const out: number[] = [];
  for (let r = 0; r <= last; r += step) out.push(r);
  return out;
}

function placeholder(message: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE.width}" height="60" role="img"><text x="8" y="30" font-size="12" fill="#666">${message}</text></svg>`;
}

/**
 * RecAgent's user entropy of the genres recommended, per round.
 *
 * @param engine The run.
 * @returns SVG markup.
 *
 * @example Before any round there is nothing to plot
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { entropyChart } from "@lib/web/charts.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 1, agents: { source: "csv", count: 6 } });
 * assert.match(entropyChart(engine), /no rounds yet/);
 * await engine.step();
 * assert.match(entropyChart(engine), /<svg[^>]*>.*<path/s);
 * ```
 */
export function entropyChart(engine: Engine): string {
  const rows = entropyByRound(engine);
  if (!rows.length) return placeholder("Entropy: no rounds yet");
  return renderPlot({
    ...SIZE,
    x: { label: "round", ticks: roundTicks(rows.at(-1)!.round), tickFormat: "d" },
    y: { label: "entropy (bits)", grid: true },
    marks: [
      Plot.lineY(rows, { x: "round", y: "entropy", stroke: "#3b6ea8" }),
      Plot.dot(rows, { x: "round", y: "entropy", fill: "#3b6ea8", r: 2.5 }),
    ],
  }).svg;
}

/**
 * Watches, chats and posts per round (the collector's rows).
 *
 * @param engine The run.
 * @returns SVG markup.
 */
export function activityChart(engine: Engine): string {
  const rows = engine.collector.modelRows.flatMap((r) =>
    (["watches", "chats", "posts"] as const).map((what) => ({
      round: Number(r.round),
      what,
      count: Number(r[what] ?? 0),
    }))
  );
  if (!rows.length) return placeholder("Activity: no rounds yet");
  return renderPlot({
    ...SIZE,
    x: { label: "round", ticks: roundTicks(rows.at(-1)!.round), tickFormat: "d" },
    y: { label: "actions per round", grid: true },
    color: {
      domain: ["watches", "chats", "posts"],
      range: ["#3b6ea8", "#d1822b", "#4c9a52"],
      legend: false,
    },
    marks: [
      Plot.lineY(rows, { x: "round", y: "count", stroke: "what", z: "what" }),
      Plot.dot(rows, { x: "round", y: "count", fill: "what", r: 2 }),
    ],
  }).svg;
}

/** The relationship graph as the page draws it. */
export interface GraphView {
  nodes: {
    id: string;
    name: string;
    x: number;
    y: number;
    activity: AgentActivity;
    human: boolean;
    degree: number;
  }[];
  links: { source: string; target: string }[];
}

/** Lays out graphs once per shape (nodes and links), since layouts cost O(n²) per iteration. */
export class GraphLayouts {
  #key = "";
  #positions = new Map<string, { x: number; y: number }>();

  /**
   * The graph with positions and each agent's current activity.
   *
   * @param engine The run.
   * @returns Nodes in [0, 1]² and links.
   */
  view(engine: Engine): GraphView {
    const w = engine.world;
    const g = w.graph;
    const edges = g.edges();
    const key = `${w.rng.key}|${g.nodeCount}|${edges.map((e) => `${e.source}-${e.target}`).join()}`;
    if (key !== this.#key) {
      const rng = new Rng(`dashboard-layout/${w.scenario.seed}`);
      this.#positions = new Map(
        forceLayout(g, { rng, iterations: 80 }).map((p) => [p.id, { x: p.x, y: p.y }]),
      );
      this.#key = key;
    }
    const activity = agentActivities(engine);
    return {
      nodes: w.ids.map((id) => ({
        id,
        name: w.agent(id).profile.name,
        ...(this.#positions.get(id) ?? { x: 0.5, y: 0.5 }),
        activity: activity.get(id) ?? "idle",
        human: w.brainOf(id).kind === "human",
        degree: g.degree(id),
      })),
      links: edges.map((e) => ({ source: e.source, target: e.target })),
    };
  }
}
