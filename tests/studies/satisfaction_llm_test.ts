import assert from "node:assert/strict";
import {
  COMMITTED_SATISFACTION_LLM,
  readSatisfactionLlmRecord,
  satisfactionLlmDryRun,
  type SatisfactionLlmRecord,
} from "@lib/studies/satisfaction_llm.ts";
import type { ParsedChatRequest } from "@lib/llm/mod.ts";
import { localServerClient } from "../llm/helpers.ts";

Deno.test("the LLM surveyor answers over HTTP every satisfaction question the rule surveyor answers", async () => {
  let first = 0;
  const { server, llm } = await localServerClient("k", (req: ParsedChatRequest) => {
    if (req.messages.some((m) => m.role === "assistant")) {
      return JSON.stringify({ score: 5, reason: "Repaired." });
    }
    // Every fourth first reply is off the 1–10 scale; the rest follow what was watched.
    const watched = /you watched it/.test(req.messages[1].content);
    return JSON.stringify({ score: ++first % 4 === 0 ? 11 : watched ? 8 : 2, reason: "ok" });
  }, { retry: { maxRetries: 0, baseMs: 0 }, repairs: 1 });
  try {
    const r = await satisfactionLlmDryRun(llm, { agents: 8, rounds: 4, seeds: [1, 2] });
    assert.ok(r.questions > 0);
    assert.equal(r.replies.requests, r.questions);
    assert.equal(r.replies.repaired, Math.floor(r.questions / 4));
    assert.equal(r.replies.valid + r.replies.repaired + r.replies.failed, r.replies.requests);
    assert.ok(r.llm.distinctScores >= 2 && r.llm.distinctScores <= 3, JSON.stringify(r.llm));
    assert.ok(r.rule.mean.value >= 1 && r.rule.mean.value <= 10);
  } finally {
    await server.stop();
  }
});

Deno.test("the recorded satisfaction dry run names its model, size and seeds, and its counts add up", async () => {
  const recorded = await readSatisfactionLlmRecord(COMMITTED_SATISFACTION_LLM);
  if (!recorded) {
    assert.fail(
      "figures/satisfaction_llm_dry_run.json is missing (deno task llm-dry-run satisfaction)",
    );
  }
  const r: SatisfactionLlmRecord = recorded;
  assert.equal(r.brain, "llm");
  assert.ok(r.model.length > 0 && r.seeds.length >= 2);
  assert.ok(!Number.isNaN(Date.parse(r.made)));
  assert.equal(r.replies.requests, r.questions);
  assert.equal(r.replies.valid + r.replies.repaired + r.replies.failed, r.replies.requests);
  for (const s of [r.rule, r.llm]) {
    assert.ok(s.mean.lo <= s.mean.value && s.mean.value <= s.mean.hi);
    assert.ok(s.distinctScores >= 1 && s.distinctScores <= 10);
    assert.ok(s.modeShare > 0 && s.modeShare <= 1);
  }
});
