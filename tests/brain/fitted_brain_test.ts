import { FEATURE_NAMES } from "@lib/brain/fitted/features.ts";
import assert from "node:assert/strict";
import { createBrain } from "@lib/brain/factory.ts";
import type { DecisionContext } from "@lib/brain/context.ts";
import { Rng } from "@lib/core/rng.ts";
import { fitOnMovieLens } from "@lib/eval/fitted_log.ts";
import { readSelectionData } from "@lib/eval/selection_data.ts";
import { writeSyntheticMovieLens } from "@lib/eval/synthetic_movielens.ts";

const dir = await Deno.makeTempDir({ prefix: "socius-fitted-brain-" });
await writeSyntheticMovieLens(dir, "ml-100k", {
  users: 120,
  items: 200,
  medianRatings: 35,
  seed: 21,
});
const data = await readSelectionData(dir, "ml-100k");
const model = fitOnMovieLens(data);
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

function context(extra: Record<string, unknown>, i: number): DecisionContext {
  const user = [...data.byUser.values()][i % 50];
  const watched = user.slice(0, 20).map((r) => r.itemId);
  return {
    agentId: `a${i}`,
    callSite: `${i}`,
    memories: [],
    rng: new Rng(i),
    time: { round: 0, iso: "", label: "today" },
    profile: {
      id: `a${i}`,
      name: "A",
      gender: "female",
      age: 30,
      traits: [],
      career: "",
      interests: [],
      features: [],
      extras: {},
    },
    state: {
      genreWeights: {},
      watched,
      ratings: Object.fromEntries(user.slice(0, 20).map((r) => [r.itemId, r.rating])),
      heardOf: {},
      conformity: 0,
      busyRounds: 0,
    },
    ...extra,
  } as unknown as DecisionContext;
}

Deno.test("the fitted choice model is a brain: configured by kind, named as such, its weights fitted by maximum likelihood", async () => {
  const brain = await createBrain({ kind: "fitted" }, {
    fitted: model,
    items: (id) => data.catalog.get(id),
  });
  assert.equal(brain.kind, "fitted");
  assert.match(brain.name, /^fitted choice model \(fitted on ml-100k, 120 users/);
  assert.equal(model.fit.weights.length, FEATURE_NAMES.length);
  assert.ok(model.fit.iterations > 0 && Number.isFinite(model.fit.logLik));
  await assert.rejects(createBrain({ kind: "fitted" }), /needs a FittedModel/);
});

Deno.test("browsing watches a page item or moves on, drawn from the fitted logit with its no-choice option", async () => {
  const brain = await createBrain({ kind: "fitted" }, { fitted: model });
  const page = data.catalog.ids().slice(0, 200).map((id) => data.catalog.get(id)!);
  let watched = 0, next = 0, leave = 0;
  for (let i = 0; i < 100; i++) {
    const d = await brain.decide(context({
      behaviour: "browse",
      page: page.slice((i * 5) % 190, (i * 5) % 190 + 5).map((item) => ({
        item,
        friendsWatched: 0,
        mentions: 0,
        avgRating: null,
      })),
      pageIndex: i % 3,
      query: null,
      watchedThisSession: [],
    }, i));
    assert.equal(d.brain, "fitted");
    if (d.action.type === "watch") watched++;
    else if (d.action.type === "next_page") next++;
    else leave++;
  }
  assert.ok(watched > 0 && next + leave > 0, `${watched}/${next}/${leave}`);
});

Deno.test("ratings vary around the calibrated prediction on the 1–5 scale; other behaviours are delegated", async () => {
  const brain = await createBrain({ kind: "fitted" }, { fitted: model });
  const stars = new Set<number>();
  for (let i = 0; i < 60; i++) {
    const item = data.catalog.get(data.catalog.ids()[50 + i])!;
    const d = await brain.decide(
      context({
        behaviour: "feel",
        item: { item, friendsWatched: 0, mentions: 0, avgRating: null },
      }, i),
    );
    assert.equal(d.action.type, "feel");
    if (d.action.type === "feel") {
      assert.ok(d.action.rating >= 1 && d.action.rating <= 5);
      stars.add(d.action.rating);
    }
  }
  assert.ok(stars.size >= 3, "ratings are spread like real ones");
  assert.ok(model.ratingSd > 0.3 && model.ratingSd < 2);
  const social = await brain.decide(
    context({ behaviour: "choose", unread: 0, hasFriends: false }, 1),
  );
  assert.equal(social.brain, "rule");
});
