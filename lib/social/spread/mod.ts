/**
 * How an event spreads over the social network: S3's rule dynamics (sharing that grows with
 * emotion and agreement, emotional contagion, bounded-confidence attitudes) over typed arrays,
 * the seed event and the step statistics, rule texts, and the IC/LT/Voter/DeGroot baselines.
 * The engine's population mode (lib/sim/population.ts) runs these dynamics through the run
 * store.
 *
 * @module
 */
export {
  deGroot,
  independentCascade,
  linearThreshold,
  type OpinionStep,
  type SpreadOptions,
  type SpreadRun,
  voterModel,
} from "./baselines.ts";
export { type InboxCsr, inboxCsr } from "./csr.ts";
export { boundedConfidence, emotionStep, shareProbability, withinConfidence } from "./dynamics.ts";
export {
  type RankerName,
  RANKERS,
  type RuleParams,
  ruleParams,
  type RuleParamsInput,
  RuleParamsSchema,
} from "./params.ts";
export {
  RulePopulation,
  type RulePopulationState,
  type RuleSimOptions,
  type RuleStep,
} from "./rule_population.ts";
export { type RuleRun, simulateRule } from "./rule_sim.ts";
export {
  countPopulation,
  type PopulationArrays,
  populationArrays,
  restoreArrays,
  snapshotArrays,
} from "./rule_state.ts";
export { ruleStep, type StepInputs } from "./rule_step.ts";
export { initialMood, parseSeedEvent } from "./seed_event.ts";
export { StepStream } from "./stream.ts";
export { lexiconEmotion, ruleText } from "./texts.ts";
export {
  type Attitude,
  attitudeOf,
  ATTITUDES,
  BEHAVIOURS,
  EMOTION_LEVELS,
  type EmotionLevel,
  type S3Behaviour,
  type S3LogEvent,
  type SeedEvent,
  type SeedEventInput,
  SeedEventSchema,
  type StepStats,
  toJsonl,
} from "./types.ts";
