/**
 * The model-level columns every run reports, counted from the events of the round just ended
 * (only that round's slice of the log is read, so reporting stays linear in a long run).
 *
 * @module
 */
import type { ModelReporter } from "./collector.ts";
import type { SimEvent } from "./events.ts";
import type { World } from "./world.ts";

/**
 * Reporters over the current round's events.
 *
 * @param roundEvents Returns the events of the round being reported.
 * @returns Named reporters: active agents, watches, chats, posts, interactions, links.
 */
export function defaultModelReporters(
  roundEvents: () => readonly SimEvent[],
): Record<string, ModelReporter<World>> {
  const actions = (type: string) =>
    roundEvents().filter((e) => e.type === "decision" && e.action.type === type).length;
  return {
    active: () => {
      const start = roundEvents().find((e) => e.type === "round_start");
      return start?.type === "round_start" ? start.active.length : 0;
    },
    watches: () => actions("watch"),
    chats: () => actions("chat"),
    posts: () => actions("post"),
    interactions: (w) => w.interactions.length,
    links: (w) => w.graph.linkCount,
  };
}
