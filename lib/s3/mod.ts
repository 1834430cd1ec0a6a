/**
 * S3 social-network simulation: agents with emotion, attitude and a message memory pool read
 * ranked feeds and repost, post or do nothing (rule or LLM brain); a typed-array rule path
 * scales to 10⁵ agents; real cascades in the Twitter15/16 format are loaded and compared, with
 * IC/LT/Voter/DeGroot baselines and calibration of the rule brain.
 *
 * @module
 */
export { type AgentRun, type AgentSimOptions, simulateAgents } from "./agent_sim.ts";
export {
  deGroot,
  independentCascade,
  linearThreshold,
  type OpinionStep,
  type SpreadOptions,
  type SpreadRun,
  voterModel,
} from "./baselines.ts";
export type { AgentProfile, FeedItem, S3Brain, S3Context, S3Decision } from "./brain.ts";
export {
  calibrate,
  type Calibration,
  fitScore,
  type FitSetup,
  type SearchSpace,
  type Trial,
} from "./calibrate.ts";
export {
  CASCADE_MEASURES,
  type CascadeComparison,
  type CascadeCurves,
  cascadeCurves,
  type CascadeMeasure,
  compareCascades,
  type CompareOptions,
  type CurveFit,
  curveFit,
} from "./compare.ts";
export { loadCountCsv, parseCountCsv } from "./count_csv.ts";
export { type InboxCsr, inboxCsr } from "./csr.ts";
export { type Demographics, DemographicsSchema, inferDemographics } from "./demographics.ts";
export { boundedConfidence, emotionStep, shareProbability, withinConfidence } from "./dynamics.ts";
export { feedScore, rankFeed, type RankInput, type RankSettings } from "./feed.ts";
export { LlmS3Brain, s3Prompt, type S3Reply, S3ReplySchema } from "./llm_brain.ts";
export {
  awareRows,
  cascadeFromLog,
  type StateShares,
  stateShares,
  textEmotionRows,
} from "./measures.ts";
export { type Memory, type Message, MessagePool } from "./memory_pool.ts";
export {
  type RankerName,
  RANKERS,
  type RuleParams,
  ruleParams,
  type RuleParamsInput,
  RuleParamsSchema,
} from "./params.ts";
export { RuleS3Brain } from "./rule_brain.ts";
export {
  RulePopulation,
  type RulePopulationState,
  type RuleSimOptions,
  type RuleStep,
} from "./rule_population.ts";
export { type RuleRun, simulateRule } from "./rule_sim.ts";
export { StepStream } from "./stream.ts";
export { lexiconEmotion, ruleText } from "./texts.ts";
export {
  loadTwitterDir,
  parseLabels,
  parseTwitterTree,
  type TreeOptions,
  type TreeReport,
  type TwitterCascade,
} from "./twitter_tree.ts";
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
