import { createSimulation, type SimulationOptions } from "@lib/sim/simulation.ts";
import type { ScenarioInput } from "@lib/sim/scenario.ts";
import type { Engine } from "@lib/sim/engine.ts";
import { eventLine } from "@lib/sim/events.ts";

/** A small offline scenario: 16 agents from data/profiles.csv, vega movies, MF, BA graph. */
export function smallScenario(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: "test",
    seed: 11,
    rounds: 4,
    agents: { source: "csv", count: 16 },
    activity: { alpha: 1.5, xMin: 1, rate: 0.6 },
    recommender: {
      model: { algorithm: "mf", factors: 8, iterations: 3 },
      retrainEvery: 1,
      pageSize: 5,
    },
    social: { graph: "ba", m: 2 },
    ...extra,
  };
}

/** Runs a scenario to its end and returns the engine. */
export async function runScenario(
  input: ScenarioInput,
  options: SimulationOptions = {},
): Promise<Engine> {
  const engine = await createSimulation(input, options);
  await engine.run();
  return engine;
}

/** The event log as the bytes events.jsonl would hold. */
export function logText(engine: Engine): string {
  return engine.log.events.map(eventLine).join("\n") + "\n";
}

/** A feed decision that reposts the feed's first message with an intense emotion. */
export function repostReply(attitude: "positive" | "negative"): string {
  return JSON.stringify({
    behaviour: "repost",
    message: 1,
    text: null,
    emotion: "intense",
    attitude,
  });
}
