/**
 * Phenomena studies: information cocoons, conformity, and intervention branches, with
 * replicate seeds, on the rule brain or any LLM.
 *
 * @module
 */
export {
  type BranchOptions,
  type BranchRun,
  type BranchTrace,
  runBranches,
  traceOf,
} from "./branches.ts";
export {
  type CocoonOptions,
  type CocoonRun,
  cocoonScenario,
  type CocoonSetting,
  runCocoon,
  runCocoonArms,
} from "./cocoon.ts";
export {
  type AblationArm,
  binnedAc,
  CONFORMITY_ARMS,
  conformityAblation,
  type ConformityArm,
  type ConformityOptions,
  type ConformityRun,
  pickTargetItem,
  runConformity,
  SOCIAL_FOCUS,
} from "./conformity.ts";
export { type StudyBrain, type StudyEnv, studyEnv, surveyorFor } from "./env.ts";
export { PAPER_COCOON, PAPER_CONFORMITY, percentAbove } from "./reference.ts";
export { armSummary, type BandRow, bands } from "./replicates.ts";
export { display } from "./display.ts";
export {
  calibrateHerding,
  HERDING_WORLD,
  type HerdingEffects,
  type HerdingFit,
  type HerdingParams,
  type HerdingResult,
  type HerdingWorld,
  MUCHNIK_2013,
  simulateHerding,
} from "./herding.ts";
export {
  type Interval,
  MUSICLAB_CONDITIONS,
  type MusicLabCondition,
  musicLabExperiment,
  type MusicLabOptions,
  type MusicLabRun,
  musicLabSongs,
  type MusicLabSummary,
  runMusicLab,
  type Song,
} from "./musiclab.ts";
export {
  COMMITTED_MUSICLAB,
  musicLabLlmDryRun,
  type MusicLabLlmSection,
  readMusicLabLlmSection,
} from "./musiclab_llm.ts";
export {
  COMMITTED_SATISFACTION_LLM,
  readSatisfactionLlmRecord,
  satisfactionLlmDryRun,
  type SatisfactionLlmRecord,
} from "./satisfaction_llm.ts";
export { DEFAULT_DRIFT, type DriftSource, driftSource } from "./drift_source.ts";
