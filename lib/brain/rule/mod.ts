/**
 * The rule brain (RecSim-style choice model): weights, taste and utility, decisions per
 * behaviour, templated words, and interest drift.
 *
 * @module
 */
export {
  DEFAULT_RULE_CONFIG,
  type RuleConfig,
  type RuleConfigInput,
  ruleConfigSchema,
} from "./config.ts";
export {
  browseRule,
  chooseRule,
  feelRule,
  interviewRule,
  type RuleOutcome,
  socialRule,
} from "./decisions.ts";
export { driftInterests } from "./drift.ts";
export { RULE_BRAIN_NAME, RuleBrain, type RuleBrainOptions } from "./rule_brain.ts";
export {
  canonicalGenre,
  canonicalWeights,
  consumedShares,
  initialGenreWeights,
  itemGenres,
  type ItemLookup,
  normalised,
  novelty,
  profileMatch,
  stateMatch,
  topInterests,
} from "./taste.ts";
export { chatDialogue, feelingText, postText, reasonPhrase } from "./text.ts";
export {
  itemUtility,
  logitProbabilities,
  type UtilityInputs,
  type UtilityTerms,
} from "./utility.ts";
export {
  audienceEffect,
  beliefShift,
  expectedValue,
  ratingFromExperience,
  socialSignal,
} from "./belief.ts";
export { HERDING_FIT } from "./herding_fit.ts";
