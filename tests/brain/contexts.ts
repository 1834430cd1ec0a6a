/**
 * Builders of decision contexts for brain tests.
 *
 * @module
 */
import type {
  AgentState,
  BrowseContext,
  ChooseContext,
  FeelContext,
  FriendView,
  InterviewContext,
  SeenItem,
  SocialContext,
} from "@lib/brain/context.ts";
import { Rng } from "@lib/core/rng.ts";
import type { Profile } from "@lib/profile/schema.ts";
import type { Item } from "@lib/recsys/item.ts";

/** A profile with every field set, so prompts can be checked for fields they must not show. */
export function profile(over: Partial<Profile> = {}): Profile {
  return {
    id: "a1",
    name: "David Smith",
    gender: "male",
    age: 25,
    traits: ["compassionate", "caring"],
    career: "photographer",
    interests: ["sci-fi movies", "thriller movies"],
    features: ["Watcher", "Critic", "Poster"],
    conformity: 0.5,
    extras: { secret: "EXTRA-FIELD-VALUE" },
    ...over,
  };
}

/** An agent state. */
export function state(over: Partial<AgentState> = {}): AgentState {
  return {
    genreWeights: { "Sci-Fi": 0.5, Thriller: 0.4, Comedy: 0.05, Romance: 0.05 },
    watched: [],
    ratings: {},
    heardOf: {},
    conformity: 0.5,
    busyRounds: 0,
    ...over,
  };
}

/** A catalogue item. */
export function item(id: string, genres: string[], over: Partial<Item> = {}): Item {
  return {
    id,
    title: `Film ${id}`,
    genres,
    year: 1999,
    description: `A ${genres.join("/")} film.`,
    popularity: 10,
    quality: 0.6,
    ...over,
  };
}

/** An item on a page. */
export function seen(i: Item, over: Partial<SeenItem> = {}): SeenItem {
  return { item: i, friendsWatched: 0, mentions: 0, avgRating: null, ...over };
}

function base(behaviourSeed: string, seed: number | string) {
  return {
    agentId: "a1",
    profile: profile(),
    state: state(),
    time: { round: 3, iso: "2026-11-28T14:00:00Z", label: "Saturday, 28 November 2026, 14:00" },
    memories: ["I watched <Alien> last week and loved it.", "Anna recommended <Heat>."],
    rng: new Rng(seed),
    callSite: `3:a1:${behaviourSeed}:0`,
  };
}

/** A choose context. */
export function chooseCtx(
  over: Partial<ChooseContext> = {},
  seed: number | string = 1,
): ChooseContext {
  return { ...base("choose", seed), behaviour: "choose", unread: 2, hasFriends: true, ...over };
}

/** A browse context with a page of five items. */
export function browseCtx(
  over: Partial<BrowseContext> = {},
  seed: number | string = 1,
): BrowseContext {
  return {
    ...base("browse", seed),
    behaviour: "browse",
    page: [
      seen(item("m1", ["Sci-Fi"], { title: "Alien" }), { friendsWatched: 2, avgRating: 4.2 }),
      seen(item("m2", ["Comedy"], { title: "Airplane!" })),
      seen(item("m3", ["Romance"], { title: "Casablanca" }), { mentions: 1 }),
      seen(item("m4", ["Thriller"], { title: "Heat" })),
      seen(item("m5", ["Documentary"], { title: "Koyaanisqatsi" })),
    ],
    pageIndex: 0,
    query: null,
    watchedThisSession: [],
    ...over,
  };
}

/** A feel context. */
export function feelCtx(over: Partial<FeelContext> = {}, seed: number | string = 1): FeelContext {
  return {
    ...base("feel", seed),
    behaviour: "feel",
    item: seen(item("m1", ["Sci-Fi"], { title: "Alien" })),
    ...over,
  };
}

/** Friends of the agent. */
export const FRIENDS: FriendView[] = [
  { id: "f1", name: "Anna", closeness: 0.4, interests: ["comedy movies"] },
  { id: "f2", name: "Bob", closeness: 0.9, interests: ["sci-fi movies"] },
];

/** A social context. */
export function socialCtx(
  over: Partial<SocialContext> = {},
  seed: number | string = 1,
): SocialContext {
  return {
    ...base("social", seed),
    behaviour: "social",
    friends: FRIENDS,
    recent: [{ item: item("m1", ["Sci-Fi"], { title: "Alien" }), rating: 5 }],
    inbox: [{ fromId: "f1", fromName: "Anna", text: "Did you like Heat?" }],
    ...over,
  };
}

/** An interview context. */
export function interviewCtx(
  over: Partial<InterviewContext> = {},
  seed: number | string = 1,
): InterviewContext {
  return {
    ...base("interview", seed),
    behaviour: "interview",
    question: "What kind of movies do you like?",
    recent: [{ item: item("m1", ["Sci-Fi"], { title: "Alien" }), rating: 5 }],
    ...over,
  };
}
