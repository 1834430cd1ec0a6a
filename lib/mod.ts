/**
 * Socius: simulate people with LLM-powered agents in recommender systems and social networks.
 * The names most studies need, from every module; each module's own `mod.ts` has the rest.
 *
 * The surface follows Mesa: `createSimulation(scenario)` gives an engine to `step()` or
 * `run()`; `AgentSet.of(engine)` queries its agents; `addReporters(engine, …)` adds model- and
 * agent-level reporters to the engine's data collector; `batchRun` runs a grid × seeds and
 * `summarise` turns its table into means, intervals and effect sizes.
 *
 * @example Step a run, query agents, collect a reporter
 * ```ts
 * import { addReporters, AgentSet, createSimulation } from "@lib/mod.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 6 } });
 * const collector = addReporters(engine, { agent: { watched: (a) => a.state.watched.length } });
 * await engine.step();
 * await engine.step();
 * const busiest = AgentSet.of(engine).sortBy("watched", { descending: true }).first(1);
 * assert.equal(collector.agentTable().numRows(), 2 * 6);
 * assert.equal(busiest.len, 1);
 * ```
 *
 * @example A tiny offline run
 * ```ts
 * import { createSimulation, entropyByRound } from "@lib/mod.ts";
 * import assert from "node:assert/strict";
 * const engine = await createSimulation({ rounds: 2, agents: { source: "csv", count: 6 } });
 * await engine.run();
 * assert.equal(entropyByRound(engine).length > 0, true);
 * ```
 *
 * @module
 */
export {
  ConfigError,
  DataError,
  envNumber,
  envString,
  meanCI,
  Rng,
  runSize,
  SociusError,
} from "./core/mod.ts";
export {
  cosine,
  createLlmFromEnv,
  type Embedder,
  HashedEmbedder,
  LlmClient,
  OpenAIEmbedder,
  type StructuredLlm,
} from "./llm/mod.ts";
export {
  alignedProfiles,
  generateProfiles,
  Population,
  type Profile,
  profileSchema,
  readMovieLens,
  readProfilesCsv,
  simplifyProfile,
  synthesizeProfiles,
} from "./profile/mod.ts";
export { AgentMemory, memoryConfig } from "./memory/mod.ts";
export {
  type Action,
  type Brain,
  createBrain,
  type Decision,
  EmbeddingBrain,
  HumanBrain,
  HumanSeat,
  interview,
  LlmBrain,
  loadTemplates,
  RuleBrain,
} from "./brain/mod.ts";
export {
  Catalog,
  createRecommender,
  type Item,
  ItemSearch,
  loadMovieLens,
  loadUserCatalog,
  loadVegaCatalog,
  type Recommender,
} from "./recsys/mod.ts";
export {
  addHeterogeneousFriends,
  barabasiAlbert,
  forceLayout,
  graphPlot,
  homophilyGraph,
  loadEdgeCsv,
  loadGml,
  loadSnapEdges,
  SocialGraph,
  wattsStrogatz,
} from "./social/mod.ts";
export {
  addReporters,
  type AgentCriteria,
  type AgentRow,
  AgentSet,
  batchRun,
  type BatchRunOptions,
  createSimulation,
  DataCollector,
  defineScenario,
  Engine,
  entropyByRound,
  estimateRun,
  eventTable,
  exportTable,
  exportTables,
  exposureRows,
  forkSimulation,
  loadScenario,
  loadSimulation,
  parseScenario,
  type Reporters,
  resumeSimulation,
  type RoundSummary,
  runTables,
  type Scenario,
  type ScenarioInput,
  statePanel,
  topItems,
} from "./sim/mod.ts";
export {
  attitudeChange,
  bootstrapCI,
  cohensD,
  nrmse,
  recagentEntropy,
  recagentEntropyByRound,
  scoreSpread,
  summarise,
  summariseReplicates,
  userEntropy,
} from "./metrics/mod.ts";
export { compareCascades } from "./metrics/cascade_compare.ts";
export { independentCascade, linearThreshold, simulateRule } from "./social/spread/mod.ts";
export { loadTwitterDir } from "./eval/twitter_tree.ts";
export { simulateAgents } from "./sim/agent_spread.ts";
export { FeedBrain, LlmS3Brain, RuleS3Brain } from "./brain/social/mod.ts";
export { seedFeedEvent } from "./sim/feed_seed.ts";
export { forkPopulation, runPopulation } from "./sim/population.ts";
export {
  crosstab,
  figure,
  frameSchema,
  frameView,
  fromDataFrame,
  html,
  panelView,
  show,
  tableView,
  toDataFrame,
} from "./viz/mod.ts";
export {
  armSummary,
  bands,
  binnedAc,
  calibrateHerding,
  CONFORMITY_ARMS,
  conformityAblation,
  display,
  MUCHNIK_2013,
  MUSICLAB_CONDITIONS,
  musicLabExperiment,
  runBranches,
  runCocoon,
  runCocoonArms,
  runConformity,
  runMusicLab,
  simulateHerding,
  studyEnv,
} from "./studies/mod.ts";
export { HERDING_FIT } from "./brain/rule/herding_fit.ts";
export { unpredictability } from "./metrics/unpredictability.ts";
export { fitInterestDrift, syntheticDriftLog } from "./metrics/interest_drift.ts";
export { driftSource } from "./studies/drift_source.ts";
export { herdingRidge, type RidgePoint } from "./studies/herding_ridge.ts";

// What the notebooks call, so that a notebook imports only this file.
// Core: distribution fits.
export { fitParetoAlpha } from "./core/stats.ts";
// LLM layer: the bundled local server (for fault and dry runs) and its handle.
export { isLocalLlm, stopLocalLlmOf } from "./llm/local_llm_client.ts";
export { startLocalServer } from "./llm/local_server.ts";
// A configured server or a model on this machine, in one call.
export { llmFromEnvironment } from "./llm/llm_for_notebook.ts";
// Profiles and memory.
export { defaultProfilesPath } from "./profile/handcrafted.ts";
export { interestGenres } from "./profile/genres.ts";
export { profilePrompt } from "./profile/simplify.ts";
export { stageCounts } from "./memory/mod.ts";
// Simulation: events, news shocks, memory rows.
export { type SimEvent } from "./sim/events.ts";
export { attachNewsEvent, memoryRows } from "./sim/mod.ts";
export {
  NEWS_ARMS,
  type NewsArm,
  runNewsAndMovies,
  runNewsArm,
} from "./studies/news_and_movies.ts";
// Social graphs, spread baselines and cascade measures.
export { inducedSubgraph } from "./social/mod.ts";
export { deGroot, voterModel } from "./social/spread/baselines.ts";
export { inboxCsr } from "./social/spread/mod.ts";
export { emotionDensity } from "./metrics/emotion.ts";
export { msed, pearson } from "./metrics/curves.ts";
export { lowerMedian } from "./metrics/lower_median.ts";
export { mean } from "./metrics/descriptive.ts";
export {
  defaultFollowerGraph,
  evaluateCascades,
  keepScorable,
  loadCascadeLayout,
  stateShares,
  textEmotionRows,
  writeTwitterLayout,
} from "./eval/mod.ts";
// Evaluation: selection accuracy, ratings, realism.
export { readSelectionData } from "./eval/selection_data.ts";
export { createSelector } from "./eval/selectors.ts";
export { runSelection } from "./eval/selection_run.ts";
export { formatSelectionTable } from "./eval/selection_score.ts";
export { selectionPlot } from "./eval/selection_report.ts";
export { describeFit, describeSelection } from "./eval/selection_summary.ts";
export { writeSyntheticMovieLens } from "./eval/synthetic_movielens.ts";
export { formatRatingTable, PEER_RMSE, runRatings } from "./eval/ratings_run.ts";
export { formatRealismTable, realismJson, runRealism } from "./eval/realism_run.ts";
export { REALISM_MEASURES } from "./eval/realism_measures.ts";
// Evaluation: believability, conversations and memory rated by people and by an LLM.
export { toCsv } from "./eval/rating_csv.ts";
export { genreOverlapJudgments, titleOverlapScores } from "./eval/simulated_raters.ts";
export {
  BELIEVABILITY_CODEBOOK,
  blindPairs,
  generateSequences,
  keyCsv,
  pairsCsv,
  REAL_SOURCE,
} from "./eval/believability.ts";
export {
  LEVELS,
  levelTable,
  llmJudge,
  parseJudgments,
  unblind,
} from "./eval/believability_judge.ts";
export {
  collectConversations,
  CONVERSATION_CODEBOOK,
  type ConversationItem,
  conversationSheetCsv,
  conversationTable,
  llmRateConversations,
  parseConversationRatings,
} from "./eval/mod.ts";
export {
  llmRateMemories,
  MEMORY_CODEBOOK,
  memoryItems,
  memoryKeyCsv,
  memorySheetCsv,
  memoryTable,
  parseMemoryRatings,
} from "./eval/memory_eval.ts";
// Evaluation: cost and speed, with the paper's figures to compare against.
export { measureEfficiency, poolBehaviours, sweepEfficiency } from "./eval/efficiency.ts";
export { PAPER_COST_PER_ROUND_10_AGENTS, PAPER_EFFICIENCY } from "./eval/paper.ts";
export { S3_PAPER_SPREAD } from "./eval/s3_paper.ts";
// Display and the dashboard.
export { logHistogram } from "./viz/log_histogram.ts";
export { figuresDir } from "./viz/paths.ts";
export { DashboardSession, startDashboard } from "./web/mod.ts";
