/** Building a rule population by value: starting moods, the seed posts, their origins and errors. */
import assert from "node:assert/strict";
import { ConfigError } from "@lib/core/errors.ts";
import { SocialGraph } from "@lib/social/graph.ts";
import { ruleParams } from "@lib/social/spread/params.ts";
import { RulePopulation } from "@lib/social/spread/rule_population.ts";
import { initialMood } from "@lib/social/spread/seed_event.ts";
import { StepStream } from "@lib/social/spread/stream.ts";

/** A star: hub "s" (index 0) tied to "a", "b", "c". */
function star(): SocialGraph {
  const g = new SocialGraph(["s", "a", "b", "c"]);
  for (const x of ["a", "b", "c"]) g.addEdge("s", x);
  return g;
}

Deno.test("every agent starts with the mood drawn from (seed, −1, agent); posters take the event's", () => {
  const params = { initialEmotion: [0.5, 0.5, 1] as [number, number, number], stanceSd: 0.5 };
  const pop = new RulePopulation(star(), {
    event: { text: "x", posters: ["b"], arousal: 1, stance: -0.5 },
    steps: 3,
    seed: 9,
    params,
  });
  const stream = new StepStream(9);
  const p = ruleParams(params);
  for (const i of [0, 1, 3]) {
    const m = initialMood(p, stream.uniform(-1, i, 0), stream.normal(-1, i, 1));
    assert.equal(pop.emotion[i], m.emotion);
    assert.equal(pop.stance[i], Math.fround(m.stance));
  }
  assert.equal(pop.emotion[2], 1);
  assert.equal(pop.stance[2], -0.5);
  assert.deepEqual([...pop.awareAt], [-1, -1, 0, -1]);
  assert.deepEqual([...pop.sharedAt], [-1, -1, 0, -1]);
});

Deno.test("the seed step logs each poster once, at the event's time, with counts of steps 0..t0", () => {
  const pop = new RulePopulation(star(), {
    event: { text: "dam breaks", posters: ["a", "c", "a"], time: 2, arousal: 2, stance: -0.25 },
    steps: 4,
    seed: 1,
  });
  assert.equal(pop.t, 2);
  const seed = { t: 2, type: "seed", text: "dam breaks", emotion: "intense", attitude: "negative" };
  assert.deepEqual(pop.seedStep.events, [{ ...seed, agent: "a" }, { ...seed, agent: "c" }]);
  assert.deepEqual(pop.seedStep.cascade, [
    { parent: null, child: "a", time: 2 },
    { parent: null, child: "c", time: 2 },
  ]);
  assert.deepEqual(pop.seedStep.stats.map((s) => [s.t, s.aware, s.shared, s.intense]), [
    [0, 2, 2, 2],
    [1, 2, 2, 2],
    [2, 2, 2, 2],
  ]);
  assert.deepEqual(pop.snapshot().texts, [null, "dam breaks", null, "dam breaks"]);
  assert.deepEqual(pop.snapshot().origin, [-1, 1, -1, 3]);
});

Deno.test("a poster listed twice at step 0 posts once", () => {
  const pop = new RulePopulation(star(), {
    event: { text: "x", posters: ["s", "s"] },
    steps: 1,
    seed: 1,
    log: false,
  });
  assert.deepEqual(pop.seedStep.cascade, [{ parent: null, child: "s", time: 0 }]);
  assert.deepEqual(pop.seedStep.events, []);
  assert.deepEqual(pop.snapshot().texts, []);
});

Deno.test("with a source, shares credited to the root go to the source, not the poster", () => {
  // Poster "a"; source "s" (index 0). Full crediting and sure shares: "s" reads "a".
  const opts = {
    event: { text: "x", posters: ["a"] },
    steps: 2,
    seed: 3,
    params: { rootCredit: 1, shareBase: 1, agreementWeight: 0 },
  };
  const withSource = new RulePopulation(star(), { ...opts, source: "s" });
  assert.deepEqual(withSource.snapshot().origin, [-1, 0, -1, -1]);
  assert.deepEqual(withSource.step().cascade, [{ parent: "s", child: "s", time: 1 }]);
  const without = new RulePopulation(star(), opts);
  assert.deepEqual(without.snapshot().origin, [-1, 1, -1, -1]);
  assert.deepEqual(without.step().cascade, [{ parent: "a", child: "s", time: 1 }]);
});

Deno.test("an unknown poster, source or a late event is refused by field", () => {
  const bad = (f: () => unknown, message: string) =>
    assert.throws(f, (e: unknown) => e instanceof ConfigError && e.message === message);
  bad(
    () => new RulePopulation(star(), { event: { text: "x", posters: ["zz"] }, steps: 1, seed: 1 }),
    'seed event: posters: unknown agent "zz"',
  );
  bad(
    () =>
      new RulePopulation(star(), {
        event: { text: "x", posters: ["a"] },
        steps: 1,
        seed: 1,
        source: "q",
      }),
    'rule sim: source: unknown agent "q"',
  );
  bad(
    () =>
      new RulePopulation(star(), {
        event: { text: "x", posters: ["a"], time: 3 },
        steps: 2,
        seed: 1,
      }),
    "seed event: time: must be ≤ steps (2), got 3",
  );
  // At the bound it is accepted.
  assert.equal(
    new RulePopulation(star(), { event: { text: "x", posters: ["a"], time: 2 }, steps: 2, seed: 1 })
      .t,
    2,
  );
});

Deno.test("a restore with a bad snapshot names its source", () => {
  const pop = new RulePopulation(star(), {
    event: { text: "x", posters: ["a"] },
    steps: 1,
    seed: 1,
  });
  const state = pop.snapshot();
  state.emotion = [0];
  assert.throws(() => pop.restore(state), /population state.*emotion|emotion.*population state/);
});
