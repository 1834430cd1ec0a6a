/**
 * Puts an event on the engine's social feed: its first accounts post it, each with an emotion
 * and a stance, and a seed event per account goes into the log. From there the event spreads
 * through the agents' own feed decisions (any brain that reposts, posts or comments), in the
 * same run as everything else they do.
 *
 * @module
 */
import type { FeedPost } from "../brain/context.ts";
import { SociusError } from "../core/errors.ts";
import {
  type Attitude,
  attitudeOf,
  EMOTION_LEVELS,
  type EmotionLevel,
} from "../social/emotion_attitude.ts";
import { simTime } from "./clock.ts";
import { SEED_PREFIX } from "./social_feed.ts";
import type { Engine } from "./engine.ts";
import type { EventDraft } from "./events.ts";
import type { World } from "./world.ts";

/** An event for the feed. */
export interface FeedSeed {
  /** The event's id (stances and shares refer to it). */
  eventId: string;
  /** What the first accounts post. */
  text: string;
  /** The agents who post it first. */
  posters: readonly string[];
  /** Their emotion (default intense). */
  emotion?: EmotionLevel;
  /** Their stance in [-1, 1] (default 0.8). */
  stance?: number;
}

/**
 * Posts an event for the coming round.
 *
 * @param engine The engine (its next round sees the posts).
 * @param seed The event.
 * @returns The posts added to the feed.
 * @throws SociusError when a poster is not an agent or the event was seeded before.
 *
 * @example One poster, one seed event
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { seedFeedEvent } from "@lib/sim/feed_seed.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ name: "x", seed: 1, rounds: 1, agents: { source: "csv", count: 4 } });
 * const [post] = seedFeedEvent(engine, { eventId: "storm", text: "Storm tonight", posters: [engine.world.ids[0]] });
 * assert.equal(post.eventId, "storm");
 * assert.equal(engine.log.ofType("seed").length, 1);
 * ```
 */
export function seedFeedEvent(engine: Engine, seed: FeedSeed): FeedPost[] {
  const { posts, events } = postFeedEvent(engine.world, seed);
  engine.log.append(...events);
  return posts;
}

/**
 * Puts an event's first posts on the world's feed and sets their authors' emotion and stance;
 * the caller logs the seed events returned (the engine, or a scenario's intervention).
 *
 * @param world The world (between rounds).
 * @param seed The event.
 * @returns The posts added and one seed event per poster.
 * @throws SociusError when a poster is not an agent or the event was seeded before.
 *
 * @example The posts are on the feed; logging the seed events is the caller's
 * ```ts
 * import { createSimulation } from "@lib/sim/simulation.ts";
 * import { postFeedEvent } from "@lib/sim/feed_seed.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 1, agents: { source: "csv", count: 4 } });
 * const { posts, events } = postFeedEvent(engine.world, { eventId: "e", text: "Storm", posters: [engine.world.ids[1]] });
 * assert.equal(engine.world.feed.posts.length, 1);
 * assert.equal(events[0].type, "seed");
 * assert.equal(engine.log.ofType("seed").length, 0);
 * assert.equal(posts[0].stance, 0.8);
 * ```
 */
export function postFeedEvent(
  world: World,
  seed: FeedSeed,
): { posts: FeedPost[]; events: EventDraft[] } {
  const round = world.round;
  const sc = world.scenario;
  const t = simTime(sc.start, sc.roundHours, round).iso;
  const emotion = EMOTION_LEVELS.indexOf(seed.emotion ?? "intense");
  const stance = Math.max(-1, Math.min(1, seed.stance ?? 0.8));
  const attitude: Attitude = attitudeOf(stance);
  if (world.feed.posts.some((p) => p.eventId === seed.eventId)) {
    throw new SociusError(
      "config",
      `feed event: eventId: expected a new id, found ${seed.eventId}`,
    );
  }
  for (const poster of seed.posters) {
    if (!world.agents.has(poster)) {
      throw new SociusError("config", `feed event: posters: expected agent ids, found ${poster}`);
    }
  }
  const posts: FeedPost[] = [];
  const events: EventDraft[] = [];
  for (const poster of seed.posters) {
    const post: FeedPost = {
      id: `${SEED_PREFIX}${seed.eventId}:${poster}`,
      author: poster,
      round,
      text: seed.text,
      kind: "post",
      parent: null,
      eventId: seed.eventId,
      emotion,
      stance,
      reposts: 0,
    };
    world.feed.add(post);
    const state = world.agent(poster).state;
    state.emotion = emotion;
    state.stances = { ...state.stances, [seed.eventId]: stance };
    events.push({
      type: "seed",
      round,
      t,
      agent: poster,
      text: seed.text,
      emotion: EMOTION_LEVELS[emotion],
      attitude,
    });
    posts.push(post);
  }
  return { posts, events };
}
