/**
 * The simulation: scenarios, worlds, the engine, run folders, branching, budgets and the tables
 * and summaries a notebook reads from a run.
 *
 * @module
 */
export { activeAgents, drawActivity } from "./activity.ts";
export { type AgentCriteria, type AgentKey, type AgentRow, AgentSet } from "./agent_set.ts";
export {
  type BatchPoint,
  batchRun,
  type BatchRunOptions,
  type Grid,
  gridPoints,
  setPath,
} from "./batch_run.ts";
export { addReporters, type Reported, type Reporters } from "./collect.ts";
export { defineScenario } from "./define_scenario.ts";
export { type InboxMessage, initialState, type SimAgent } from "./agent.ts";
export { type EstimateOptions, type EstimateRow, estimateRun, MEASURED_TOKENS } from "./budget.ts";
export { budgetStop } from "./budget_cap.ts";
export { applyTurns, deliverMessages, type TurnTotals } from "./round_effects.ts";
export {
  type BrainAssignment,
  type BuildOptions,
  buildWorld,
  type Built,
  PROJECT_ROOT,
  scenarioBrain,
} from "./build.ts";
export { simHours, simTime } from "./clock.ts";
export { type AgentReporter, DataCollector, type ModelReporter } from "./collector.ts";
export { Engine, type EngineOptions, type Progress, type RoundSummary } from "./engine.ts";
export { EventLog } from "./event_log.ts";
export {
  type EventDraft,
  eventLine,
  type SimEvent,
  type SurveyEvent,
  surveyEventSchema,
} from "./events.ts";
export { applyIntervention, type InterventionRecord } from "./interventions.ts";
export { MemoryAdapter } from "./memory_port.ts";
export type { MemoryPort, SearchPort } from "./ports.ts";
export { formatProgress, progressPrinter } from "./progress.ts";
export {
  type Checkpoint,
  type Manifest,
  type OpenOptions,
  RunStore,
  writeAtomic,
} from "./run_store.ts";
export { checkRunName, isRunFolder, prepareRunFolder, runFolderPath } from "./run_folder.ts";
export { acquireRunLock, type LockInfo, otherWriter, releaseRunLock } from "./run_lock.ts";
export { parseCheckpoint, verifyLog } from "./run_verify.ts";
export { type LogCover, LogDigest } from "./log_digest.ts";
export { reconcileResume, type ResumeChange } from "./resume_check.ts";
export {
  type BrainShare,
  type BrainSpec,
  type Intervention,
  type InterventionInput,
  interventionSchema,
  loadScenario,
  parseScenario,
  type Scenario,
  type ScenarioInput,
  scenarioNeedsLlm,
  scenarioSchema,
} from "./scenario.ts";
export { assignBrains } from "./brain_mix.ts";
export {
  createSimulation,
  forkSimulation,
  loadSimulation,
  resumeSimulation,
  type SimulationOptions,
} from "./simulation.ts";
export { captureWorld, restoreWorld, type WorldState } from "./state.ts";
export { entropyByRound, memoryRows, type StatePanel, statePanel, topItems } from "./summary.ts";
export {
  type CollectorTables,
  consumptionRows,
  eventTable,
  exportTable,
  exportTables,
  exposureRows,
  type MessageRow,
  messageRows,
  ratingRows,
  runTables,
} from "./tables.ts";
export { type DriftFn, type Outgoing, runTurn, type TurnOutput } from "./turn.ts";
export { type ExplorationSetting, World } from "./world.ts";
export {
  forkPopulation,
  type PopulationOptions,
  type PopulationRun,
  runPopulation,
} from "./population.ts";
export { type FeedSeed, seedFeedEvent } from "./feed_seed.ts";
export { type FeedSettings, SocialFeed } from "./social_feed.ts";
export { attachNewsEvent, type NewsEvent, type NewsEventOptions } from "./news_event.ts";
export { type AgentRun, type AgentSimOptions, simulateAgents } from "./agent_spread.ts";
