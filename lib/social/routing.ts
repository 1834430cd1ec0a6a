/**
 * Message routing over the graph: a chat goes to one friend, named by id (never by name, since
 * names repeat), and a broadcast reaches every friend (and every follower).
 *
 * @module
 */
import { SociusError } from "@lib/core/errors.ts";
import type { SocialGraph } from "./graph.ts";

/** A message could not be routed (unknown agent, or not friends). */
export class RoutingError extends SociusError {
  /**
   * @param message What could not be routed and why.
   */
  constructor(message: string) {
    super("routing", message);
  }
}

/** Where a chat goes. */
export interface ChatRoute {
  /** Sender id. */
  from: string;
  /** Recipient id. */
  to: string;
  /** Relationship type of the tie. */
  type: string;
  /** Closeness of the tie. */
  closeness: number;
}

/**
 * Routes a one-to-one chat.
 *
 * @param graph The social graph.
 * @param from Sender id.
 * @param to Recipient id; must share a mutual tie with the sender.
 * @returns The route, with the tie's type and closeness for the prompt.
 *
 * @example Only friends can chat
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { routeChat } from "@lib/social/routing.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph(["a", "b", "c"]);
 * g.addEdge("a", "b", { type: "family", closeness: 0.9 });
 * assert.equal(routeChat(g, "b", "a").type, "family");
 * assert.throws(() => routeChat(g, "a", "c"), /not friends/);
 * ```
 */
export function routeChat(graph: SocialGraph, from: string, to: string): ChatRoute {
  for (const id of [from, to]) {
    if (!graph.hasNode(id)) throw new RoutingError(`chat ${from} → ${to}: unknown agent "${id}"`);
  }
  const tie = graph.getEdge(from, to);
  if (!tie) {
    throw new RoutingError(
      `chat ${from} → ${to}: not friends (${from} has ${graph.friends(from).length} friends)`,
    );
  }
  return { from, to, type: tie.type, closeness: tie.closeness };
}

/** Options of {@link broadcastRecipients}. */
export interface BroadcastOptions {
  /** Also reach agents that follow the sender (default true). */
  followers?: boolean;
  /** "sorted" by id (default: the same whatever order ties were made in) or "graph" order. */
  order?: "sorted" | "graph";
}

/**
 * Everyone a one-to-many post reaches.
 *
 * @param graph The social graph.
 * @param from Sender id.
 * @param options Whether followers count, and the order.
 * @returns Recipient ids, each once, never the sender.
 *
 * @example Friends and followers, sorted
 * ```ts
 * import { SocialGraph } from "@lib/social/graph.ts";
 * import { broadcastRecipients } from "@lib/social/routing.ts";
 * import assert from "node:assert/strict";
 * const g = new SocialGraph();
 * g.addEdge("me", "zoe");
 * g.addEdge("me", "al");
 * g.addEdge("fan", "me", { directed: true });
 * assert.deepEqual(broadcastRecipients(g, "me"), ["al", "fan", "zoe"]);
 * assert.deepEqual(broadcastRecipients(g, "me", { followers: false, order: "graph" }), ["zoe", "al"]);
 * ```
 */
export function broadcastRecipients(
  graph: SocialGraph,
  from: string,
  options: BroadcastOptions = {},
): string[] {
  if (!graph.hasNode(from)) throw new RoutingError(`broadcast from unknown agent "${from}"`);
  const out = new Set(graph.friends(from));
  if (options.followers ?? true) { for (const f of graph.followers(from)) out.add(f); }
  const list = [...out];
  return (options.order ?? "sorted") === "sorted" ? list.sort(compareIds) : list;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
