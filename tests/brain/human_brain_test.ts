import assert from "node:assert/strict";
import { HumanBrain, HumanSeat } from "@lib/brain/mod.ts";
import { browseCtx, socialCtx } from "./contexts.ts";

Deno.test("a person who does not answer in time gets the fallback action", async () => {
  let aborted = false;
  const brain = new HumanBrain(
    (_ctx, signal) => new Promise(() => signal.addEventListener("abort", () => aborted = true)),
    { timeoutMs: 20 },
  );
  const d = await brain.decide(browseCtx());
  assert.deepEqual(d.action, { type: "leave" });
  assert.match(d.failure!, /no answer within 20 ms/);
  assert.ok(aborted, "the callback is told to stop waiting");
});

Deno.test("an invalid action from a person is rejected with the fallback", async () => {
  const answers: unknown[] = [
    { type: "watch", itemId: "not-on-page" },
    { type: "watch" },
    { type: "chat", friendId: "f1", dialogue: [{ speaker: "a1", text: "hi" }], itemIds: [] },
  ];
  for (const answer of answers) {
    const d = await new HumanBrain(() => Promise.resolve(answer)).decide(browseCtx());
    assert.deepEqual(d.action, { type: "leave" });
    assert.ok(d.failure?.startsWith("human: "), JSON.stringify(d));
    assert.equal(d.brain, "human");
  }
});

Deno.test("a valid action from a person is taken and remembered", async () => {
  const d = await new HumanBrain(() => Promise.resolve({ type: "watch", itemId: "m4" })).decide(
    browseCtx(),
  );
  assert.deepEqual(d.action, { type: "watch", itemId: "m4" });
  assert.equal(d.failure, null);
  assert.match(d.memory!.text, /I chose to watch <Heat>/);
});

Deno.test("a seat queues decisions, refuses bad answers and keeps waiting", async () => {
  const seat = new HumanSeat({ timeoutMs: 5_000 });
  assert.equal(seat.pending(), null);
  const ctx = socialCtx();
  const pending = seat.brain.decide(ctx);
  assert.equal(seat.pending(), ctx);
  const refused = seat.answer({
    type: "chat",
    friendId: "stranger",
    dialogue: [{ speaker: "a1", text: "hi" }],
    itemIds: [],
  });
  assert.equal(refused.ok, false);
  assert.equal(seat.waiting, 1);
  assert.ok(seat.answer({ type: "post", text: "Loved <Alien>", itemIds: ["m1"] }).ok);
  assert.deepEqual((await pending).action, {
    type: "post",
    text: "Loved <Alien>",
    itemIds: ["m1"],
  });
  assert.equal(seat.waiting, 0);
});

Deno.test("an unanswered seat times out to the fallback and leaves the queue", async () => {
  const seat = new HumanSeat({ timeoutMs: 10 });
  const d = await seat.brain.decide(socialCtx());
  assert.deepEqual(d.action, { type: "nothing" });
  assert.equal(seat.pending(), null);
  assert.equal(seat.answer({ type: "nothing" }).ok, false);
});
