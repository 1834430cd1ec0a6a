import assert from "node:assert/strict";
import {
  buildTask,
  heldOutPairs,
  readSelectionData,
  trainingCatalog,
} from "@lib/eval/selection_data.ts";
import { runSelection } from "@lib/eval/selection_run.ts";
import { createSelector } from "@lib/eval/selectors.ts";
import { CANDIDATES_HEADER } from "@lib/eval/selection_prompt.ts";
import type { Item } from "@lib/recsys/item.ts";
import type { ChatMessage } from "@lib/llm/types.ts";
import { Rng } from "@lib/core/rng.ts";
import { FIXTURE, ScriptedLlm } from "./helpers.ts";

const data = await readSelectionData(FIXTURE, "ml-100k");

/** Held-out items (ground truth and negatives) named in a text, as <Title> or as a title. */
function leaked(text: string, items: readonly Item[]): string[] {
  return items.filter((i) => text.includes(`<${i.title}>`) || text.includes(i.title)).map((i) =>
    i.title
  );
}

/** The prompt with its candidate section removed. */
function beforeCandidates(messages: readonly ChatMessage[]): string {
  return messages.map((m) => m.content.split(CANDIDATES_HEADER)[0]).join("\n");
}

Deno.test("the leak check flags a held-out title planted in a memory or prompt", () => {
  const item = data.catalog.get("1")!;
  assert.deepEqual(leaked(`I watched <${item.title}> and rated it 5 out of 5.`, [item]), [
    item.title,
  ]);
  assert.deepEqual(leaked("I watched nothing", [item]), []);
});

Deno.test("ground truth and negatives never reach the profile, the state, the memory or the prompt outside the candidate list", async () => {
  const llm = new ScriptedLlm((req) => ({
    picks: Array.from(
      { length: Number(/Pick exactly (\d+)/.exec(req.messages[1].content)![1]) },
      (_, i) => i + 1,
    ),
    reason: "ok",
  }));
  let checked = 0;
  await runSelection(data, {
    selectors: ["random", "popular", "embedding", "rule", "llm"].map((id) =>
      createSelector(id, { llm })
    ),
    users: 6,
    seeds: 2,
    pairs: [[1, 5], [3, 6]],
    onPick: ({ task, agent, brain, pick }) => {
      const held = task.candidates; // truth and negatives alike
      const heldIds = new Set(held.map((c) => c.id));
      assert.deepEqual(leaked(JSON.stringify(agent.profile), held), [], "profile");
      assert.deepEqual(Object.keys(agent.profile).sort(), [
        "age",
        "career",
        "extras",
        "features",
        "gender",
        "id",
        "interests",
        "name",
        "traits",
      ]);
      assert.deepEqual([agent.profile.interests, agent.profile.traits, agent.profile.features], [
        [],
        [],
        [],
      ]);
      assert.ok(agent.state.watched.every((id) => !heldIds.has(id)), "state.watched");
      assert.ok(Object.keys(agent.state.ratings).every((id) => !heldIds.has(id)), "state.ratings");
      assert.ok(task.history.every((e) => !heldIds.has(e.item.id)), "history");
      for (const r of agent.memory?.rows(agent.now) ?? []) {
        assert.deepEqual(leaked(r.text, held), [], `memory: ${r.text}`);
      }
      if (brain === "llm") {
        assert.ok(pick.messages && pick.messages.length === 2);
        assert.deepEqual(leaked(beforeCandidates(pick.messages), held), [], "prompt");
        const listed = pick.messages[1].content.split(CANDIDATES_HEADER)[1];
        assert.equal(leaked(listed, held).length, held.length, "every candidate is listed");
        assert.doesNotMatch(listed, /rating|ratings|popular/i, "no statistics next to candidates");
      }
      assert.equal(pick.picked.length, task.a);
      checked++;
    },
  });
  assert.equal(checked, 5 * 6 * 2 * 2);
  assert.equal(llm.requests.length, 6 * 2 * 2);
});

Deno.test("the ground truth is each user's last a items by time and the history is everything before", async () => {
  const raw = (await Deno.readTextFile(`${FIXTURE}/u.data`)).trim().split("\n").map((l) =>
    l.split("\t")
  )
    .filter((f) => f[0] === "3").sort((x, y) => Number(x[3]) - Number(y[3]));
  const catalog = trainingCatalog(data, heldOutPairs(data, ["3"], 3));
  const task = buildTask(data, "3", 3, 6, catalog, "uniform", new Rng(4));
  assert.deepEqual(task.truth, raw.slice(-3).map((f) => f[1]));
  assert.deepEqual(task.history.map((e) => e.item.id), raw.slice(0, -3).map((f) => f[1]));
  assert.equal(task.candidates.length, 9);
  const rated = new Set(raw.map((f) => f[1]));
  const negatives = task.candidates.filter((c) => !task.truth.includes(c.id));
  assert.equal(negatives.length, 6);
  assert.ok(negatives.every((c) => !rated.has(c.id)), "negatives are items the user never rated");
});

Deno.test("catalogue statistics the agents see leave out the held-out ratings", () => {
  const held = heldOutPairs(data, ["3"], 1);
  const [pair] = [...held];
  const itemId = pair.split(":")[1];
  const full = data.catalog.get(itemId)!.popularity;
  const train = trainingCatalog(data, held).get(itemId)!;
  assert.equal(train.popularity, full - 1);
  assert.match(train.description, new RegExp(`from ${full - 1} ratings`));
});

Deno.test("popularity-matched negatives sit closer to the truth's popularity than uniform ones", () => {
  const users = [...data.byUser.keys()];
  const catalog = trainingCatalog(data, heldOutPairs(data, users, 1));
  let uniform = 0, matched = 0;
  for (const u of users) {
    for (
      const [mode, add] of [["uniform", (d: number) => (uniform += d)], [
        "popularity",
        (d: number) => (matched += d),
      ]] as const
    ) {
      const t = buildTask(data, u, 1, 5, catalog, mode, new Rng(`n:${u}`));
      const target = catalog.get(t.truth[0])!.popularity;
      for (const c of t.candidates) if (c.id !== t.truth[0]) add(Math.abs(c.popularity - target));
    }
  }
  assert.ok(matched < uniform, `matched ${matched} vs uniform ${uniform}`);
});

Deno.test("the same seed gives the same table", async () => {
  const run = () =>
    runSelection(data, {
      selectors: [createSelector("rule"), createSelector("embedding")],
      users: 5,
      seeds: 2,
      pairs: [[1, 5]],
    });
  assert.deepEqual((await run()).cells, (await run()).cells);
});
