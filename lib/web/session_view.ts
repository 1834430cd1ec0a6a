/**
 * The read side of a dashboard session: state panel, graph, profile cards, the filtered log
 * and the charts of the branch shown. Nothing here changes the run.
 *
 * @module
 */
import type { Engine } from "../sim/engine.ts";
import { activityChart, entropyChart, GraphLayouts, type GraphView } from "./charts.ts";
import {
  agentActivities,
  type AgentCard,
  agentCard,
  type DashboardState,
  dashboardState,
  type LogLine,
  logLine,
} from "./views.ts";

/** Filters of {@link DashboardView.log}. */
export interface LogFilter {
  /** Only lines about this agent. */
  agent?: string;
  /** Only this action type (of decisions) or event type. */
  action?: string;
  /** The last n matching lines (default 300). */
  limit?: number;
}

/** Views of the engine a session shows. */
export abstract class DashboardView {
  readonly #layouts = new GraphLayouts();

  /** @returns The engine of the branch shown. */
  abstract get engine(): Engine;

  /** @returns The state panel (recommender and social counters). */
  state(): DashboardState {
    return dashboardState(this.engine);
  }

  /** @returns The relationship graph with positions and each agent's activity. */
  graph(): GraphView {
    return this.#layouts.view(this.engine);
  }

  /** @returns Every agent's profile card, in the world's order. */
  agents(): AgentCard[] {
    const activities = agentActivities(this.engine);
    return this.engine.world.ids.map((id) => agentCard(this.engine, id, activities));
  }

  /**
   * @param id An agent id.
   * @returns Its profile card (RangeError when unknown).
   */
  agent(id: string): AgentCard {
    return agentCard(this.engine, id);
  }

  /**
   * The log as readable lines, newest last.
   *
   * @param filter Agent, action and how many.
   * @returns Matching lines.
   */
  log(filter: LogFilter = {}): LogLine[] {
    const out: LogLine[] = [];
    const events = this.engine.log.events;
    const limit = filter.limit ?? 300;
    for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
      const line = logLine(this.engine, events[i]);
      if (filter.agent && line.agent !== filter.agent) continue;
      if (filter.action && line.action !== filter.action) continue;
      out.push(line);
    }
    return out.reverse();
  }

  /** @returns The entropy and activity charts as SVG markup. */
  charts(): { entropy: string; activity: string } {
    return { entropy: entropyChart(this.engine), activity: activityChart(this.engine) };
  }
}
