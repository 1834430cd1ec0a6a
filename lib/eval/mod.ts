/**
 * The paper's evaluations as reusable protocols: selection accuracy (Table 3), believability
 * of behaviour sequences (Tables 4–5), memory ratings with ablations (Table 2), efficiency
 * of the LLM engine (P1–P4) and consistency of chats and posts at checkpoints, each with
 * exports for people to rate and imports that name every bad row. The paper's own numbers
 * live in `paper.ts`, always labelled.
 *
 * @module
 */
export {
  PAPER_COST_PER_ROUND_10_AGENTS,
  PAPER_EFFICIENCY,
  PAPER_PAIRS,
  PAPER_TABLE3,
} from "./paper.ts";
export {
  buildTask,
  drawNegatives,
  heldOutPairs,
  type HistoryEntry,
  type NegativeSampling,
  readSelectionData,
  sampleUsers,
  type SelectionData,
  type SelectionTask,
  trainingCatalog,
} from "./selection_data.ts";
export {
  agentFromHistory,
  type HistoryAgent,
  type HistoryAgentOptions,
  historySentence,
  profileOfUser,
} from "./selection_agent.ts";
export {
  CANDIDATES_HEADER,
  mapPicks,
  SELECTION_QUERY,
  selectionMessages,
  type SelectionReply,
  selectionReplySchema,
} from "./selection_prompt.ts";
export {
  createSelector,
  embeddingSelector,
  llmSelector,
  type LlmSelectorOptions,
  popularSelector,
  randomSelector,
  ruleSelector,
  type SelectionInput,
  type SelectionPick,
  type Selector,
  SELECTOR_IDS,
} from "./selectors.ts";
export {
  formatSelectionTable,
  hits,
  overlapRatio,
  paperCells,
  type SelectionCell,
  type SelectionRow,
  selectionTable,
} from "./selection_score.ts";
export {
  parsePairs,
  runSelection,
  type SelectionOptions,
  type SelectionResult,
} from "./selection_run.ts";
export { selectionCsv, selectionPlot, writeSelection } from "./selection_report.ts";
export { readSheet, score15, type SheetRow, toCsv } from "./rating_csv.ts";
export {
  type BehaviourSequence,
  BELIEVABILITY_CODEBOOK,
  type BlindPair,
  blindPairs,
  generateSequences,
  keyCsv,
  PAIR_COLUMNS,
  pairsCsv,
  REAL_SOURCE,
  type SequenceOptions,
} from "./believability.ts";
export {
  judgeReplySchema,
  type Judgment,
  type Level,
  type LevelRow,
  LEVELS,
  levelTable,
  llmJudge,
  parseJudgments,
  unblind,
  type Unblinded,
} from "./believability_judge.ts";
export {
  llmRateMemories,
  MEMORY_CODEBOOK,
  MEMORY_COLUMNS,
  MEMORY_VARIANTS,
  type MemoryItem,
  memoryItems,
  memoryKeyCsv,
  type MemoryRating,
  memoryRatingSchema,
  type MemoryScoreRow,
  memorySheetCsv,
  memoryTable,
  parseMemoryRatings,
} from "./memory_eval.ts";
export {
  type BehaviourTiming,
  cycledProfiles,
  type EfficiencyOptions,
  type EfficiencyResult,
  type EfficiencySweep,
  formatEfficiency,
  measureEfficiency,
  poolBehaviours,
  type PooledBehaviour,
  type RoundTiming,
  sweepEfficiency,
  type SweepRow,
} from "./efficiency.ts";
export { behaviourLabel, type TimedCall, TimedLlm } from "./timed_llm.ts";
export {
  applicable,
  collectConversations,
  CONVERSATION_QUESTIONS,
  type ConversationItem,
  conversationItems,
  type ConversationOptions,
  type ConversationQuestion,
  NOT_APPLICABLE,
  profileLine,
  QUESTION_TEXT,
} from "./conversation_eval.ts";
export {
  CONVERSATION_CODEBOOK,
  CONVERSATION_COLUMNS,
  type ConversationRating,
  type ConversationScoreRow,
  conversationSheetCsv,
  conversationTable,
  parseConversationRatings,
} from "./conversation_eval_sheet.ts";
export {
  conversationPrompt,
  conversationReplySchema,
  llmRateConversations,
} from "./conversation_eval_rater.ts";
export {
  type CascadeEvalOptions,
  type CascadeEvaluation,
  cascadesJson,
  type EvalCascade,
  evaluateCascades,
  formatCascadeTable,
} from "./cascades.ts";
export {
  defaultFollowerGraph,
  keepScorable,
  loadCascadeLayout,
  selectCascades,
} from "./cascades_data.ts";
export { writeTwitterLayout } from "./cascades_layout.ts";
export {
  movieLensFiles,
  type SyntheticLog,
  syntheticMovieLens,
  type SyntheticOptions,
  writeSyntheticMovieLens,
} from "./synthetic_movielens.ts";
export { cutoffOf, RatingTimeline } from "./selection_time.ts";
export { type FitReport, type LogScores, logScores } from "./selection_fitted.ts";
export { describeFit, describeSelection } from "./selection_summary.ts";
export { fitOnMovieLens } from "./fitted_log.ts";
export {
  formatRatingTable,
  PEER_RMSE,
  type RatingCell,
  type RatingRow,
  type RatingsOptions,
  type RatingsResult,
  ratingTable,
  runRatings,
} from "./ratings_run.ts";
export { ExplicitAls } from "./ratings_als.ts";
export { llmRatings, ratingMessages, ratingReplySchema } from "./ratings_llm.ts";
export {
  formatRealismTable,
  type RealismCell,
  realismJson,
  type RealismOptions,
  type RealismResult,
  runRealism,
} from "./realism_run.ts";
export {
  type Behaviour,
  compare,
  REALISM_MEASURES,
  type RealismMeasure,
  referenceValues,
  summarise,
} from "./realism_measures.ts";
export { RandomBrain } from "./realism_random.ts";
export {
  calibrate,
  type Calibration,
  fitScore,
  type FitSetup,
  type SearchSpace,
  type Trial,
} from "./calibrate_spread.ts";
export { loadCountCsv, parseCountCsv } from "./count_csv.ts";
export {
  awareRows,
  cascadeFromLog,
  type StateShares,
  stateShares,
  textEmotionRows,
} from "./spread_measures.ts";
export {
  loadTwitterDir,
  parseLabels,
  parseTwitterTree,
  type TreeOptions,
  type TreeReport,
  type TwitterCascade,
} from "./twitter_tree.ts";
