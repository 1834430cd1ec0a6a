/**
 * What a round's turns change in the shared world, applied after every turn has finished and
 * in the order of the active agents: their events, interactions, who watched what and the
 * average ratings; then the messages delivered to inboxes and memories.
 *
 * @module
 */
import type { EventLog } from "./event_log.ts";
import type { TurnOutput } from "./turn.ts";
import type { World } from "./world.ts";

/** Totals of a round's turns. */
export interface TurnTotals {
  decisions: number;
  calls: number;
  tokens: number;
  failures: number;
  watches: number;
  chats: number;
  posts: number;
}

/**
 * Appends the turns' events and applies their interactions and ratings.
 *
 * @param world The world.
 * @param agents The agent of each turn, in the same order.
 * @param turns The turns' outputs.
 * @param log The event log.
 * @returns The turns' totals (chats and posts are counted by {@link deliverMessages}).
 */
export function applyTurns(
  world: World,
  agents: readonly string[],
  turns: readonly TurnOutput[],
  log: EventLog,
): TurnTotals {
  const totals: TurnTotals = {
    decisions: 0,
    calls: 0,
    tokens: 0,
    failures: 0,
    watches: 0,
    chats: 0,
    posts: 0,
  };
  turns.forEach((turn, i) => {
    // A turn's drafts are its own and used nowhere after this: the log takes them as they are
    // (none when the engine logged them as the turn finished).
    log.adopt(turn.events);
    world.interactions.push(...turn.interactions);
    for (const post of turn.feedPosts) world.feed.add(post);
    for (const id of turn.reposted) world.feed.repost(id);
    for (const { itemId, rating } of turn.watches) {
      let who = world.watchedBy.get(itemId);
      if (!who) world.watchedBy.set(itemId, who = new Set());
      who.add(agents[i]);
      const r = world.ratings.get(itemId) ?? { sum: 0, n: 0 };
      world.ratings.set(itemId, { sum: r.sum + rating, n: r.n + 1 });
    }
    totals.decisions += turn.decisions;
    totals.calls += turn.calls;
    totals.tokens += turn.tokens;
    totals.failures += turn.failures;
    totals.watches += turn.watches.length;
  });
  return totals;
}

/**
 * Delivers the turns' chats and posts: each recipient's inbox, heard-of items and memory, one
 * deliver event per recipient.
 *
 * @param world The world.
 * @param turns The turns' outputs, in the active agents' order.
 * @param log The event log.
 * @param t The round's simulated time.
 * @param totals Chats and posts are added here.
 */
export async function deliverMessages(
  world: World,
  turns: readonly TurnOutput[],
  log: EventLog,
  t: string,
  totals: TurnTotals,
): Promise<void> {
  const round = world.round;
  const hours = world.scenario.roundHours * round;
  for (const turn of turns) {
    for (const { to, message } of turn.outbox) {
      if (message.kind === "chat") totals.chats++;
      else totals.posts++;
      const said = message.kind === "chat" ? "told me" : "posted";
      for (const id of to) {
        const agent = world.agent(id);
        agent.inbox.push(message);
        for (const item of message.itemIds) {
          agent.state.heardOf[item] = (agent.state.heardOf[item] ?? 0) + 1;
        }
        // A million deliveries need not each wait on a memory that keeps nothing.
        if (!agent.memory.keepsNothing) {
          await agent.memory.store(
            `${message.fromName} ${said}: ${message.text}`,
            message.itemIds.length ? 5 : 3,
            hours,
          );
        }
        log.append({
          type: "deliver",
          round,
          t,
          from: message.fromId,
          to: id,
          kind: message.kind,
          items: message.itemIds,
        });
      }
    }
  }
}
