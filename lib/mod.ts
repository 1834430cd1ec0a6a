/**
 * Socius: simulate people with LLM-powered agents in recommender systems and social networks.
 * The names most studies need, from every module; each module's own `mod.ts` has the rest.
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
  startLocalServer,
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
  createSimulation,
  Engine,
  entropyByRound,
  estimateRun,
  eventTable,
  exportTable,
  exposureRows,
  forkSimulation,
  loadScenario,
  loadSimulation,
  panelView,
  parseScenario,
  resumeSimulation,
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
export { figure, html, show, tableView } from "./viz/mod.ts";
