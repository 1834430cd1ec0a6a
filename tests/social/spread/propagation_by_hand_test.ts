// Propagation checked against values worked by hand: the independent cascade's one chance per
// edge (reach on a chain is p^k), the rule model's one-step delay of a share, one DeGroot step.
import assert from "node:assert/strict";
import { SocialGraph } from "@lib/social/graph.ts";
import { inboxCsr } from "@lib/social/spread/csr.ts";
import { deGroot, independentCascade } from "@lib/social/spread/baselines.ts";
import { simulateRule } from "@lib/social/spread/rule_sim.ts";

function path(n: number): SocialGraph {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const g = new SocialGraph(ids);
  for (let i = 1; i < n; i++) g.addEdge(ids[i - 1], ids[i]);
  return g;
}

Deno.test("independent cascade: the end of a chain is reached with probability p^k, each node at step k", () => {
  const csr = inboxCsr(path(4));
  const p = 0.5, runs = 2_000;
  const reached = [0, 0, 0, 0];
  for (let seed = 0; seed < runs; seed++) {
    const run = independentCascade(csr, ["n0"], { p, steps: 12, seed });
    for (let k = 0; k < 4; k++) {
      const at = run.activeAt[k];
      if (at >= 0) {
        reached[k]++;
        assert.equal(at, k, "a node on a chain can only be reached at its distance");
      }
    }
  }
  for (let k = 1; k < 4; k++) {
    const expected = p ** k;
    const se = Math.sqrt(expected * (1 - expected) / runs);
    const share = reached[k] / runs;
    // Letting active nodes try again every step would push every share towards 1.
    assert.ok(
      Math.abs(share - expected) < 4 * se,
      `node ${k}: reached in ${share} of runs, expected ${expected} ± ${4 * se}`,
    );
  }
});

Deno.test("rule model: with share probability 1 on a 3-node path the third node learns at step 2, not 1", () => {
  const run = simulateRule(path(3), {
    event: { text: "Dam opens", posters: ["n0"] },
    steps: 4,
    seed: 1,
    params: { shareBase: 1, agreementWeight: 0, feedWindow: 1 },
  });
  assert.deepEqual([...run.awareAt], [0, 1, 2]);
  assert.deepEqual([...run.sharedAt], [0, 1, 2]);
  assert.deepEqual(run.stats.map((s) => s.aware), [1, 2, 3, 3, 3]);
});

Deno.test("DeGroot: one step on a path matches the average worked by hand", () => {
  // x = [1, -0.2, -0.2], self weight 0.5; n0 reads n1, n1 reads n0 and n2, n2 reads n1:
  // n0 = 0.5·1 + 0.5·(−0.2) = 0.4; n1 = 0.5·(−0.2) + 0.5·(1 − 0.2)/2 = 0.1;
  // n2 = 0.5·(−0.2) + 0.5·(−0.2) = −0.2; mean 0.1, two of three non-negative.
  const out = deGroot(inboxCsr(path(3)), new Float32Array([1, -0.2, -0.2]), { steps: 1 });
  assert.equal(out.length, 2);
  assert.ok(Math.abs(out[0].meanStance - 0.2) < 1e-6);
  assert.ok(Math.abs(out[1].meanStance - 0.1) < 1e-6, `mean ${out[1].meanStance}`);
  assert.equal(out[1].positive, 2 / 3);
  // A self weight of 0.8 moves less: n0 = 0.76, n1 = −0.08, n2 = −0.2, mean 0.16.
  const slow = deGroot(inboxCsr(path(3)), new Float32Array([1, -0.2, -0.2]), {
    steps: 1,
    selfWeight: 0.8,
  });
  assert.ok(Math.abs(slow[1].meanStance - 0.16) < 1e-6, `mean ${slow[1].meanStance}`);
});
