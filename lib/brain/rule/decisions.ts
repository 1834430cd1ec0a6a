/**
 * The rule brain's decision for each behaviour, as pure functions of the context, the
 * weights and the context's rng: multinomial logit over the options (recommender, social,
 * nothing; chat, post, nothing; browsing's in browse_rule.ts), ratings from experienced
 * utility plus noise, and templated words.
 *
 * @module
 */
import type { ChooseContext, FeelContext, InterviewContext, SocialContext } from "../context.ts";
import type { RuleConfig } from "./config.ts";
import { type ItemLookup, profileMatch, topInterests } from "./taste.ts";
import { tasteMatch } from "./taste_table.ts";
import { chatDialogue, feelingText, postText } from "./text.ts";
import { logitProbabilities } from "./utility.ts";
import { remembered, type RuleOutcome } from "./rule_outcome.ts";

export { browseRule } from "./browse_rule.ts";
export type { RuleOutcome } from "./rule_outcome.ts";
import { audienceEffect, expectedValue, ratingFromExperience } from "./belief.ts";

interface Option {
  label: string;
  utility: number;
  outcome: () => Omit<RuleOutcome, "scores">;
}

function pick(
  options: Option[],
  cfg: RuleConfig,
  ctx: { rng: { categorical(w: number[]): number } },
): RuleOutcome {
  const utilities = new Array<number>(options.length);
  for (let i = 0; i < options.length; i++) utilities[i] = options[i].utility;
  const probs = logitProbabilities(utilities, cfg.temperature);
  const chosen = options[ctx.rng.categorical(probs)].outcome();
  // The explanation ring keeps the labels alone: a closure over the options would keep each
  // option's context (the page as seen, the agent's inputs) alive for a thousand decisions.
  const labels = new Array<string>(options.length);
  for (let i = 0; i < options.length; i++) labels[i] = options[i].label;
  const scores = () => Object.fromEntries(labels.map((label, i) => [label, probs[i]]));
  return { action: chosen.action, rationale: chosen.rationale, memory: chosen.memory, scores };
}

/**
 * Recommender, social network or nothing: Watchers lean to the recommender, Chatters and
 * Posters to the social network, and unread messages pull toward it.
 *
 * @param ctx The context.
 * @param cfg The weights.
 * @returns The outcome.
 */
export function chooseRule(ctx: ChooseContext, cfg: RuleConfig): RuleOutcome {
  const f = ctx.profile.features;
  const social = ctx.hasFriends || ctx.unread > 0
    ? cfg.socialBase + (f.includes("Chatter") ? cfg.chatterSocial : 0) +
      (f.includes("Poster") ? cfg.posterSocial : 0) + cfg.inbox * Math.log1p(ctx.unread)
    : -Infinity;
  const make =
    (activity: "recommender" | "social" | "nothing", why: string): Option["outcome"] => () => ({
      action: { type: "choose", activity },
      rationale: why,
      memory: remembered(
        ctx,
        () =>
          `On ${ctx.time.label} I chose ${activity === "nothing" ? "to rest" : `the ${activity}`}.`,
        1,
      ),
    });
  return pick(
    [
      {
        label: "recommender",
        utility: cfg.recommenderBase + (f.includes("Watcher") ? cfg.watcherRecommender : 0) +
          (f.includes("Explorer") ? cfg.explorerRecommender : 0),
        outcome: make("recommender", "I feel like finding a movie to watch."),
      },
      {
        label: "social",
        utility: social,
        outcome: make(
          "social",
          ctx.unread > 0 ? "I have messages waiting for me." : "I want to talk about movies.",
        ),
      },
      {
        label: "nothing",
        utility: cfg.nothingBase,
        outcome: make("nothing", "I do not feel like doing anything now."),
      },
    ],
    cfg,
    ctx,
  );
}

/**
 * Rates a watched item from experience, never from what others said: the agent expected
 * `own + belief shift` (its taste's prediction plus what social evidence made it believe,
 * see {@link expectedValue}); it experiences `own + surprise`; the rating is
 * `3 + ratingScale·(experienced − ratingCenter)` plus disconfirmation (the experience
 * compared with the expectation) plus the audience effect of rating in public
 * ({@link audienceEffect}), plus noise, rounded to 1–5; Critics rate lower.
 *
 * @param ctx The context.
 * @param cfg The weights.
 * @returns The outcome (a feel action with a templated line).
 */
export function feelRule(ctx: FeelContext, cfg: RuleConfig): RuleOutcome {
  const { item } = ctx.item;
  const match = tasteMatch(ctx.state, item);
  const own = match + cfg.profileInterest * profileMatch(ctx.profile, item) + (item.quality - 0.5);
  const expected = expectedValue(own, ctx.item, ctx.state.conformity, cfg);
  const experienced = own + ctx.rng.normal(0, cfg.experienceNoise);
  const critic = ctx.profile.features.includes("Critic");
  const raw = ratingFromExperience(experienced, expected, cfg) +
    audienceEffect(ctx.item.avgRating, ctx.state.conformity, cfg) +
    ctx.rng.normal(0, cfg.ratingNoise) - (critic ? cfg.criticHarshness : 0);
  const rating = Math.min(5, Math.max(1, Math.round(raw)));
  const feeling = feelingText(item, rating, match, critic);
  return {
    action: { type: "feel", itemId: item.id, rating, feeling },
    rationale: feeling,
    memory: remembered(
      ctx,
      () => `On ${ctx.time.label} I watched <${item.title}> and rated it ${rating}/5. ${feeling}`,
      3 + 2 * Math.abs(rating - 3),
    ),
    scores: { expected, experienced, rating: raw },
  };
}

/**
 * Chat with the closest friend (or the friend who wrote) about the latest item, post about
 * the latest rated item, or do nothing: Chatters chat, Posters post. An item the agent was
 * asked to score in a survey (and so has a current opinion of) is the topic first, watched or
 * only heard of, so opinions travel on through friends of friends.
 *
 * @param ctx The context.
 * @param cfg The weights.
 * @param lookup Finds items the agent has an opinion of but did not watch.
 * @returns The outcome.
 */
export function socialRule(ctx: SocialContext, cfg: RuleConfig, lookup?: ItemLookup): RuleOutcome {
  const opinion = opinionTopic(ctx, lookup);
  if (opinion) ctx = { ...ctx, recent: [opinion, ...ctx.recent.filter((r) => r !== opinion)] };
  const f = ctx.profile.features;
  const friends = new Map(ctx.friends.map((fr) => [fr.id, fr]));
  const writer = [...ctx.inbox].reverse().find((m) => friends.has(m.fromId));
  const closest =
    [...ctx.friends].sort((a, b) => b.closeness - a.closeness || a.id.localeCompare(b.id))[0];
  const friend = writer ? friends.get(writer.fromId)! : closest;
  const latest = ctx.recent[0];
  const rated = ctx.recent.find((r) => r.rating !== null) ?? latest;
  const canTalk = friend !== undefined && latest !== undefined;
  return pick(
    [
      {
        label: "chat",
        utility: canTalk
          ? cfg.chatBase + (f.includes("Chatter") ? cfg.chatterChat : 0) + (writer ? cfg.reply : 0)
          : -Infinity,
        outcome: () => ({
          action: {
            type: "chat",
            friendId: friend.id,
            dialogue: chatDialogue(
              ctx.agentId,
              friend,
              latest.item,
              latest.rating,
              ctx.state.opinions?.[latest.item.id],
            ),
            itemIds: [latest.item.id],
          },
          rationale: `I want to tell ${friend.name} about <${latest.item.title}>.`,
          memory: remembered(
            ctx,
            () => `On ${ctx.time.label} I told ${friend.name} about <${latest.item.title}>.`,
            5,
          ),
        }),
      },
      {
        label: "post",
        utility: canTalk ? cfg.postBase + (f.includes("Poster") ? cfg.posterPost : 0) : -Infinity,
        outcome: () => {
          const text = postText(rated.item, rated.rating, ctx.state.opinions?.[rated.item.id]);
          return {
            action: { type: "post", text, itemIds: [rated.item.id] },
            rationale: `I want everyone to know what I think of <${rated.item.title}>.`,
            memory: remembered(ctx, () => `On ${ctx.time.label} I posted: ${text}`, 5),
          };
        },
      },
      {
        label: "nothing",
        utility: cfg.socialNothing,
        outcome: () => ({
          action: { type: "nothing" },
          rationale: "I have nothing to share right now.",
          memory: null,
        }),
      },
    ],
    cfg,
    ctx,
  );
}

/**
 * A structured summary (the rule brain does not interpret questions): who the agent is, what
 * it watched recently with its ratings, and its strongest current interests.
 *
 * @param ctx The context.
 * @param lookup Finds items by id (titles of watched items when the context has no recent list).
 * @returns The outcome (an answer action).
 */
export function interviewRule(ctx: InterviewContext, lookup?: ItemLookup): RuleOutcome {
  const p = ctx.profile;
  const recent = ctx.recent.length > 0
    ? ctx.recent.slice(0, 5).map((r) => ({ title: r.item.title, rating: r.rating }))
    : ctx.state.watched.slice(-5).reverse().map((id) => ({
      title: lookup?.(id)?.title ?? id,
      rating: ctx.state.ratings[id] ?? null,
    }));
  const watched = recent.length
    ? recent.map((r) => `<${r.title}> (${r.rating === null ? "not rated" : `${r.rating}/5`})`).join(
      ", ",
    )
    : "nothing yet";
  const top = topInterests(ctx.state, 3).map((t) => `${t.genre} ${Math.round(t.weight * 100)}%`);
  const text = [
    `I am ${p.name}, ${p.age}${p.career ? `, ${p.career}` : ""}.`,
    `My profile interests: ${p.interests.join(", ") || "none given"}.`,
    `Recently I watched: ${watched}.`,
    `My strongest interests now: ${top.join(", ") || "none yet"}.`,
  ].join(" ");
  return {
    action: { type: "answer", text },
    rationale: "A summary of my profile, recent movies and current interests.",
    memory: remembered(ctx, () => `On ${ctx.time.label} I was interviewed.`, 3),
    scores: Object.fromEntries(topInterests(ctx.state, 3).map((t) => [t.genre, t.weight])),
  };
}

/** The item of the agent's latest survey opinion, as a recent entry (null without opinions). */
function opinionTopic(
  ctx: SocialContext,
  lookup?: ItemLookup,
): SocialContext["recent"][number] | null {
  const ids = Object.keys(ctx.state.opinions ?? {});
  if (ids.length === 0) return null;
  const inRecent = ctx.recent.find((r) => ids.includes(r.item.id));
  if (inRecent) return inRecent;
  const item = lookup?.(ids[ids.length - 1]);
  return item ? { item, rating: ctx.state.ratings[item.id] ?? null } : null;
}
