/**
 * Metrics: pure functions over plain rows (or arquero tables) from a run's log. They know
 * nothing of the engine, so they work on saved runs and live ones alike.
 *
 * @module
 */
export { type CascadeEdge, cascadeOverTime, type CascadeShape, cascadeShape } from "./cascade.ts";
export {
  attitudeChange,
  followShare,
  type MentionRow,
  ratingShift,
  scoreSpread,
  type ScoreSpreadRow,
  type SignalRow,
} from "./conformity.ts";
export {
  awareCurve,
  minMaxNormalise,
  msed,
  nrmse,
  pearson,
  resampleStep,
  timeGrid,
  type TimePoint,
} from "./curves.ts";
export { mean, std } from "./descriptive.ts";
export { summarise, type SummariseOptions } from "./summarise.ts";
export { quantile } from "../core/stats.ts";
export {
  catalogCoverage,
  consumptionOverlap,
  distinctGenres,
  exposureGini,
  gini,
  intraListDiversity,
  jaccard,
  pageDiversity,
} from "./diversity.ts";
export {
  EMOTION_LEVELS,
  emotionDensity,
  type EmotionDensityRow,
  type EmotionLevel,
  type EmotionRow,
} from "./emotion.ts";
export {
  type EntropyOptions,
  genreCounts,
  type GenreRow,
  recagentEntropy,
  recagentEntropyByRound,
  shannonEntropy,
  userEntropy,
  type UserEntropyRow,
} from "./entropy.ts";
export {
  averageRating,
  clickThrough,
  type HeldOutRow,
  hitRateAtK,
  ndcgAtK,
  type RankedList,
  watchRate,
} from "./quality.ts";
export {
  bootstrapCI,
  type BootstrapOptions,
  cohensD,
  percentChangeFromPeak,
  type ReplicateRow,
  type ReplicateSummary,
  summariseReplicates,
} from "./replicates.ts";
export {
  type ConsumptionRow,
  type ExposureRow,
  groupBy,
  type RatingRow,
  type RowsInput,
  toRows,
} from "./rows.ts";
export { ksDistance, meanPairwiseJaccard, topShare } from "./realism.ts";
export { unpredictability } from "./unpredictability.ts";
export {
  type DriftFit,
  type DriftFitOptions,
  type DriftLog,
  fitInterestDrift,
  syntheticDriftLog,
} from "./interest_drift.ts";
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
} from "./cascade_compare.ts";
