import assert from "node:assert/strict";
import { BrainRegistry, createBrain, HumanSeat, LlmBrain, RuleBrain } from "@lib/brain/mod.ts";
import type { StructuredLlm } from "@lib/llm/types.ts";
import { browseCtx, chooseCtx } from "./contexts.ts";

Deno.test("an agent's brain can be swapped between decisions", async () => {
  const registry = new BrainRegistry(new RuleBrain());
  const ctx = browseCtx();
  assert.equal((await registry.decide(ctx)).brain, "rule");
  const seat = new HumanSeat({ timeoutMs: 1_000 });
  registry.set("a1", seat.brain);
  const waiting = registry.decide(browseCtx({ callSite: "3:a1:browse:1" }));
  assert.ok(seat.answer({ type: "next_page" }).ok);
  const human = await waiting;
  assert.equal(human.brain, "human");
  assert.deepEqual(human.action, { type: "next_page" });
  assert.deepEqual(registry.assignments(), { a1: "human (seat)" });
  assert.equal(
    registry.explainLast("a1")?.callSite,
    ctx.callSite,
    "the rule brain's record survives the swap",
  );
  registry.unset("a1");
  assert.equal((await registry.decide(chooseCtx())).brain, "rule");
});

Deno.test("brains are built from configuration", async () => {
  const rule = await createBrain({ kind: "rule", weights: { interest: 9 } });
  assert.ok(rule instanceof RuleBrain);
  assert.equal(rule.config.interest, 9);
  assert.equal(rule.config.quality, 1.5);
  const embedding = await createBrain({ kind: "embedding", threshold: 0.3 });
  assert.equal(embedding.kind, "embedding");
  const llm: StructuredLlm = {
    model: "fake",
    complete: () =>
      Promise.resolve({
        ok: false,
        error: "offline",
        usage: { promptTokens: 0, completionTokens: 0 },
        cached: false,
        attempts: 1,
        latencyMs: 0,
      }),
  };
  const brain = await createBrain({ kind: "llm", temperature: 0.2 }, { llm });
  assert.ok(brain instanceof LlmBrain);
  assert.equal(brain.name, "llm:fake");
  await assert.rejects(createBrain({ kind: "llm" }), /needs a StructuredLlm/);
  await assert.rejects(
    createBrain({ kind: "rule", weights: { temperature: -1 } } as never, { source: "s.json" }),
    /s\.json: brain: weights\.temperature/,
  );
  await assert.rejects(createBrain({ kind: "oracle" } as never), /brain: kind/);
});
