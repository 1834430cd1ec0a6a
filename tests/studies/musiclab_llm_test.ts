import assert from "node:assert/strict";
import { MUSICLAB_CONDITIONS } from "@lib/studies/musiclab.ts";
import {
  COMMITTED_MUSICLAB,
  musicLabLlmDryRun,
  type MusicLabLlmSection,
  readMusicLabLlmSection,
} from "@lib/studies/musiclab_llm.ts";
import type { ParsedChatRequest } from "@lib/llm/mod.ts";
import { localServerClient } from "../llm/helpers.ts";

Deno.test("a reply naming a song off the list is repaired over HTTP, and counted as repaired or failed", async () => {
  let first = 0;
  const { server, llm } = await localServerClient("k", (req: ParsedChatRequest) => {
    // A repair request carries the model's invalid reply back as an assistant message.
    const repair = req.messages.some((m) => m.role === "assistant");
    const songs = req.messages[1].content.match(/^\d+\./gm)!.length;
    if (repair) return JSON.stringify({ listen: songs, download: false });
    // Every third first reply is off the list; the repair then names the last song.
    return JSON.stringify({ listen: ++first % 3 === 0 ? 99 : 1, download: true });
  }, { retry: { maxRetries: 0, baseMs: 0 }, repairs: 1 });
  try {
    const opts = { songs: 5, worlds: 2, listeners: 3, seeds: [1, 2] };
    const s = await musicLabLlmDryRun(llm, opts);
    const r = s.replies;
    assert.equal(r.requests, MUSICLAB_CONDITIONS.length * 2 * 2 * 3);
    assert.equal(r.valid + r.repaired + r.failed, r.requests);
    assert.equal(r.repaired, Math.floor(r.requests / 3));
    assert.equal(r.failed, 0);
    assert.equal(r.calls, r.requests + r.repaired);
    assert.equal(s.model, "scripted");
    for (const c of MUSICLAB_CONDITIONS) {
      assert.ok(s.conditions[c].firstOnList > 0.5 && s.conditions[c].firstOnList < 1);
    }
  } finally {
    await server.stop();
  }
});

Deno.test("the recorded LLM MusicLab run names its model, size and seeds, and its counts add up", async () => {
  const recorded = await readMusicLabLlmSection(COMMITTED_MUSICLAB);
  if (!recorded) {
    assert.fail(
      "figures/musiclab.json has no llm_dry_run section (deno task llm-dry-run musiclab)",
    );
  }
  const s: MusicLabLlmSection = recorded;
  assert.equal(s.brain, "llm");
  assert.ok(s.model.length > 0 && s.seeds.length >= 2);
  assert.ok(!Number.isNaN(Date.parse(s.made)));
  const r = s.replies;
  assert.equal(r.requests, MUSICLAB_CONDITIONS.length * s.seeds.length * s.worlds * s.listeners);
  assert.equal(r.valid + r.repaired + r.failed, r.requests);
  for (const c of MUSICLAB_CONDITIONS) {
    const { gini, unpredictability, firstOnList } = s.conditions[c];
    assert.ok(gini.lo <= gini.value && gini.value <= gini.hi);
    assert.ok(unpredictability.lo <= unpredictability.value);
    assert.ok(firstOnList >= 0 && firstOnList <= 1);
  }
});
