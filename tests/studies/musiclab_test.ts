import assert from "node:assert/strict";
import { musicLabExperiment, runMusicLab } from "@lib/studies/musiclab.ts";
import { LlmClient, type ParsedChatRequest, startLocalServer } from "@lib/llm/mod.ts";

const small = { songs: 20, worlds: 4, listeners: 120 };
const seeds = Array.from({ length: 10 }, (_, i) => i + 1);

Deno.test("ranked download counts raise inequality and unpredictability beyond their intervals (10 seeds)", async () => {
  const { summary } = await musicLabExperiment({ kind: "rule", ...small }, seeds);
  const { independent, social_ranked } = summary.conditions;
  assert.ok(social_ranked.gini.lo > independent.gini.hi, JSON.stringify(summary.conditions));
  assert.ok(
    social_ranked.unpredictability.lo > independent.unpredictability.hi,
    JSON.stringify(summary.conditions),
  );
});

Deno.test("with the belief channel off, showing counts changes no download", async () => {
  for (const seed of [1, 2]) {
    const opts = { kind: "rule" as const, seed, ...small, rule: { social: 0 } };
    const ind = await runMusicLab({ ...opts, condition: "independent" });
    const soc = await runMusicLab({ ...opts, condition: "social" });
    assert.deepEqual(soc.downloads, ind.downloads);
  }
});

Deno.test("an LLM listener gets the same list over HTTP; counts appear only under social influence", async () => {
  const seen: ParsedChatRequest[] = [];
  let n = 0;
  const server = await startLocalServer({
    keys: ["k"],
    responder: (req) => {
      seen.push(req);
      // Every fifth reply names a song that is not on the list: a failure, not a crash.
      return JSON.stringify({ listen: ++n % 5 === 0 ? 99 : 1, download: true });
    },
  });
  try {
    const llm = new LlmClient({
      model: "scripted",
      endpoints: [{ baseUrl: server.url, keys: ["k"] }],
      cache: { mode: "off" },
      retry: { maxRetries: 0, baseMs: 0 },
      repairs: 0,
    });
    const opts = { kind: "llm" as const, llm, seed: 1, songs: 6, worlds: 2, listeners: 5 };
    const ind = await runMusicLab({ ...opts, condition: "independent" });
    const text = (r: ParsedChatRequest) => JSON.stringify(r.messages);
    assert.equal(ind.calls, 10);
    assert.equal(ind.failures, 2);
    assert.ok(seen.every((r) => !text(r).includes("downloaded")));
    seen.length = 0;
    const ranked = await runMusicLab({ ...opts, condition: "social_ranked" });
    assert.ok(seen.every((r) => text(r).includes("downloaded")));
    // Always taking the top of a ranked list sends every download in a world to one song.
    for (const d of ranked.downloads) assert.equal(d.filter((x) => x > 0).length, 1);
  } finally {
    await server.stop();
  }
});
