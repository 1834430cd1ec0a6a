import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { barabasiAlbert } from "@lib/social/mod.ts";
import { RuleS3Brain } from "@lib/brain/mod.ts";
import { simulateAgents } from "@lib/sim/mod.ts";
import { inboxCsr, type RuleParamsInput, simulateRule, toJsonl } from "@lib/social/spread/mod.ts";

const graph = barabasiAlbert(400, 2, { rng: new Rng("s3-dynamics") });
const csr = inboxCsr(graph);
const event = { text: "The plant will release treated water", posters: ["0", "1"], stance: 0.8 };

/** Shares beyond the seed posts, summed over several seeds. */
function shares(params: RuleParamsInput, steps = 12, ev = event): number {
  let total = 0;
  for (let s = 0; s < 6; s++) {
    const run = simulateRule(graph, { csr, event: ev, steps, seed: s, params, log: false });
    total += run.stats.at(-1)!.shared - ev.posters.length;
  }
  return total;
}

Deno.test("more intense emotion gives more reposts", () => {
  const fixed = { contagion: 0, calmRate: 0 };
  const calm = shares({ ...fixed, initialEmotion: [1, 0, 0] });
  const intense = shares({ ...fixed, initialEmotion: [0, 0, 1] });
  assert.ok(intense > 1.5 * calm, `intense ${intense} vs calm ${calm}`);
});

Deno.test("agreeing with the event's stance gives more reposts", () => {
  // One hop, so every shown message carries the event's stance (later hops carry the
  // sharers' own stances, which agree with their like-minded readers either way).
  const wide = { ...event, posters: Array.from({ length: 30 }, (_, i) => String(i)) };
  const fixed = { convergence: 0, stanceSd: 0.05, shareBase: 0.03 };
  const agree = shares({ ...fixed, stanceMean: 0.8 }, 1, wide);
  const disagree = shares({ ...fixed, stanceMean: -0.8 }, 1, wide);
  assert.ok(agree > 1.5 * disagree, `agree ${agree} vs disagree ${disagree}`);
});

Deno.test("emotional contagion raises the intensity of feed-exposed agents only", () => {
  const params = { initialEmotion: [1, 0, 0] as [number, number, number], calmRate: 0 };
  const on = simulateRule(graph, {
    csr,
    event,
    steps: 6,
    seed: 1,
    params: { ...params, contagion: 1 },
  });
  const off = simulateRule(graph, {
    csr,
    event,
    steps: 6,
    seed: 1,
    params: { ...params, contagion: 0 },
  });
  const meanLevel = (run: typeof on, aware: boolean) => {
    let s = 0, n = 0;
    for (let i = 0; i < run.ids.length; i++) {
      if (event.posters.includes(run.ids[i]) || (run.awareAt[i] >= 0) !== aware) continue;
      s += run.emotion[i];
      n++;
    }
    return s / n;
  };
  assert.ok(meanLevel(on, true) > 0.3, `exposed mean ${meanLevel(on, true)}`);
  assert.equal(meanLevel(on, false), 0);
  assert.equal(meanLevel(off, true), 0);
});

Deno.test("the same seed gives a byte-identical event log; another seed another log", () => {
  const opts = { csr, event, steps: 10, seed: 7 };
  const a = toJsonl(simulateRule(graph, opts).events);
  assert.equal(toJsonl(simulateRule(graph, opts).events), a);
  assert.notEqual(toJsonl(simulateRule(graph, { ...opts, seed: 8 }).events), a);
  assert.match(a.split("\n")[0], /^\{"t":0,"type":"seed","agent":"0"/);
});

Deno.test("object agents log identically whatever the concurrency", async () => {
  const small = barabasiAlbert(60, 2, { rng: new Rng("s3-agents") });
  const run = (concurrency: number) =>
    simulateAgents({
      graph: small,
      brain: new RuleS3Brain(),
      event: { text: "A shocking leak", posters: ["0"] },
      steps: 6,
      seed: 3,
      concurrency,
      params: { shareBase: 0.4 },
    });
  const [a, b] = [await run(1), await run(8)];
  assert.equal(toJsonl(b.events), toJsonl(a.events));
  assert.ok(a.stats.at(-1)!.aware > 1);
  assert.equal(a.failures, 0);
});
