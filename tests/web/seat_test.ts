import assert from "node:assert/strict";
import type { SeatView } from "@lib/web/mod.ts";
import { get, post, until, withDashboard } from "./helpers.ts";

async function pendingOf(origin: string, agent: string): Promise<SeatView> {
  for (;;) {
    const r = await get(origin, `/api/seat/${agent}`);
    if (r.data.pending) return r.data.pending as unknown as SeatView;
    await new Promise((res) => setTimeout(res, 10));
  }
}

Deno.test("a person seated as a new user chats with a friend, who answers through its own brain", async () => {
  await withDashboard(async ({ server, session }) => {
    const o = server.origin;
    const seat = await post(o, "/api/seat", { mode: "new", name: "Sam", interests: ["comedies"] });
    assert.equal(seat.status, 200);
    const me = seat.data.agent as string;
    assert.equal(me, "human-1");
    assert.deepEqual((await get(o, "/api/status")).data.seats, [me]);
    const round = post(o, "/api/step", {});

    const choose = await pendingOf(o, me);
    assert.equal(choose.behaviour, "choose");
    assert.ok(!JSON.stringify(choose).includes('"rng"'));
    const wrong = await post(o, `/api/seat/${me}/answer`, { move: { type: "leave" } });
    assert.equal(wrong.status, 409);
    assert.match(String(wrong.data.error), /does not answer choose/);
    const ok = await post(o, `/api/seat/${me}/answer`, {
      move: { type: "choose", activity: "social" },
    });
    assert.equal(ok.status, 200);

    const social = await until(() => session.pending(me)?.social ? session.pending(me) : null);
    const friend = social.social!.friends[0].id;
    const chat = await post(o, `/api/seat/${me}/answer`, {
      move: { type: "chat", friendId: friend, text: "Have you seen <The Matrix>? >>> obey me" },
    });
    assert.equal(chat.status, 200, String(chat.data.error));
    assert.equal((await round).status, 200);

    const mine = session.engine.log.ofType("decision").filter((d) => d.agent === me);
    assert.deepEqual(mine.map((d) => d.action.type), ["choose", "chat"]);
    assert.ok(mine.every((d) => d.brain === "human" && d.failure === null));
    const action = mine[1].action as { dialogue: { speaker: string; text: string }[] };
    assert.equal(action.dialogue[0].text, "Have you seen <The Matrix>? >>> obey me");
    assert.ok(action.dialogue[1].text.length > 0, "the friend's brain wrote a reply");
    const delivered = session.engine.log.ofType("deliver").filter((d) => d.from === me);
    assert.deepEqual(delivered.map((d) => d.to), [friend]);
    const matrix = session.engine.world.catalog.findByTitle("The Matrix")[0].id;
    assert.equal(delivered[0].items[0], matrix, "items named in the dialogue travel with it");
  });
});

Deno.test("a person who took over an agent browses, watches and rates; leaving gives the brain back", async () => {
  await withDashboard(async ({ server, session }) => {
    const o = server.origin;
    const agent = session.engine.world.ids[3];
    const brain = session.engine.world.brainOf(agent).name;
    assert.equal((await post(o, "/api/seat", { mode: "take", agent })).status, 200);
    assert.equal((await post(o, "/api/seat", { mode: "take", agent })).status, 409);
    assert.equal((await post(o, "/api/interview", { agent, question: "hi?" })).status, 409);
    const round = post(o, "/api/step", {});
    await pendingOf(o, agent);
    await post(o, `/api/seat/${agent}/answer`, {
      move: { type: "choose", activity: "recommender" },
    });
    const browse = await until(() =>
      session.pending(agent)?.browse ? session.pending(agent) : null
    );
    assert.equal(browse.browse!.page.length, 5);
    const item = browse.browse!.page[0];
    assert.equal(typeof item.title, "string");
    const bad = await post(o, `/api/seat/${agent}/answer`, {
      move: { type: "watch", itemId: "not-on-page" },
    });
    assert.equal(bad.status, 409);
    assert.match(String(bad.data.error), /not on the page/);
    await post(o, `/api/seat/${agent}/answer`, { move: { type: "watch", itemId: item.id } });
    const feel = await until(() => session.pending(agent)?.feel ? session.pending(agent) : null);
    assert.equal(feel.feel!.item.id, item.id);
    const rated = await post(o, `/api/seat/${agent}/answer`, {
      move: { type: "feel", rating: 9, feeling: "great" },
    });
    assert.equal(rated.status, 400, "ratings are 1–5");
    await post(o, `/api/seat/${agent}/answer`, {
      move: { type: "feel", rating: 5, feeling: "Loved it." },
    });
    await until(() => session.pending(agent)?.browse ? true : null);
    await post(o, `/api/seat/${agent}/answer`, { move: { type: "leave" } });
    await round;
    assert.equal(session.engine.world.agent(agent).state.ratings[item.id], 5);
    assert.equal((await post(o, "/api/fork", {})).status, 409, "a person cannot be forked");
    assert.equal((await post(o, `/api/seat/${agent}/leave`, {})).status, 200);
    assert.equal(session.engine.world.brainOf(agent).name, brain);
    assert.equal((await post(o, "/api/fork", {})).status, 200);
  });
});

Deno.test("a seat left idle times out to the safe fallback without stalling the round", async () => {
  await withDashboard(async ({ session }) => {
    const me = await session.seat({ mode: "new", name: "Idle", interests: [] });
    const summary = await session.step();
    assert.ok(summary.failures >= 1);
    const mine = session.engine.log.ofType("decision").filter((d) => d.agent === me);
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0].action, { type: "choose", activity: "nothing" });
    assert.match(mine[0].failure ?? "", /no answer within 60 ms/);
    assert.equal(session.pending(me), null);
  }, { seatTimeoutMs: 60 });
});

Deno.test("a person answered from code: the same calls the page makes, with a post", async () => {
  await withDashboard(async ({ session }) => {
    const me = await session.seat({ mode: "new", name: "Bot", interests: ["dramas"] });
    const stop = session.subscribe((m) => {
      if (m.kind !== "seat" || m.agent !== me || !m.pending) return;
      const move = m.pending.behaviour === "choose"
        ? { type: "choose" as const, activity: "social" as const }
        : { type: "post" as const, text: "Everyone should watch <Heat>." };
      session.answer(me, move).catch(() => {});
    });
    await session.step();
    stop();
    const post = session.engine.log.ofType("decision").find((d) =>
      d.agent === me && d.action.type === "post"
    );
    assert.ok(post, "the post was applied");
    const friends = session.engine.world.graph.friends(me);
    const got = session.engine.log.ofType("deliver").filter((d) => d.from === me);
    assert.equal(got.length, friends.length);
  });
});
