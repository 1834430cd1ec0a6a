/**
 * S3 rule-path benchmark: 50 rounds of the typed-array propagation on a 100,000-node
 * Barabási–Albert graph (m = 3), with and without the event log, plus IC and LT on the same
 * graph. Writes figures/bench/propagation.json.
 *
 * Run: deno run -A bench/propagation_bench.ts  (BENCH_NODES, BENCH_ROUNDS to change the size)
 */
import { Rng } from "@lib/core/rng.ts";
import { envNumber } from "@lib/core/params.ts";
import { barabasiAlbert } from "@lib/social/mod.ts";
import { machineInfo } from "./machine.ts";
import {
  inboxCsr,
  independentCascade,
  linearThreshold,
  simulateRule,
} from "@lib/social/spread/mod.ts";
import { figuresDir } from "@lib/viz/paths.ts";

const nodes = envNumber("BENCH_NODES", 100_000);
const rounds = envNumber("BENCH_ROUNDS", 50);
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const out = fn();
  return [out, (performance.now() - t) / 1000];
};

const [graph, graphS] = time(() => barabasiAlbert(nodes, 3, { rng: new Rng("propagation-bench") }));
const [csr, csrS] = time(() => inboxCsr(graph));
const event = { text: "A high-arousal event", posters: ["0", "1", "2"] };
const [logged, loggedS] = time(() => simulateRule(graph, { csr, event, steps: rounds, seed: 1 }));
const [silent, silentS] = time(() =>
  simulateRule(graph, { csr, event, steps: rounds, seed: 1, log: false })
);
const [ic, icS] = time(() =>
  independentCascade(csr, event.posters, { p: 0.05, steps: rounds, seed: 1 })
);
const [lt, ltS] = time(() => linearThreshold(csr, event.posters, { steps: rounds, seed: 1 }));

const last = logged.stats.at(-1)!;
const result = {
  machine: machineInfo(),
  nodes,
  ties: graph.tieCount,
  rounds,
  seconds: {
    graph: graphS,
    csr: csrS,
    ruleWithLog: loggedS,
    ruleWithoutLog: silentS,
    independentCascade: icS,
    linearThreshold: ltS,
  },
  floor: { ruleSeconds: 10, met: loggedS < 10 },
  outcome: {
    aware: last.aware,
    shared: last.shared,
    events: logged.events.length,
    silentMatches: silent.stats.at(-1)!.aware === last.aware,
    icReached: ic.cascade.length,
    ltReached: lt.cascade.length,
  },
};
const dir = `${figuresDir()}/bench`;
Deno.mkdirSync(dir, { recursive: true });
Deno.writeTextFileSync(`${dir}/propagation.json`, JSON.stringify(result, null, 1) + "\n");
console.log(JSON.stringify(result, null, 1));
