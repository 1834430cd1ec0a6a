// The studies' LLM paths on the real SmolLM2-135M: the MusicLab listener and the satisfaction
// surveyor send their prompts through llama.cpp's grammar and get replies their schemas accept.
// A dry run of the machinery: the tests check counts and ranges, never what the model chose.
import assert from "node:assert/strict";
import { musicLabLlmDryRun } from "@lib/studies/musiclab_llm.ts";
import { satisfactionLlmDryRun } from "@lib/studies/satisfaction_llm.ts";
import { realClient, realServer } from "./real_model_helpers.ts";

Deno.test("real model: the MusicLab listener and the satisfaction surveyor get valid replies", async () => {
  const server = await realServer(2);
  try {
    const llm = realClient(server);
    const music = await musicLabLlmDryRun(llm, { songs: 4, worlds: 2, listeners: 2, seeds: [1] });
    assert.equal(music.model, server.model);
    assert.equal(music.replies.requests, 3 * 2 * 2);
    // The grammar holds a reply to the list's positions, so no reply needs a repair.
    assert.equal(music.replies.valid, music.replies.requests);
    const survey = await satisfactionLlmDryRun(llm, { agents: 6, rounds: 2, seeds: [1, 2] });
    assert.ok(survey.questions > 0);
    assert.equal(survey.replies.valid, survey.replies.requests);
    assert.ok(survey.llm.mean.value >= 1 && survey.llm.mean.value <= 10);
  } finally {
    await server.stop();
  }
});
