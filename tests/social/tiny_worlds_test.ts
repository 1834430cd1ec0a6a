import assert from "node:assert/strict";
import { Rng } from "@lib/core/rng.ts";
import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
import { completeGraph } from "@lib/social/complete_graph.ts";
import { erdosRenyi } from "@lib/social/erdos_renyi.ts";
import { homophilyGraph } from "@lib/social/homophily.ts";
import { wattsStrogatz } from "@lib/social/watts_strogatz.ts";
import { createSimulation } from "@lib/sim/simulation.ts";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);

Deno.test("generators link everyone when a population is too small for their rule", () => {
  for (const n of [0, 1, 2, 3]) {
    const opts = { rng: new Rng(n), ids: ids(n) };
    const complete = n < 2 ? 0 : (n * (n - 1)) / 2;
    assert.equal(completeGraph(n, opts).tieCount, complete, `complete n=${n}`);
    assert.equal(barabasiAlbert(n, 3, opts).tieCount, complete, `BA n=${n} m=3`);
    assert.equal(wattsStrogatz(n, 4, 0.2, opts).tieCount, complete, `WS n=${n} k=4`);
    assert.equal(erdosRenyi(n, 1, opts).tieCount, complete, `ER p=1 n=${n}`);
    const homophily = homophilyGraph(ids(n).map((id) => ({ id, interests: ["x"] })), {
      rng: new Rng(n),
      ties: 4,
      strength: 1,
    });
    assert.equal(homophily.tieCount, complete, `homophily n=${n}`);
    assert.equal(barabasiAlbert(n, 3, opts).nodeCount, n);
  }
});

Deno.test("generators keep their own rule once the population is large enough", () => {
  const opts = { rng: new Rng(1), ids: ids(10) };
  assert.equal(barabasiAlbert(10, 3, opts).tieCount, 3 * 7);
  assert.equal(wattsStrogatz(10, 4, 0, opts).tieCount, 20);
  assert.throws(() => barabasiAlbert(10, 0, opts), /m ≥ 1/);
  assert.throws(() => wattsStrogatz(10, 3, 0, opts), /even k/);
});

for (const graph of ["ba", "ws", "er", "homophily", "none"] as const) {
  Deno.test(`worlds of 1 and 2 agents build and run on a "${graph}" graph`, async () => {
    for (const count of [1, 2]) {
      const engine = await createSimulation({
        seed: 1,
        rounds: 2,
        agents: { source: "csv", count },
        recommender: { model: { algorithm: "popular" } },
        social: { graph },
        memory: { enabled: false },
      });
      await engine.run();
      assert.equal(engine.world.ids.length, count);
      assert.equal(engine.world.round, 2);
      const ties = engine.world.graph.tieCount;
      assert.ok(ties <= (count * (count - 1)) / 2, `${graph} with ${count}: ${ties} ties`);
      if (count === 2 && graph !== "none" && graph !== "er") assert.equal(ties, 1);
    }
  });
}
