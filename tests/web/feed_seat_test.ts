import assert from "node:assert/strict";
import { seedFeedEvent } from "@lib/sim/feed_seed.ts";
import { get, post, until, withDashboard } from "./helpers.ts";

Deno.test("a seated person sees the social feed and reposts from it; the repost spreads like any agent's", async () => {
  await withDashboard(async ({ server, session }) => {
    const o = server.origin;
    const seat = await post(o, "/api/seat", { mode: "new", name: "Sam", interests: ["news"] });
    const me = seat.data.agent as string;
    const friend = session.engine.world.graph.friends(me)[0];
    seedFeedEvent(session.engine, { eventId: "leak", text: "The plant leaks", posters: [friend] });
    const round = post(o, "/api/step", {});
    await until(() => session.pending(me)?.behaviour === "choose" ? true : null);
    await post(o, `/api/seat/${me}/answer`, { move: { type: "choose", activity: "social" } });
    const social = await until(() => session.pending(me)?.social ? session.pending(me) : null);
    const feed = social.social!.feed!;
    assert.equal(feed[0].text, "The plant leaks");
    assert.equal(feed[0].author, friend);
    const bad = await post(o, `/api/seat/${me}/answer`, {
      move: { type: "repost", messageId: "not-in-feed" },
    });
    assert.equal(bad.status, 409);
    assert.match(String(bad.data.error), /not in the feed/);
    const ok = await post(o, `/api/seat/${me}/answer`, {
      move: { type: "repost", messageId: feed[0].id },
    });
    assert.equal(ok.status, 200, String(ok.data.error));
    assert.equal((await round).status, 200);

    const log = session.engine.log;
    assert.deepEqual(
      log.ofType("decision").filter((d) => d.agent === me).map((d) => d.action.type),
      ["choose", "repost"],
    );
    const share = log.ofType("share").find((s) => s.agent === me);
    assert.equal(share?.parent, friend);
    assert.equal(log.ofType("aware").find((a) => a.agent === me)?.from, friend);
    const mine = session.engine.world.feed.posts.filter((p) => p.author === me);
    assert.deepEqual(mine.map((p) => [p.kind, p.parent]), [["repost", feed[0].id]]);
    assert.equal(session.engine.world.feed.get(feed[0].id)!.reposts, 1);
    assert.ok((await get(o, "/api/status")).status === 200);
  });
});
