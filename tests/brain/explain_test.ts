import assert from "node:assert/strict";
import { ExplainLog, type Explanation } from "../../lib/brain/explain.ts";
import { Rng } from "../../lib/core/rng.ts";

const explanation = (agentId: string, callSite: string): Explanation => ({
  agentId,
  callSite,
  behaviour: "choose",
  brain: "rule",
  brainName: "rule",
  messages: null,
  memories: [],
  raw: null,
  scores: null,
  action: { type: "nothing" },
  failure: null,
});

/**
 * The log's contract spelled out plainly: the last `capacity` records, newest last; a call
 * site asked for answers with its newest kept record.
 */
class ReferenceLog {
  kept: Explanation[] = [];
  constructor(readonly capacity: number) {}
  record(e: Explanation): void {
    if (this.capacity === 0) return;
    this.kept.push(e);
    if (this.kept.length > this.capacity) this.kept.shift();
  }
  get(callSite: string): Explanation | null {
    return this.kept.findLast((k) => k.callSite === callSite) ?? null;
  }
  last(agentId: string): Explanation | null {
    // The agent's latest record, if it is still kept.
    const latest = this.latest.get(agentId);
    return latest !== undefined && this.kept.includes(latest) ? latest : null;
  }
  latest = new Map<string, Explanation>();
}

Deno.test("the explanation log keeps the newest records and each agent's last, as a plain list would", () => {
  for (const capacity of [0, 1, 2, 5, 17]) {
    const rng = new Rng(capacity);
    const log = new ExplainLog(capacity);
    const ref = new ReferenceLog(capacity);
    const sites: string[] = [];
    for (let i = 0; i < 400; i++) {
      const agent = `a${rng.int(7)}`;
      // Now and then a call site comes back (an interview re-asked, a repeated key).
      const site = sites.length && rng.next() < 0.1
        ? sites[rng.int(sites.length)]
        : `${i}:${agent}:choose:0`;
      const e = explanation(site.split(":")[1], site);
      sites.push(site);
      log.record(e);
      ref.record(e);
      ref.latest.set(e.agentId, e);
      for (const s of sites.slice(-40)) assert.equal(log.get(s), ref.get(s), `get ${s} at ${i}`);
      for (let a = 0; a < 7; a++) {
        assert.equal(log.last(`a${a}`), ref.last(`a${a}`), `last a${a} at ${i}`);
      }
      assert.equal(log.size, ref.kept.length);
    }
  }
});

Deno.test("asking for a call site the log never kept answers null, full or not", () => {
  const log = new ExplainLog(4);
  assert.equal(log.get("0:a:choose:0"), null);
  log.record(explanation("a", "0:a:choose:0"));
  assert.equal(log.get("1:a:choose:0"), null);
  assert.equal(log.last("b"), null);
  assert.equal(log.size, 1);
});

Deno.test("a noted decision keeps every field the brain gave, repairs only when there were some", () => {
  const log = new ExplainLog(4);
  const ctx = { agentId: "a", callSite: "0:a:feel:0", behaviour: "feel" as const, memories: ["m"] };
  const brain = { kind: "llm" as const, name: "llm:x" };
  const action = { type: "feel" as const, itemId: "i", rating: 4, feeling: "ok" };
  const what = { messages: [], raw: "{}", scores: () => ({ rating: 4 }), action, failure: null };
  log.note(ctx, brain, { ...what, repairs: ["rating 4.4 → 4"] });
  assert.deepEqual(log.get("0:a:feel:0"), {
    agentId: "a",
    callSite: "0:a:feel:0",
    behaviour: "feel",
    brain: "llm",
    brainName: "llm:x",
    memories: ["m"],
    messages: [],
    raw: "{}",
    scores: { rating: 4 },
    repairs: ["rating 4.4 → 4"],
    action,
    failure: null,
  });
  log.note({ ...ctx, callSite: "0:a:feel:1" }, brain, what);
  assert.ok(!("repairs" in log.get("0:a:feel:1")!));
});
