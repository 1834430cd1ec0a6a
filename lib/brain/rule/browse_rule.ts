/**
 * The rule brain's browse decision: watch an item of the page, see the next page, leave, or
 * search for an item heard of, by multinomial logit over their utilities.
 *
 * @module
 */
import type { BrowseContext } from "../context.ts";
import type { Item } from "../../recsys/item.ts";
import type { RuleConfig } from "./config.ts";
import { consumedShares, type ItemLookup, likedGenres } from "./taste.ts";
import { tasteOf } from "./taste_table.ts";
import { choiceText, reasonPhrase } from "./text.ts";
import { itemUtility, logitProbabilities, type UtilityTerms } from "./utility.ts";
import { remembered, type RuleOutcome } from "./rule_outcome.ts";

/** The terms each item of a page is scored into in turn (only totals are kept). */
const SCRATCH: UtilityTerms = {
  interest: 0,
  quality: 0,
  social: 0,
  novelty: 0,
  rewatch: 0,
  total: 0,
};

/**
 * Watch an item, next page, search or leave: items by utility; next page more likely when the
 * page is poor, leaving more likely as the session goes on; search when the agent heard of an
 * item it has not watched (Explorers more so; needs an item lookup for the title).
 *
 * @param ctx The context.
 * @param cfg The weights.
 * @param lookup Finds items by id (novelty from history, titles to search for).
 * @returns The outcome.
 *
 * @example A Sci-Fi fan's page: every option has a probability, and one is taken
 * ```ts
 * import { browseRule } from "@lib/brain/rule/browse_rule.ts";
 * import { DEFAULT_RULE_CONFIG } from "@lib/brain/rule/config.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import assert from "node:assert/strict";
 * const seen = (id: string, g: string) => ({ item: { id, title: id, genres: [g], year: null, description: "", popularity: 1, quality: 0.7 },
 *   friendsWatched: 0, mentions: 0, avgRating: null });
 * const out = browseRule({ behaviour: "browse", agentId: "a", callSite: "0:a:browse:0", memories: [], rng: new Rng(1),
 *   time: { round: 0, iso: "", label: "Monday" },
 *   profile: { id: "a", name: "A", gender: "f", age: 30, traits: [], career: "", interests: [], features: [], extras: {} },
 *   state: { genreWeights: { "Sci-Fi": 1 }, watched: [], ratings: {}, heardOf: {}, conformity: 0.5, busyRounds: 0 },
 *   page: [seen("s", "Sci-Fi"), seen("c", "Comedy")], pageIndex: 0, query: null, watchedThisSession: [] }, DEFAULT_RULE_CONFIG);
 * const scores = (out.scores as () => Record<string, number>)();
 * assert.deepEqual(Object.keys(scores), ["watch:s", "watch:c", "next_page", "leave"]);
 * assert.ok(["watch", "next_page", "leave"].includes(out.action.type));
 * ```
 */
export function browseRule(ctx: BrowseContext, cfg: RuleConfig, lookup?: ItemLookup): RuleOutcome {
  const f = ctx.profile.features;
  const inputs = {
    profile: ctx.profile,
    state: ctx.state,
    shares: consumedShares(ctx.state, lookup),
    taste: tasteOf(ctx.state),
    liked: likedGenres(ctx.profile),
  };
  // The options in order: each item of the page, the next page, leaving, and a search when the
  // agent heard of something. Every page of every agent comes here: the utilities go into one
  // array and only the chosen option's words are made.
  const page = ctx.page, n = page.length;
  const target = searchTarget(ctx, lookup);
  const utilities = new Array<number>(n + (target ? 3 : 2));
  let best = 0;
  for (let i = 0; i < n; i++) {
    best = Math.max(best, utilities[i] = itemUtility(page[i], inputs, cfg, SCRATCH).total);
  }
  const watched = ctx.watchedThisSession.length;
  utilities[n] = cfg.nextBase + cfg.badPage * Math.max(0, cfg.pageTarget - best) -
    cfg.pageCost * ctx.pageIndex;
  utilities[n + 1] = cfg.leaveBase + cfg.sessionFatigue * watched + cfg.pageFatigue * ctx.pageIndex;
  if (target) {
    utilities[n + 2] = itemUtility(
      { item: target.item, friendsWatched: 0, mentions: target.times, avgRating: null },
      inputs,
      cfg,
    ).total + cfg.searchBase + (f.includes("Explorer") ? cfg.explorerSearch : 0) +
      cfg.heardOf * Math.log1p(target.times);
  }
  const probs = logitProbabilities(utilities, cfg.temperature);
  const c = ctx.rng.categorical(probs);
  // The explanation keeps the ids and the title: a closure over the page as seen would keep it
  // alive in the explanation ring for a thousand decisions.
  const ids = page.map((s) => s.item.id);
  const query = target?.title;
  const scores = () =>
    Object.fromEntries([
      ...ids.map((id, i) => [`watch:${id}`, probs[i]]),
      ["next_page", probs[n]],
      ["leave", probs[n + 1]],
      ...(query === undefined ? [] : [[`search:${query}`, probs[n + 2]]]),
    ]);
  const label = ctx.time.label;
  if (c < n) {
    const item = page[c].item;
    // The chosen item's terms again (a pure function of the same inputs), for its reason.
    const why = reasonPhrase(item, itemUtility(page[c], inputs, cfg));
    return {
      action: { type: "watch", itemId: item.id },
      rationale: choiceText(item, why),
      memory: remembered(
        ctx,
        () =>
          `On ${label} I chose to watch <${item.title}> (${
            item.genres.join(", ")
          }) because ${why}.`,
        5,
      ),
      scores,
    };
  }
  if (c === n) {
    return {
      action: { type: "next_page" },
      rationale: "Nothing on this page appeals to me; let me see more.",
      memory: remembered(ctx, () => `On ${label} I skipped a page of recommendations.`, 1),
      scores,
    };
  }
  if (c === n + 1) {
    return {
      action: { type: "leave" },
      rationale: watched > 0 ? "I have watched enough for now." : "Nothing here appeals to me.",
      memory: remembered(ctx, () => `On ${label} I left the recommender.`, 2),
      scores,
    };
  }
  const title = target!.title;
  return {
    action: { type: "search", query: title },
    rationale: `I heard about <${title}> and want to find it.`,
    memory: remembered(
      ctx,
      () => `On ${label} I searched for <${title}>, which I had heard about.`,
      4,
    ),
    scores,
  };
}
/**
 * The item heard of most often (ties by id) that the agent has not watched, is not on the
 * page, is in the catalogue and is not what it searched for. One pass keeps the first best
 * entry, as the first of a stable sort would be, and tests an entry's conditions only when it
 * would beat the best so far: heardOf grows every round, and this runs at every page.
 */
function searchTarget(ctx: BrowseContext, lookup?: ItemLookup) {
  if (!lookup) return null;
  const heardOf = ctx.state.heardOf, watched = ctx.state.watched, page = ctx.page;
  let best: { item: Item; title: string; times: number } | null = null, bestId = "";
  for (const id in heardOf) {
    if (!Object.hasOwn(heardOf, id)) continue;
    const n = heardOf[id];
    if (!(n > 0)) continue;
    // The sort's comparison: more often first, then by id.
    if (best !== null && !(((best.times - n) || id.localeCompare(bestId)) < 0)) continue;
    if (watched.includes(id) || page.some((s) => s.item.id === id)) continue;
    const item = lookup(id);
    if (item && item.title !== ctx.query) {
      best = { item, title: item.title, times: n };
      bestId = id;
    }
  }
  return best;
}
