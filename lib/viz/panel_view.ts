/**
 * The state panel of the original GUI as an HTML card for notebooks. The counters are plain
 * numbers and names (the simulation computes them), so the view knows nothing of a run.
 *
 * @module
 */
import { type Displayable, escapeHtml, html } from "./display.ts";

/** The state panel of the original GUI, with every counter computed from the run. */
export interface StatePanel {
  recommender: {
    users: number;
    items: number;
    interactions: number;
    algorithm: string;
    /** Agents who browsed the recommender in the last round. */
    currentUsers: number;
    mostPopular: string[];
  };
  social: {
    users: number;
    links: number;
    density: number;
    chats: number;
    posts: number;
  };
}

/**
 * Renders the state panel.
 *
 * @param panel Counters from `statePanel(engine)`.
 * @returns A displayable HTML card.
 *
 * @example Counters become table cells
 * ```ts
 * import { panelView } from "@lib/viz/panel_view.ts";
 * import assert from "node:assert/strict";
 * const view = panelView({
 *   recommender: { users: 3, items: 10, interactions: 4, algorithm: "mf", currentUsers: 2, mostPopular: ["Heat"] },
 *   social: { users: 3, links: 2, density: 0.67, chats: 1, posts: 0 },
 * });
 * assert.match(view.html, /Interactions<\/td><td>4/);
 * ```
 */
export function panelView(panel: StatePanel): Displayable & { html: string } {
  const row = (k: string, v: string | number) =>
    `<tr><td style="color:#555;padding:1px 12px 1px 0">${k}</td><td>${
      escapeHtml(String(v))
    }</td></tr>`;
  const r = panel.recommender, s = panel.social;
  const block = (title: string, rows: string) =>
    `<div style="display:inline-block;vertical-align:top;margin-right:32px"><div style="font-weight:600;margin-bottom:4px">${title}</div><table>${rows}</table></div>`;
  const markup = `<div class="socius-panel" style="font-family:system-ui;font-size:13px">${
    block(
      "Recommender",
      row("Total users", r.users) + row("Total movies", r.items) +
        row("Interactions", r.interactions) + row("Algorithm", r.algorithm) +
        row("Current users", r.currentUsers) + row("Most popular", r.mostPopular.join("; ")),
    )
  }${
    block(
      "Social network",
      row("Users", s.users) + row("Links", s.links) + row("Density", s.density.toFixed(3)) +
        row("Chats", s.chats) + row("Posts", s.posts),
    )
  }</div>`;
  return html(markup, JSON.stringify(panel));
}
