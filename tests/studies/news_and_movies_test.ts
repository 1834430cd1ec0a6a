import assert from "node:assert/strict";
import { NEWS_ARMS, runNewsAndMovies, runNewsArm } from "@lib/studies/news_and_movies.ts";

const SMALL = { agents: 10, rounds: 4, newsRound: 1 };

Deno.test("news and movies: seeds outer, arms in order; only the news arms carry the news", async () => {
  const runs = await runNewsAndMovies([1, 2], SMALL);
  assert.deepEqual(
    runs.map((r) => `${r.seed}:${r.arm}`),
    [1, 2].flatMap((s) => NEWS_ARMS.map((a) => `${s}:${a}`)),
  );
  for (const r of runs) {
    const news = r.events.filter((e) =>
      e.type === "seed" || e.type === "aware" || e.type === "share"
    );
    if (r.arm === "movies only") assert.equal(news.length, 0);
    else assert.ok(news.some((e) => e.type === "seed" && e.round === SMALL.newsRound));
  }
  // Sharing costs a turn only where attention is not cut.
  const busy = (arm: string) =>
    runs.filter((r) => r.arm === arm).flatMap((r) => r.events).filter((e) => e.type === "busy")
      .length;
  assert.equal(busy("movies + news, attention cut"), 0);
});

Deno.test("news and movies: the same arm and seed give the same event log", async () => {
  const a = await runNewsArm("movies + news", 3, SMALL);
  const b = await runNewsArm("movies + news", 3, SMALL);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
});
