import assert from "node:assert/strict";
import { EmbeddingBrain } from "@lib/brain/mod.ts";
import { browseCtx, feelCtx, item, seen, state } from "./contexts.ts";

const history = [
  item("h1", ["Sci-Fi"], {
    title: "Alien",
    description: "A crew in deep space meets a deadly alien.",
  }),
  item("h2", ["Sci-Fi"], {
    title: "Aliens",
    description: "Marines fight aliens on a space colony.",
  }),
];
const catalog = new Map(history.map((i) => [i.id, i]));
const page = [
  seen(
    item("c1", ["Romance"], {
      title: "Notting Hill",
      description: "A bookseller falls in love in London.",
    }),
  ),
  seen(
    item("c2", ["Sci-Fi"], {
      title: "Event Horizon",
      description: "A rescue crew in deep space finds a ship.",
    }),
  ),
  seen(
    item("c3", ["Comedy"], {
      title: "Airplane!",
      description: "A pilot panics on a comic flight.",
    }),
  ),
];

Deno.test("the embedding brain watches the page item most similar to the history", async () => {
  const brain = new EmbeddingBrain({ items: (id) => catalog.get(id) });
  const d = await brain.decide(browseCtx({ page, state: state({ watched: ["h1", "h2"] }) }));
  assert.deepEqual(d.action, { type: "watch", itemId: "c2" });
  assert.equal(d.brain, "embedding");
  assert.equal(d.calls, 0);
  const scores = brain.explainLast("a1")!.scores!;
  assert.ok(scores["watch:c2"] > scores["watch:c1"] && scores["watch:c2"] > scores["watch:c3"]);
});

Deno.test("below the threshold it asks for the next page, and leaves after the last page", async () => {
  const brain = new EmbeddingBrain({
    items: (id) => catalog.get(id),
    threshold: 0.99,
    maxPages: 2,
  });
  const ctx = browseCtx({ page, state: state({ watched: ["h1"] }) });
  assert.deepEqual((await brain.decide(ctx)).action, { type: "next_page" });
  assert.deepEqual((await brain.decide({ ...ctx, pageIndex: 1 })).action, { type: "leave" });
});

Deno.test("scoreItems ranks candidates by similarity to the mean history", async () => {
  const brain = new EmbeddingBrain();
  const scores = await brain.scoreItems(history, page.map((s) => s.item));
  assert.equal(scores.indexOf(Math.max(...scores)), 1);
});

Deno.test("other behaviours are decided by the rule brain, and say so", async () => {
  const brain = new EmbeddingBrain();
  const d = await brain.decide(feelCtx());
  assert.equal(d.action.type, "feel");
  assert.equal(d.brain, "rule");
  assert.match(
    brain.name,
    /embedding baseline .*other behaviours: rule \(RecSim-style choice model\)/,
  );
});
