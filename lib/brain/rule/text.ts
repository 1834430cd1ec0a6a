/**
 * The rule brain's words: short templated sentences that say what was chosen and why, naming
 * items in <angle brackets> so memories and metrics can find them as in LLM text.
 *
 * @module
 */
import { interestGenres } from "../../profile/genres.ts";
import type { Item } from "../../recsys/item.ts";
import type { FriendView } from "../context.ts";
import type { UtilityTerms } from "./utility.ts";
import { itemGenres } from "./taste.ts";

/** The utility terms a reason can name, in the order ties are broken. */
const REASONS = ["interest", "quality", "social", "novelty"] as const;

/**
 * The strongest reason behind a choice, as a phrase.
 *
 * @param item The item.
 * @param terms Its utility terms.
 * @returns e.g. "it matches my taste for Sci-Fi".
 *
 * @example The strongest term gives the reason
 * ```ts
 * import { reasonPhrase } from "@lib/brain/rule/text.ts";
 * import assert from "node:assert/strict";
 * const item = { id: "1", title: "Alien", genres: ["Sci-Fi"], year: 1979, description: "", popularity: 1, quality: 0.9 };
 * assert.equal(reasonPhrase(item, { interest: 3, quality: 1, social: 0, novelty: 0, rewatch: 0, total: 4 }), "it matches my taste for Sci-Fi");
 * ```
 */
export function reasonPhrase(item: Item, terms: UtilityTerms): string {
  // The strongest term, the first of them on a tie (what a stable sort would put first).
  let strongest: (typeof REASONS)[number] = REASONS[0];
  for (const k of REASONS) if (terms[k] > terms[strongest]) strongest = k;
  const words = wordsOf(item);
  switch (strongest) {
    case "interest":
      return words.interest ??= `it matches my taste for ${itemGenres(item).join(" and ")}`;
    case "quality":
      return "it is said to be very good";
    case "social":
      return "my friends are talking about it";
    case "novelty":
      return words.novelty ??= `I want to try something new (${itemGenres(item).join(", ")})`;
  }
}

/**
 * Why an item was chosen, as the rule brain says it.
 *
 * @param item The item.
 * @param why The reason ({@link reasonPhrase}).
 * @returns "I chose <title> because why."
 *
 * @example
 * ```ts
 * import { choiceText } from "@lib/brain/rule/text.ts";
 * import assert from "node:assert/strict";
 * const item = { id: "1", title: "Alien", genres: ["Sci-Fi"], year: 1979, description: "", popularity: 1, quality: 0.9 };
 * assert.equal(choiceText(item, "it is said to be very good"), "I chose <Alien> because it is said to be very good.");
 * ```
 */
export function choiceText(item: Item, why: string): string {
  const chose = wordsOf(item).chose;
  let text = chose.get(why);
  if (text === undefined) chose.set(why, text = `I chose <${item.title}> because ${why}.`);
  return text;
}

/** The sentences said about one item, made once each. */
interface ItemWords {
  title: string;
  genres: readonly string[];
  interest?: string;
  novelty?: string;
  chose: Map<string, string>;
  feelings: (string | undefined)[];
}

// The same item gets the same words: each sentence is made once per item and reused, so a
// million decisions repeat a few thousand strings instead of building one each. An item whose
// title or genres are replaced gets new words.
const WORDS = new WeakMap<Item, ItemWords>();

function wordsOf(item: Item): ItemWords {
  let w = WORDS.get(item);
  if (w === undefined || w.title !== item.title || w.genres !== item.genres) {
    w = { title: item.title, genres: item.genres, chose: new Map(), feelings: [] };
    WORDS.set(item, w);
  }
  return w;
}

const FEELINGS: Record<number, (t: string, why: string) => string> = {
  5: (t, why) => `I loved <${t}>: ${why}.`,
  4: (t, why) => `I enjoyed <${t}>; ${why}.`,
  3: (t) => `<${t}> was all right, nothing special.`,
  2: (t, why) => `I was disappointed by <${t}>; ${why}.`,
  1: (t, why) => `I disliked <${t}>; ${why}.`,
};

/**
 * A one-line feeling about a watched item.
 *
 * @param item The item.
 * @param rating The 1–5 rating.
 * @param match Interest match in [0, 1].
 * @param critic Whether the agent is a Critic (adds a word on the recommender).
 * @returns One line naming the item in <>.
 *
 * @example A high rating in a liked genre
 * ```ts
 * import { feelingText } from "@lib/brain/rule/text.ts";
 * import assert from "node:assert/strict";
 * const item = { id: "1", title: "Alien", genres: ["Sci-Fi"], year: 1979, description: "", popularity: 1, quality: 0.9 };
 * assert.equal(feelingText(item, 5, 1, false), "I loved <Alien>: just the kind of Sci-Fi I like.");
 * ```
 */
export function feelingText(item: Item, rating: number, match: number, critic: boolean): string {
  // Each of the twenty lines an item can get (rating × liked genre × critic) is made once.
  const slot = Number.isInteger(rating) && rating >= 1 && rating <= 5
    ? (rating - 1) * 4 + (match >= 0.5 ? 2 : 0) + (critic ? 1 : 0)
    : -1;
  if (slot < 0) return feelingLine(item, rating, match, critic);
  const feelings = wordsOf(item).feelings;
  return feelings[slot] ??= feelingLine(item, rating, match, critic);
}

function feelingLine(item: Item, rating: number, match: number, critic: boolean): string {
  const genres = itemGenres(item).join(" and ");
  const why = rating >= 4
    ? (match >= 0.5 ? `just the kind of ${genres} I like` : "well made, even if not my usual genre")
    : (match >= 0.5 ? `I expected more from a ${genres} movie` : `${genres} is not really for me`);
  const line = FEELINGS[rating](item.title, why);
  return critic && rating <= 2 ? `${line} The recommender can do better.` : line;
}

/**
 * A short dialogue about an item between an agent and a friend (speakers are agent ids).
 *
 * @param me The agent's id.
 * @param friend The friend.
 * @param item The item talked about.
 * @param rating The agent's rating of it, or null.
 * @param score The agent's latest 1–10 survey score of it, when a survey asked.
 * @returns Three lines, each naming the item in <>.
 */
export function chatDialogue(
  me: string,
  friend: FriendView,
  item: Item,
  rating: number | null,
  score?: number,
): { speaker: string; text: string }[] {
  const verdict = rating === null
    ? score === undefined ? "I have not made up my mind about it yet" : "I have heard about it"
    : rating >= 4
    ? `I gave it ${rating}/5, you should watch it`
    : rating <= 2
    ? `I gave it ${rating}/5, I would skip it`
    : `I gave it ${rating}/5, it was fine`;
  const liked = new Set<string>(interestGenres({ interests: friend.interests }));
  const likes = itemGenres(item).some((g) => liked.has(g));
  const reply = likes
    ? `Not yet, but it sounds like my kind of movie. I will look for <${item.title}>.`
    : `Not my usual kind of movie, but thanks for telling me about <${item.title}>.`;
  const now = score === undefined ? "" : ` Now I would give it ${score}/10.`;
  return [
    { speaker: me, text: `Hi ${friend.name}, have you seen <${item.title}>? ${verdict}.${now}` },
    { speaker: friend.id, text: reply },
    { speaker: me, text: `Tell me what you think of <${item.title}> if you watch it!` },
  ];
}

/**
 * A broadcast post about an item.
 *
 * @param item The item.
 * @param rating The agent's rating, or null.
 * @param score The agent's latest 1–10 survey score of it, when a survey asked.
 * @returns One post naming the item in <>.
 */
export function postText(item: Item, rating: number | null, score?: number): string {
  const opinion = rating === null
    ? "Still thinking about it."
    : rating >= 4
    ? "Highly recommended!"
    : rating <= 2
    ? "I would not recommend it."
    : "Worth a look if you like the genre.";
  return `Just watched <${item.title}>${
    rating === null ? "" : ` and gave it ${rating}/5`
  }. ${opinion}${score === undefined ? "" : ` Now I would give it ${score}/10.`}`;
}
