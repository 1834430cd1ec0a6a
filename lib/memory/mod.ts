/**
 * Agent memory: sensory, short-term, long-term, reflection and forgetting, with ablation
 * switches, an event log and checkpoints.
 *
 * @module
 */
export {
  AgentMemory,
  type AgentMemoryOptions,
  type MemoryHooks,
  type Retrieval,
  type Retrieved,
} from "./agent_memory.ts";
export {
  type MemoryConfig,
  memoryConfig,
  type MemoryConfigInput,
  memoryConfigSchema,
} from "./config.ts";
export { CachedEmbedder } from "./embed_cache.ts";
export { type MemoryRow, memoryRow, type StageCount, stageCounts } from "./inspect.ts";
export { type MemoryState, memoryStateSchema } from "./state.ts";
export {
  MEMORY_EVENT_TYPES,
  type MemoryEvent,
  type MemoryEventType,
  type MemoryStage,
} from "./events.ts";
export {
  clampImportance,
  MEMORY_KINDS,
  type MemoryKind,
  type MemoryRecord,
  type MemoryRecordJson,
  memoryRecordJsonSchema,
} from "./record.ts";
export {
  type InsightWriter,
  type Reflection,
  type Reflector,
  ruleInsight,
  ruleReflection,
  type Topic,
  topicsOf,
} from "./reflection.ts";
export {
  forgetProbability,
  recency,
  retrievalScore,
  type ScoreParts,
  strength,
} from "./scoring.ts";
export {
  firstSentence,
  IMPORTANCE_CUES,
  type Perceived,
  ruleImportance,
  RuleSensory,
  type SensoryProcessor,
} from "./sensory.ts";
export { llmInsightWriter, llmReflector, llmSensory, type MemoryOwner } from "./llm_hooks.ts";
export { type Memory as PoolMemory, type Message, MessagePool } from "./message_pool.ts";
