// A feed view ranks light stand-ins and copies only the messages it shows; what it shows must
// be what ranking copies of every candidate message gave: the same messages, in the same
// order, with the same fields in the same order, for every ranker, window and relevance.
import assert from "node:assert/strict";
import type { FeedPost } from "@lib/brain/context.ts";
import { Rng } from "@lib/core/rng.ts";
import { type FeedSettings, SEED_PREFIX, SocialFeed } from "@lib/sim/social_feed.ts";
import { RANKERS, rankFeed } from "@lib/social/feed_rank.ts";
import { SocialGraph } from "@lib/social/graph.ts";

/** The view as it was computed from full copies of every candidate. */
function copiedView(
  posts: readonly FeedPost[],
  graph: SocialGraph,
  agentId: string,
  round: number,
  settings: FeedSettings,
  model: { window?: number; relevance?: (v: string, p: FeedPost) => number },
): FeedPost[] {
  const sources = new Set([...graph.friends(agentId), ...graph.following(agentId)]);
  sources.delete(agentId);
  const from = (p: FeedPost) => p.id.startsWith(SEED_PREFIX) ? p.round : p.round + 1;
  const { window, relevance } = model;
  const candidates = posts.filter((p) => sources.has(p.author))
    .filter((p) =>
      p.round <= round && (window === undefined || (round >= from(p) && round - from(p) < window))
    )
    .map((p) => {
      const r = relevance ? relevance(agentId, p) : 1;
      return {
        ...p,
        time: p.round,
        authenticity: 1,
        relevance: r,
        similarity: relevance ? 2 * r - 1 : 0,
      };
    });
  return rankFeed(candidates, settings.ranker, round, settings.size, {
    feedDecay: settings.decay,
    stepMinutes: settings.stepMinutes,
  }).map(({ time: _t, authenticity: _a, relevance: r, similarity: _s, ...p }) =>
    relevance ? { ...p, relevance: r } : p
  );
}

Deno.test("a feed view shows what ranking copies of every candidate showed", () => {
  const rng = new Rng("feed-view");
  const ids = Array.from({ length: 12 }, (_, i) => `a${i}`);
  const graph = new SocialGraph(ids);
  for (let k = 0; k < 30; k++) {
    const a = ids[rng.int(ids.length)], b = ids[rng.int(ids.length)];
    if (a !== b && !graph.areFriends(a, b)) graph.addEdge(a, b);
  }
  const posts: FeedPost[] = [];
  for (let i = 0; i < 400; i++) {
    const seed = rng.next() < 0.1;
    posts.push({
      id: seed ? `${SEED_PREFIX}${i}` : `p${i}`,
      author: ids[rng.int(ids.length)],
      round: rng.int(12),
      text: `message ${i}`,
      kind: rng.next() < 0.7 ? "post" : "repost",
      parent: null,
      eventId: rng.next() < 0.5 ? `e${rng.int(3)}` : null,
      emotion: rng.int(3) - 1,
      stance: 0,
      reposts: rng.int(6),
      // A saved message may carry a relevance of its own; views drop it as before.
      ...(rng.next() < 0.1 ? { relevance: 0.5 } : {}),
    });
  }
  const relevances = [
    undefined,
    (v: string, p: FeedPost) => ((v.length * 7 + p.id.length) % 5) / 4,
  ];
  let compared = 0, shown = 0;
  for (const window of [undefined, 1, 3]) {
    for (const relevance of relevances) {
      const feed = new SocialFeed();
      feed.configure({ window, relevance });
      for (const p of posts) feed.add(p);
      for (const ranker of RANKERS) {
        for (const round of [0, 4, 11, 15]) {
          for (const viewer of ids) {
            const settings = { ranker, size: 6, decay: 0.8, stepMinutes: 60 };
            const got = feed.view(graph, viewer, round, settings);
            const want = copiedView(posts, graph, viewer, round, settings, { window, relevance });
            assert.deepEqual(got, want);
            assert.deepEqual(got.map((p) => Object.keys(p)), want.map((p) => Object.keys(p)));
            compared++;
            shown += got.length;
          }
        }
      }
    }
  }
  assert.ok(compared > 500 && shown > 1000, `${compared} views, ${shown} messages shown`);
});
