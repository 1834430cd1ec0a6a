import assert from "node:assert/strict";
import {
  canonicalGenre,
  canonicalTaste,
  canonicalWeights,
  normalised,
} from "@lib/brain/rule/taste.ts";
import { itemUtility, logitProbabilities } from "@lib/brain/rule/utility.ts";
import {
  driftInterests,
  initialGenreWeights,
  interview,
  RULE_BRAIN_NAME,
  RuleBrain,
} from "@lib/brain/mod.ts";
import type { BrowseContext, DecisionContext } from "@lib/brain/context.ts";
import { Rng } from "@lib/core/rng.ts";
import {
  browseCtx,
  chooseCtx,
  feelCtx,
  interviewCtx,
  item,
  profile,
  seen,
  socialCtx,
  state,
} from "./contexts.ts";

const brain = new RuleBrain();
const N = 400;

async function shares(make: (seed: number) => DecisionContext, label: (a: string) => string) {
  const counts: Record<string, number> = {};
  for (let s = 0; s < N; s++) {
    const d = await brain.decide(make(s));
    const a = d.action;
    const k = label(a.type === "watch" ? `watch:${a.itemId}` : a.type);
    counts[k] = (counts[k] ?? 0) + 1 / N;
  }
  return counts;
}
const id = (k: string) => k;

Deno.test("the rule brain is named as the RecSim-style choice model", () => {
  assert.equal(brain.name, "rule (RecSim-style choice model)");
  assert.equal(RULE_BRAIN_NAME, brain.name);
  assert.equal(brain.kind, "rule");
});

Deno.test("browsing prefers items matching the agent's interests", async () => {
  const s = await shares((seed) => browseCtx({}, seed), id);
  const scifi = s["watch:m1"] ?? 0, thriller = s["watch:m4"] ?? 0;
  for (const other of ["watch:m2", "watch:m3", "watch:m5"]) {
    assert.ok(scifi > 2 * (s[other] ?? 0), `${other}: ${JSON.stringify(s)}`);
    assert.ok(thriller > (s[other] ?? 0), `${other}: ${JSON.stringify(s)}`);
  }
});

Deno.test("conformity raises the choice of items friends watched", async () => {
  const page = [
    seen(item("p", ["Drama"]), { friendsWatched: 6, mentions: 3, avgRating: 4.5 }),
    seen(item("q", ["Drama"])),
  ];
  const make = (conformity: number) => (seed: number): BrowseContext =>
    browseCtx({ page, state: state({ conformity }) }, seed);
  const low = (await shares(make(0), id))["watch:p"] ?? 0;
  const high = (await shares(make(1), id))["watch:p"] ?? 0;
  assert.ok(high > low + 0.15, `conformity 0: ${low}, conformity 1: ${high}`);
});

Deno.test("the more the agent watched this session, the more it leaves", async () => {
  const leave = async (watched: string[]) =>
    (await shares((seed) => browseCtx({ watchedThisSession: watched }, seed), id)).leave ?? 0;
  const fresh = await leave([]);
  const tired = await leave(["x1", "x2", "x3"]);
  assert.ok(tired > fresh + 0.3, `fresh ${fresh}, after 3 watched ${tired}`);
});

Deno.test("an explorer who heard of an unwatched item searches for it", async () => {
  const catalog = new Map([["h1", item("h1", ["Sci-Fi"], { title: "Solaris" })]]);
  const explorer = new RuleBrain({ items: (i) => catalog.get(i) });
  let searched = 0;
  for (let s = 0; s < 100; s++) {
    const d = await explorer.decide(browseCtx({
      profile: profile({ features: ["Explorer"] }),
      state: state({ heardOf: { h1: 5 } }),
    }, s));
    if (d.action.type === "search") {
      assert.equal(d.action.query, "Solaris");
      searched++;
    }
  }
  assert.ok(searched > 10, `searched ${searched}/100`);
  let plain = 0;
  for (let s = 0; s < 100; s++) {
    const d = await explorer.decide(browseCtx({ profile: profile({ features: ["Explorer"] }) }, s));
    if (d.action.type === "search") plain++;
  }
  assert.equal(plain, 0, "nothing heard of, nothing to search for");
});

Deno.test("decisions are deterministic given the context's rng", async () => {
  const run = async () => {
    const out = [];
    for (const make of [chooseCtx, browseCtx, feelCtx, socialCtx, interviewCtx]) {
      for (let s = 0; s < 20; s++) {
        out.push((await new RuleBrain().decide(make({}, `seed-${s}`))).action);
      }
    }
    return out;
  };
  assert.deepEqual(await run(), await run());
});

Deno.test("ratings rise with interest match", async () => {
  const xs: number[] = [], ys: number[] = [];
  const genres = ["Sci-Fi", "Thriller", "Comedy", "Romance", "Documentary", "Western"];
  const rng = new Rng("items");
  for (let s = 0; s < 300; s++) {
    const g = genres[s % genres.length];
    const it = item(`r${s}`, [g], { quality: rng.uniform(0.3, 0.8) });
    const ctx = feelCtx({ item: seen(it), profile: profile({ features: [] }) }, s);
    const d = await brain.decide(ctx);
    assert.equal(d.action.type, "feel");
    if (d.action.type !== "feel") continue;
    assert.match(d.action.feeling, new RegExp(`<${it.title}>`));
    xs.push(ctx.state.genreWeights[g] ?? 0);
    ys.push(d.action.rating);
  }
  assert.ok(pearson(xs, ys) > 0.5, `r = ${pearson(xs, ys)}`);
});

Deno.test("Watchers go to the recommender, Chatters and unread messages to the social network", async () => {
  const activity = async (features: ("Watcher" | "Chatter" | "Poster")[], unread: number) =>
    (await shares(
      (seed) => chooseCtx({ profile: profile({ features }), unread }, seed),
      id,
    )).choose ?? 0;
  const social = async (features: ("Watcher" | "Chatter" | "Poster")[], unread: number) => {
    let n = 0;
    for (let s = 0; s < N; s++) {
      const d = await brain.decide(chooseCtx({ profile: profile({ features }), unread }, s));
      if (d.action.type === "choose" && d.action.activity === "social") n += 1 / N;
    }
    return n;
  };
  assert.ok(Math.abs(await activity(["Watcher"], 0) - 1) < 1e-9, "every choose decision chooses");
  const watcher = await social(["Watcher"], 0);
  const chatter = await social(["Chatter"], 0);
  const chatterInbox = await social(["Chatter"], 10);
  assert.ok(chatter > watcher + 0.2, `watcher ${watcher}, chatter ${chatter}`);
  assert.ok(chatterInbox > chatter, `chatter ${chatter}, with inbox ${chatterInbox}`);
});

Deno.test("Chatters chat with the friend who wrote, Posters post about a rated item, naming it", async () => {
  let chats = 0, posts = 0;
  for (let s = 0; s < 100; s++) {
    const c = await brain.decide(socialCtx({ profile: profile({ features: ["Chatter"] }) }, s));
    if (c.action.type === "chat") {
      chats++;
      assert.equal(c.action.friendId, "f1");
      assert.deepEqual(c.action.itemIds, ["m1"]);
      assert.ok(c.action.dialogue.every((l) => ["a1", "f1"].includes(l.speaker)));
      assert.match(c.action.dialogue[0].text, /<Alien>/);
    }
    const p = await brain.decide(
      socialCtx({ profile: profile({ features: ["Poster"] }), inbox: [] }, s),
    );
    if (p.action.type === "post") {
      posts++;
      assert.match(p.action.text, /<Alien> and gave it 5\/5/);
    }
  }
  assert.ok(chats > 50 && posts > 50, `chats ${chats}, posts ${posts}`);
});

Deno.test("the rule brain answers interviews with profile, recent ratings and top interests", async () => {
  const { answer, decision } = await interview(brain, interviewCtx());
  assert.equal(decision.brain, "rule");
  assert.match(answer, /I am David Smith, 25, photographer\./);
  assert.match(answer, /Recently I watched: <Alien> \(5\/5\)/);
  assert.match(answer, /My strongest interests now: Sci-Fi 50%, Thriller 40%/);
});

Deno.test("the rule brain explains its last decision with option probabilities", async () => {
  const b = new RuleBrain();
  const ctx = browseCtx();
  await b.decide(ctx);
  const e = b.explainLast("a1")!;
  assert.equal(e.callSite, ctx.callSite);
  const total = Object.values(e.scores!).reduce((a, x) => a + x, 0);
  assert.ok(Math.abs(total - 1) < 1e-9);
  assert.ok("leave" in e.scores! && "next_page" in e.scores! && "watch:m1" in e.scores!);
});

Deno.test("drift moves weights toward consumed genres, further for liked items, and normalises", () => {
  const start = () => state({ genreWeights: { "Sci-Fi": 0.8, Comedy: 0.2 } });
  const liked = start(), disliked = start();
  const comedy = item("c", ["Comedy", "Children's"]);
  driftInterests(liked, comedy, 5, 0.2);
  driftInterests(disliked, comedy, 1, 0.2);
  assert.ok(liked.genreWeights.Comedy > disliked.genreWeights.Comedy);
  assert.ok(disliked.genreWeights.Comedy > 0.2 / 1.0 * 0.8 * 1.0 - 1e-9);
  assert.ok(liked.genreWeights.Family > 0, "Children's lands on the canonical Family genre");
  assert.ok(liked.genreWeights["Sci-Fi"] < 0.8);
  const sum = Object.values(liked.genreWeights).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9);
  const still = start();
  driftInterests(still, comedy, 5, 0);
  assert.deepEqual(still.genreWeights, { "Sci-Fi": 0.8, Comedy: 0.2 });
});

Deno.test("repeated consumption of one genre narrows the taste toward it", () => {
  const s = state({
    genreWeights: initialGenreWeights({ interests: ["sci-fi movies", "comedy movies"] }),
  });
  const before = s.genreWeights["Sci-Fi"];
  for (let i = 0; i < 20; i++) driftInterests(s, item(`s${i}`, ["Sci-Fi"]), 4, 0.1);
  assert.ok(s.genreWeights["Sci-Fi"] > before + 0.3);
  assert.ok(s.genreWeights.Comedy < s.genreWeights["Sci-Fi"] / 3);
});

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length, my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

Deno.test("with belief and audience off, what others rated changes no rating", () => {
  const b = new RuleBrain({ config: { social: 0, audience: 0 } });
  for (let i = 0; i < 50; i++) {
    const lo = b.decideNow(feelCtx({ item: seen(item("m1", ["Sci-Fi"]), { avgRating: 1 }) }, i));
    const hi = b.decideNow(feelCtx({ item: seen(item("m1", ["Sci-Fi"]), { avgRating: 5 }) }, i));
    assert.deepEqual(lo.action, hi.action);
  }
});

Deno.test("a high visible average lowers a private-minded agent's rating (disappointment) and raises it only through the audience effect", () => {
  const beliefOnly = new RuleBrain({ config: { audience: 0 } });
  const audienceOnly = new RuleBrain({ config: { social: 0 } });
  const ratingOf = (b: RuleBrain, avg: number, seed: number) => {
    const d = b.decideNow(
      feelCtx({ item: seen(item("m1", ["Sci-Fi"]), { avgRating: avg }) }, seed),
    );
    return d.action.type === "feel" ? d.action.rating : NaN;
  };
  let beliefSum = 0, audienceSum = 0;
  for (let i = 0; i < N; i++) {
    beliefSum += ratingOf(beliefOnly, 5, i) - ratingOf(beliefOnly, 1, i);
    audienceSum += ratingOf(audienceOnly, 5, i) - ratingOf(audienceOnly, 1, i);
  }
  assert.ok(beliefSum < 0, `belief only: ${beliefSum}`);
  assert.ok(audienceSum > 0, `audience only: ${audienceSum}`);
});

Deno.test("the canonical taste of weights on canonical keys reads them as given, and the rest as canonicalWeights does", () => {
  const canonical = { "Sci-Fi": 0.5, Comedy: 0.25, Drama: -0 };
  assert.equal(canonicalTaste({ genreWeights: canonical }).weights, canonical);
  assert.equal(canonicalTaste({ genreWeights: canonical }).max, 0.5);
  for (
    const weights of [
      { "Children's": 0.2, Family: 0.3, Drama: 0.5 }, // two labels meet on Family
      { Comedy: -0.4, Drama: 0.6 }, // a negative weight is clipped
      Object.assign(Object.create({ Horror: 9 }), { Drama: 1 }), // inherited keys do not count
    ]
  ) {
    const taste = canonicalTaste({ genreWeights: weights });
    assert.deepEqual(taste.weights, canonicalWeights(weights));
    assert.equal(taste.max, Math.max(0, ...Object.values(canonicalWeights(weights))));
  }
});

Deno.test("logit probabilities are the array methods' numbers, bit for bit", () => {
  const reference = (us: number[], temperature: number) => {
    const max = Math.max(...us.filter(Number.isFinite));
    if (!Number.isFinite(max)) return us.map(() => 1 / us.length);
    const e = us.map((u) => Number.isFinite(u) ? Math.exp((u - max) / temperature) : 0);
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / total);
  };
  const rng = new Rng(5);
  const cases: number[][] = [[], [-Infinity, -Infinity], [0, -0], [-0, 0, NaN], [1, Infinity]];
  for (let k = 0; k < 300; k++) {
    cases.push(Array.from({ length: 1 + rng.int(8) }, () => {
      const r = rng.next();
      return r < 0.1 ? -Infinity : r < 0.15 ? -0 : rng.normal(0, 1 + rng.int(40));
    }));
  }
  for (const us of cases) {
    for (const temperature of [1, 0.37, 3]) {
      const got = logitProbabilities(us, temperature), want = reference(us, temperature);
      assert.equal(got.length, want.length);
      for (let i = 0; i < want.length; i++) assert.ok(Object.is(got[i], want[i]), `${us} @${i}`);
    }
  }
});

Deno.test("drift gives normalised()'s weights of the scaled and shifted copy, bit for bit and in key order", () => {
  const rng = new Rng("drift-reference");
  const keys = ["Sci-Fi", "Comedy", "Children's", "Drama", "Film-Noir", "Horror", "my own genre"];
  for (let trial = 0; trial < 300; trial++) {
    const weights: Record<string, number> = {};
    for (const k of keys) {
      const r = rng.next();
      if (r < 0.3) continue;
      weights[k] = r < 0.35 ? 0 : r < 0.4 ? -0.1 : rng.next() * 10 ** -rng.int(4);
    }
    const it = item("x", [keys[rng.int(keys.length)], keys[rng.int(keys.length)]]);
    const rating = rng.int(7), rate = rng.next() < 0.1 ? 0 : rng.next();
    // The former computation: a copy scaled by 1 − s, the item's genres shifted up, normalised().
    const r = Math.min(5, Math.max(1, rating));
    const s = Math.min(1, Math.max(0, rate)) * (0.25 + 0.75 * (r - 1) / 4);
    const scaled = normalised(canonicalWeights(weights));
    for (const g in scaled) scaled[g] *= 1 - s;
    const gs = [...new Set(it.genres.map(canonicalGenre))];
    if (s > 0) { for (const g of gs) scaled[g] = (scaled[g] ?? 0) + s / gs.length; }
    const want = normalised(scaled);
    const st = state({ genreWeights: { ...weights } });
    const got = driftInterests(st, it, rating, rate);
    assert.deepEqual(Object.keys(got), Object.keys(want), `trial ${trial}`);
    for (const k in want) assert.ok(Object.is(got[k], want[k]), `trial ${trial}: ${k}`);
    assert.equal(st.genreWeights, got);
  }
});

Deno.test("a browse explanation lists the options in order, a search last, and each is chosen as often as it says", async () => {
  const catalog = new Map([["h1", item("h1", ["Sci-Fi"], { title: "Solaris" })]]);
  const explorer = new RuleBrain({ items: (i) => catalog.get(i) });
  const counts: Record<string, number> = {};
  let scores: Record<string, number> = {};
  const n = 2000;
  for (let s = 0; s < n; s++) {
    const ctx = browseCtx({
      profile: profile({ features: ["Explorer"] }),
      state: state({ heardOf: { h1: 5 } }),
    }, s);
    const { action } = await explorer.decide(ctx);
    const label = action.type === "watch"
      ? `watch:${action.itemId}`
      : action.type === "search"
      ? `search:${action.query}`
      : action.type;
    counts[label] = (counts[label] ?? 0) + 1;
    scores = explorer.explain(ctx.callSite)!.scores!;
  }
  assert.deepEqual(Object.keys(scores), [
    "watch:m1",
    "watch:m2",
    "watch:m3",
    "watch:m4",
    "watch:m5",
    "next_page",
    "leave",
    "search:Solaris",
  ]);
  // Every seed sees the same options with the same probabilities.
  for (const [label, p] of Object.entries(scores)) {
    const seenShare = (counts[label] ?? 0) / n;
    assert.ok(
      Math.abs(seenShare - p) < 4 * Math.sqrt(p * (1 - p) / n) + 1e-3,
      `${label}: ${seenShare} vs ${p}`,
    );
  }
});

Deno.test("the rule brain writes no memory for an agent that keeps none, and the same decision otherwise", async () => {
  for (const make of [browseCtx, chooseCtx, feelCtx, socialCtx] as const) {
    const kept = await brain.decide(make({}, 7));
    const forgotten = await brain.decide({ ...make({}, 7), remembers: false });
    assert.ok(kept.memory !== null && kept.memory.text.startsWith("On "), make.name);
    assert.equal(forgotten.memory, null, make.name);
    assert.deepEqual({ ...forgotten, memory: kept.memory }, kept, make.name);
  }
});

Deno.test("itemUtility fills the terms it is given with what it returns fresh", () => {
  const ctx = browseCtx({ profile: profile({ features: ["Critic", "Explorer", "Watcher"] }) });
  const inputs = { profile: ctx.profile, state: ctx.state, shares: { "Sci-Fi": 0.5 } };
  const out = { interest: 9, quality: 9, social: 9, novelty: 9, rewatch: 9, total: 9 };
  for (const s of ctx.page) {
    const fresh = itemUtility(s, inputs, brain.config);
    assert.equal(itemUtility(s, inputs, brain.config, out), out);
    assert.deepEqual(out, fresh);
  }
});
