/**
 * Former home of the S3 social-network simulation, kept so that `@lib/s3/...` imports keep
 * resolving while they move to the one engine's modules.
 *
 * @deprecated Import from the new homes instead: lib/social/spread (rule dynamics, baselines,
 * seed events), lib/brain/social (feed brains), lib/sim/agent_spread.ts (object-based runs),
 * lib/eval (calibration, Twitter trees, count curves, spread measures),
 * lib/metrics/cascade_compare.ts, lib/profile/demographics.ts, lib/social/feed_rank.ts and
 * lib/memory/message_pool.ts.
 *
 * @module
 */
export * from "@lib/social/spread/mod.ts";
export * from "@lib/brain/social/mod.ts";
export { type AgentRun, type AgentSimOptions, simulateAgents } from "@lib/sim/agent_spread.ts";
export {
  calibrate,
  type Calibration,
  fitScore,
  type FitSetup,
  type SearchSpace,
  type Trial,
} from "@lib/eval/calibrate_spread.ts";
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
} from "@lib/metrics/cascade_compare.ts";
export { loadCountCsv, parseCountCsv } from "@lib/eval/count_csv.ts";
export {
  type Demographics,
  DemographicsSchema,
  inferDemographics,
} from "@lib/profile/demographics.ts";
export { feedScore, rankFeed, type RankInput, type RankSettings } from "@lib/social/feed_rank.ts";
export {
  awareRows,
  cascadeFromLog,
  type StateShares,
  stateShares,
  textEmotionRows,
} from "@lib/eval/spread_measures.ts";
export { type Memory, type Message, MessagePool } from "@lib/memory/message_pool.ts";
export {
  loadTwitterDir,
  parseLabels,
  parseTwitterTree,
  type TreeOptions,
  type TreeReport,
  type TwitterCascade,
} from "@lib/eval/twitter_tree.ts";
