/**
 * Interventions: changes made to a running world from outside the agents — edit a profile
 * (traits, interests), rewire friendships towards different interests, inject a message, or
 * turn the recommender's exploration knob. Each returns what it changed, for the event log.
 *
 * @module
 */
import { profileSchema } from "../profile/schema.ts";
import { addHeterogeneousFriends } from "../social/heterogeneous_friends.ts";
import { initialState } from "./agent.ts";
import type { EventDraft } from "./events.ts";
import { postFeedEvent } from "./feed_seed.ts";
import type { Intervention } from "./scenario.ts";
import type { World } from "./world.ts";
import { ConfigError, formatIssues } from "../core/errors.ts";

/** What an intervention changed. */
export interface InterventionRecord {
  kind: string;
  agent: string | null;
  detail: Record<string, unknown>;
  /** Events it caused, logged after the intervention itself (a feed event's seed posts). */
  events?: EventDraft[];
}

/**
 * Applies one intervention to the world.
 *
 * @param world The world (between rounds).
 * @param iv The intervention.
 * @returns Records for the event log.
 */
export async function applyIntervention(
  world: World,
  iv: Intervention,
): Promise<InterventionRecord[]> {
  switch (iv.kind) {
    case "set_profile": {
      const agent = world.agent(iv.agent);
      const parsed = profileSchema.safeParse({ ...agent.profile, ...iv.patch, id: agent.id });
      if (!parsed.success) {
        throw new ConfigError(
          "intervention",
          `set_profile(${iv.agent})`,
          formatIssues(parsed.error.issues),
        );
      }
      agent.profile = parsed.data;
      if ("interests" in iv.patch) {
        // New interests reset the taste the agent starts from; what it watched stays remembered.
        const fresh = initialState(parsed.data);
        agent.state.genreWeights = fresh.genreWeights;
      }
      if ("conformity" in iv.patch && parsed.data.conformity !== undefined) {
        agent.state.conformity = parsed.data.conformity;
      }
      await agent.memory.store(
        `My outlook changed: I am ${parsed.data.traits.join(", ")} and I like ${
          parsed.data.interests.join(", ")
        }.`,
        8,
        world.scenario.roundHours * world.round,
      );
      return [{ kind: "set_profile", agent: agent.id, detail: { patch: iv.patch } }];
    }
    case "heterogeneous_friends": {
      const ids = iv.agents ?? world.ids;
      const agents = world.ids.map((id) => ({ id, interests: world.agent(id).profile.interests }));
      const changed = addHeterogeneousFriends(world.graph, agents, {
        count: iv.count,
        rng: world.rng.fork(`round:${world.round}/heterogeneous`),
        targets: ids,
      });
      return [{
        kind: "heterogeneous_friends",
        agent: null,
        detail: { added: changed.length, edges: changed },
      }];
    }
    case "inject_message": {
      const to = iv.to ?? world.ids;
      for (const id of to) {
        const agent = world.agent(id);
        agent.inbox.push({
          fromId: "system",
          fromName: "News",
          text: iv.text,
          itemIds: iv.items,
          kind: "broadcast",
          round: world.round,
        });
        for (const item of iv.items) {
          agent.state.heardOf[item] = (agent.state.heardOf[item] ?? 0) + 1;
        }
        await agent.memory.store(`News: ${iv.text}`, 6, world.scenario.roundHours * world.round);
      }
      return [{
        kind: "inject_message",
        agent: null,
        detail: { text: iv.text, items: iv.items, to: to.length },
      }];
    }
    case "feed_event": {
      const { round: _r, kind: _k, ...seed } = iv;
      const { events } = postFeedEvent(world, seed);
      return [{
        kind: "feed_event",
        agent: null,
        detail: { eventId: iv.eventId, text: iv.text, posters: iv.posters },
        events,
      }];
    }
    case "exploration": {
      world.setExploration({
        randomItems: iv.randomItems,
        everyRounds: iv.everyRounds,
        fromRound: world.round,
      });
      return [{ kind: "exploration", agent: null, detail: { ...world.exploration } }];
    }
  }
}

/**
 * The scenario's interventions a run has not reached: scheduled at or after the next round to
 * run, so never applied if the run ends here (a scenario shortened for a quick try, a round
 * number past its end, a run stopped by its budget).
 *
 * @param interventions The scenario's interventions.
 * @param nextRound The next round the run would play.
 * @returns Each with its index in the scenario's list.
 *
 * @example Interventions at rounds 10 and 12 of a 10-round run (rounds 0–9) are left over
 * ```ts
 * import { unappliedInterventions } from "@lib/sim/interventions.ts";
 * import assert from "node:assert/strict";
 * const ivs = [
 *   { round: 3, kind: "exploration" as const, randomItems: 1, everyRounds: 1 },
 *   { round: 12, kind: "exploration" as const, randomItems: 0, everyRounds: 1 },
 *   { round: 9, kind: "exploration" as const, randomItems: 2, everyRounds: 1 },
 *   { round: 10, kind: "exploration" as const, randomItems: 3, everyRounds: 1 },
 * ];
 * assert.deepEqual(unappliedInterventions(ivs, 10).map((u) => u.index), [1, 3]);
 * ```
 */
export function unappliedInterventions(
  interventions: readonly Intervention[],
  nextRound: number,
): { index: number; intervention: Intervention }[] {
  return interventions.flatMap((intervention, index) =>
    intervention.round >= nextRound ? [{ index, intervention }] : []
  );
}
