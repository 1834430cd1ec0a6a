/**
 * An agent's taste as the rule brain reads it: genre labels on one canonical vocabulary,
 * how well an item matches the agent's current genre weights and profile interests, and how
 * new an item's genres are to the agent.
 *
 * @module
 */
import { GENRES, interestGenre, interestGenres } from "../../profile/genres.ts";
import type { Profile } from "../../profile/schema.ts";
import type { Item } from "../../recsys/item.ts";
import type { AgentState } from "../context.ts";

/** Finds a catalogue item by id (e.g. `(id) => catalog.get(id)`). */
export type ItemLookup = (id: string) => Item | undefined;

/**
 * The canonical genre of a label, so catalogue genres ("Children's", "Film-Noir", "Sci-Fi")
 * and profile interests ("family-friendly movies") meet on one vocabulary.
 *
 * @param genre A genre label.
 * @returns The canonical genre, or the label itself when it maps to none.
 *
 * @example MovieLens genres mapped to canonical ones
 * ```ts
 * import { canonicalGenre } from "@lib/brain/rule/taste.ts";
 * import assert from "node:assert/strict";
 * assert.equal(canonicalGenre("Children's"), "Family");
 * assert.equal(canonicalGenre("Film-Noir"), "Crime");
 * assert.equal(canonicalGenre("Sci-Fi"), "Sci-Fi");
 * ```
 */
export function canonicalGenre(genre: string): string {
  return interestGenre(genre) ?? genre;
}

/**
 * @param item An item.
 * @returns Its canonical genres without repeats.
 */
export function itemGenres(item: Item): string[] {
  return [...genresOf(item)];
}

// Every utility reads an item's canonical genres; items keep their genre list, so remember it.
const GENRES_OF = new WeakMap<readonly string[], readonly string[]>();

/**
 * {@link itemGenres} without the copy, for the hot loops that only read it.
 *
 * @param item An item.
 * @returns Its canonical genres without repeats (the same array every time; do not change it).
 */
export function genresOf(item: Item): readonly string[] {
  let gs = GENRES_OF.get(item.genres);
  if (gs === undefined) {
    gs = [...new Set(item.genres.map(canonicalGenre))];
    GENRES_OF.set(item.genres, gs);
  }
  return gs;
}

/**
 * Genre weights with canonical keys (weights of labels that meet on one genre add up).
 *
 * @param weights Weights by genre label.
 * @returns Weights by canonical genre.
 */
export function canonicalWeights(
  weights: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  // for-in visits the same keys in the same order as Object.entries, without an array of pairs.
  for (const g in weights) {
    if (!Object.hasOwn(weights, g)) continue;
    const c = canonicalGenre(g);
    out[c] = (out[c] ?? 0) + Math.max(0, weights[g]);
  }
  return out;
}

/**
 * Starting genre weights from a profile: each interest genre 1, every other genre `floor`,
 * normalised to sum 1.
 *
 * @param profile A profile (interests are read).
 * @param floor Weight of genres the profile does not name.
 * @returns Weights by canonical genre.
 *
 * @example Weights lean to the stated interests and sum to one
 * ```ts
 * import { initialGenreWeights } from "@lib/brain/rule/taste.ts";
 * import assert from "node:assert/strict";
 * const w = initialGenreWeights({ interests: ["sci-fi movies"] });
 * assert.ok(w["Sci-Fi"] > w["Comedy"]);
 * assert.ok(Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 1) < 1e-9);
 * ```
 */
export function initialGenreWeights(
  profile: Pick<Profile, "interests">,
  floor = 0.02,
): Record<string, number> {
  const liked = new Set<string>(interestGenres(profile));
  const raw = Object.fromEntries(GENRES.map((g) => [g, liked.has(g) ? 1 : floor]));
  return normalised(raw);
}

/**
 * @param weights Non-negative weights.
 * @returns The weights scaled to sum 1 (uniform zeros stay zeros).
 */
export function normalised(weights: Readonly<Record<string, number>>): Record<string, number> {
  // Summed in key order from 0, as a reduce over Object.values would, so results are unchanged.
  let total = 0;
  for (const g in weights) if (Object.hasOwn(weights, g)) total += weights[g];
  const out: Record<string, number> = {};
  for (const g in weights) {
    if (Object.hasOwn(weights, g)) out[g] = total > 0 ? weights[g] / total : 0;
  }
  return out;
}

/** An agent's genre weights on canonical keys with their maximum, read once per decision. */
export interface CanonicalTaste {
  weights: Readonly<Record<string, number>>;
  max: number;
}

/**
 * @param state The agent's state.
 * @returns Its canonical weights and their maximum (0 when none is positive).
 *
 * @example The strongest genre sets the scale
 * ```ts
 * import { canonicalTaste } from "@lib/brain/rule/taste.ts";
 * import assert from "node:assert/strict";
 * assert.equal(canonicalTaste({ genreWeights: { "Sci-Fi": 0.6, Comedy: 0.4 } }).max, 0.6);
 * ```
 */
export function canonicalTaste(state: Pick<AgentState, "genreWeights">): CanonicalTaste {
  const given = state.genreWeights;
  // Weights already on canonical keys with no negative value (every state the engine makes)
  // are read as they are: canonicalWeights would copy them to equal values (a −0 becoming 0,
  // which no match or maximum can tell apart), and this runs for every decision.
  const proto = Object.getPrototypeOf(given);
  let asGiven = proto === Object.prototype || proto === null;
  for (const g in given) {
    if (!asGiven) break;
    if (!Object.hasOwn(given, g)) continue;
    if (given[g] < 0 || canonicalGenre(g) !== g) {
      asGiven = false;
      break;
    }
  }
  const weights = asGiven ? given : canonicalWeights(given);
  let max = 0;
  for (const g in weights) if (Object.hasOwn(weights, g)) max = Math.max(max, weights[g]);
  return { weights, max };
}

/**
 * How well an item matches the agent's current genre weights: the mean, over the item's
 * genres, of each genre's weight relative to the agent's strongest genre.
 *
 * @param state The agent's state.
 * @param item The item.
 * @param taste The state's {@link canonicalTaste}, when the caller scores many items at once.
 * @returns A match in [0, 1].
 */
export function stateMatch(
  state: Pick<AgentState, "genreWeights">,
  item: Item,
  taste: CanonicalTaste = canonicalTaste(state),
): number {
  const { weights: w, max } = taste;
  if (max === 0) return 0;
  const gs = genresOf(item);
  // Plain loops here and below: these run for every item of every page (sums in the same order).
  let s = 0;
  for (let k = 0; k < gs.length; k++) s += (w[gs[k]] ?? 0) / max;
  return s / gs.length;
}

// Each profile's interest genres as a set, with the interests they were made from: made again
// only when those change, so the decisions of an agent do not rebuild them every time.
const LIKED = new WeakMap<readonly string[], { from: string[]; genres: ReadonlySet<string> }>();

/**
 * The genres a profile's interests name, as a set (what {@link profileMatch} reads).
 *
 * @param profile A profile (only `interests` is read).
 * @returns The set; the same one while the interests stay the same. Do not change it.
 * @example Made again when the interests change
 * ```ts
 * import { likedGenres } from "@lib/brain/rule/taste.ts";
 * import assert from "node:assert/strict";
 * const profile = { interests: ["sci-fi movies"] };
 * const first = likedGenres(profile);
 * assert.deepEqual([...first], ["Sci-Fi"]);
 * assert.equal(likedGenres(profile), first);
 * profile.interests.push("horror films");
 * assert.deepEqual([...likedGenres(profile)], ["Sci-Fi", "Horror"]);
 * ```
 */
export function likedGenres(profile: Pick<Profile, "interests">): ReadonlySet<string> {
  const interests = profile.interests;
  let kept = LIKED.get(interests);
  if (kept === undefined || !sameStrings(kept.from, interests)) {
    kept = { from: [...interests], genres: new Set<string>(interestGenres(profile)) };
    LIKED.set(interests, kept);
  }
  return kept.genres;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * @param profile A profile.
 * @param item An item.
 * @param liked The profile's interest genres (a set or a list), when the caller scores many
 *   items at once.
 * @returns The share of the item's genres that the profile's interests name, in [0, 1].
 */
export function profileMatch(
  profile: Pick<Profile, "interests">,
  item: Item,
  liked: ReadonlySet<string> | readonly string[] = likedGenres(profile),
): number {
  const gs = genresOf(item);
  let n = 0;
  if (Array.isArray(liked)) { for (const g of gs) if (liked.includes(g)) n++; }
  else for (const g of gs) if ((liked as ReadonlySet<string>).has(g)) n++;
  return n / gs.length;
}

/**
 * The share of each genre in what the agent consumed: from the watched items when a lookup is
 * given, else from the genre weights (which drift toward consumed genres).
 *
 * @param state The agent's state.
 * @param lookup Finds watched items by id.
 * @returns Shares by canonical genre (summing to 1, or empty).
 */
export function consumedShares(
  state: Pick<AgentState, "genreWeights" | "watched">,
  lookup?: ItemLookup,
): Record<string, number> {
  if (!lookup) return normalised(canonicalWeights(state.genreWeights));
  const watched = state.watched;
  // A short history is walked: a few lookups, where a tally would be an object per agent that
  // a million agents' first round (a watch or two each) would keep for nothing.
  if (watched.length < TALLY_FROM) return normalised(countGenres(watched, lookup));
  let tally = tallies.get(watched);
  // A list that is not the one tallied plus new items at its end (an item replaced or taken
  // out, another lookup) is counted again from the start. Comparing the ids tallied is a
  // pointer check each, far less than finding the items and their genres again.
  if (!tally || tally.lookup !== lookup || !startsWith(watched, tally.ids)) {
    tally = { lookup, ids: [], counts: {} };
    tallies.set(watched, tally);
  }
  const { ids, counts } = tally;
  while (ids.length < watched.length) {
    const item = lookup(watched[ids.length]);
    // The tally stops before an item the lookup lacks and tries it again next time; a walk
    // from the start skips it.
    if (!item) return normalised(countGenres(watched, lookup));
    const gs = genresOf(item);
    for (const g of gs) counts[g] = (counts[g] ?? 0) + 1 / gs.length;
    ids.push(watched[ids.length]);
  }
  return normalised(counts);
}

/** Watched items from which a history keeps a running tally instead of being walked. */
const TALLY_FROM = 8;

/**
 * Genre counts of a watched list so far, by list: each decision adds only what was watched
 * since the last one, instead of finding every item of the history again (which grows every
 * round). The counts receive the same terms in the same order as a walk from the start, so
 * they are the same numbers.
 */
const tallies = new WeakMap<
  readonly string[],
  { lookup: ItemLookup; ids: string[]; counts: Record<string, number> }
>();

/** Whether `list` begins with every entry of `prefix`, in order. */
function startsWith(list: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > list.length) return false;
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

/** Each watched item's genres, 1/|genres| each, in watch order (items not found are skipped). */
function countGenres(watched: readonly string[], lookup: ItemLookup): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of watched) {
    const item = lookup(id);
    if (!item) continue;
    const gs = genresOf(item);
    for (const g of gs) counts[g] = (counts[g] ?? 0) + 1 / gs.length;
  }
  return counts;
}

/**
 * @param shares Consumed shares by genre.
 * @param item An item.
 * @returns 1 minus the mean consumed share of the item's genres, in [0, 1].
 */
export function novelty(shares: Readonly<Record<string, number>>, item: Item): number {
  const gs = genresOf(item);
  let s = 0;
  for (let k = 0; k < gs.length; k++) s += shares[gs[k]] ?? 0;
  return 1 - s / gs.length;
}

/**
 * The agent's strongest current interests.
 *
 * @param state The agent's state.
 * @param k How many.
 * @returns Genre and normalised weight, strongest first (ties by name).
 */
export function topInterests(
  state: Pick<AgentState, "genreWeights">,
  k = 3,
): { genre: string; weight: number }[] {
  return Object.entries(normalised(canonicalWeights(state.genreWeights)))
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([genre, weight]) => ({ genre, weight }));
}
