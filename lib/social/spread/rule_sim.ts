/**
 * The rule brain on typed arrays: S3's propagation dynamics for graphs of 10⁵ agents and more,
 * run to the end in memory (the stepper itself is {@link RulePopulation}).
 *
 * @module
 */
import type { CascadeEdge } from "@lib/metrics/cascade.ts";
import type { SocialGraph } from "@lib/social/graph.ts";
import type { RuleParams } from "@lib/social/spread/params.ts";
import { RulePopulation, type RuleSimOptions } from "@lib/social/spread/rule_population.ts";
import type { S3LogEvent, SeedEvent, StepStats } from "@lib/social/spread/types.ts";

export type { RuleSimOptions };

/** The outcome of a run. */
export interface RuleRun {
  /** Agent ids by index. */
  ids: readonly string[];
  /** The parameters used. */
  params: RuleParams;
  /** The event injected. */
  event: SeedEvent;
  /** The typed log (empty when `log` was off). */
  events: S3LogEvent[];
  /** Population counts at the end of each step 0..steps. */
  stats: StepStats[];
  /** The spreading tree: seeds (null parent) and every share with its parent. */
  cascade: CascadeEdge[];
  /** Final states by index: emotion level, stance, step aware (−1 never), step shared. */
  emotion: Uint8Array;
  stance: Float32Array;
  awareAt: Int32Array;
  sharedAt: Int32Array;
}

/**
 * Runs the rule dynamics of {@link shareProbability}, {@link emotionStep} and
 * {@link boundedConfidence} over a graph.
 *
 * @param graph The social graph (ignored when `options.csr` is given, except for its ids).
 * @param options Event, steps, seed, parameters.
 * @returns The run.
 *
 * @example Same seed, same log
 * ```ts
 * import { barabasiAlbert } from "@lib/social/barabasi_albert.ts";
 * import { Rng } from "@lib/core/rng.ts";
 * import { simulateRule } from "@lib/social/spread/rule_sim.ts";
 * import { toJsonl } from "@lib/social/spread/types.ts";
 * import assert from "node:assert/strict";
 * const g = barabasiAlbert(200, 2, { rng: new Rng(1) });
 * const opts = { event: { text: "Plant releases water", posters: ["0"] }, steps: 10, seed: 3 };
 * const a = simulateRule(g, opts), b = simulateRule(g, opts);
 * assert.equal(toJsonl(a.events), toJsonl(b.events));
 * assert.ok(a.stats.at(-1)!.aware >= 1);
 * ```
 */
export function simulateRule(graph: SocialGraph, options: RuleSimOptions): RuleRun {
  const pop = new RulePopulation(graph, options);
  const events = pop.seedStep.events.slice();
  const cascade = pop.seedStep.cascade.slice();
  const stats = pop.seedStep.stats.slice();
  while (pop.t < options.steps) {
    const step = pop.step();
    for (const e of step.events) events.push(e);
    for (const e of step.cascade) cascade.push(e);
    stats.push(step.stats);
  }
  return {
    ids: pop.ids,
    params: pop.params,
    event: pop.event,
    events,
    stats,
    cascade,
    emotion: pop.emotion,
    stance: pop.stance,
    awareAt: pop.awareAt,
    sharedAt: pop.sharedAt,
  };
}
