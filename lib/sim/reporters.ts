/**
 * The model-level columns every run reports, counted from the events of the round just ended
 * (only that round's slice of the log is read, so reporting stays linear in a long run).
 *
 * @module
 */
import type { ModelReporter } from "./collector.ts";
import type { EventLog } from "./event_log.ts";
import type { World } from "./world.ts";

/**
 * Reporters over the current round's events, read where they lie in the log (a round of a
 * million agents is counted without making an object per event).
 *
 * @param round Returns the log and the position where the round being reported starts.
 * @returns Named reporters: active agents, watches, chats, posts, interactions, links.
 */
export function defaultModelReporters(
  round: () => { log: EventLog; from: number },
): Record<string, ModelReporter<World>> {
  // Watches, chats and posts come from one pass over the round's decisions, not one each.
  let counted: { log: EventLog; from: number; length: number; counts: Map<string, number> } | null =
    null;
  const actions = (type: string) => {
    const { log, from } = round();
    if (counted?.log !== log || counted.from !== from || counted.length !== log.length) {
      counted = { log, from, length: log.length, counts: log.actionCounts(from) };
    }
    return counted.counts.get(type) ?? 0;
  };
  return {
    active: () => {
      const { log, from } = round();
      for (let i = from; i < log.length; i++) {
        if (log.typeAt(i) !== "round_start") continue;
        const start = log.at(i);
        return start.type === "round_start" ? start.active.length : 0;
      }
      return 0;
    },
    watches: () => actions("watch"),
    chats: () => actions("chat"),
    posts: () => actions("post"),
    interactions: (w) => w.interactions.length,
    links: (w) => w.graph.linkCount,
  };
}
