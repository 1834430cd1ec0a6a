/**
 * Brains: the action schema, decision contexts, the Brain interface, and the four brains that
 * implement it: the LLM brain (behaviour-adaptive prompts, one structured call per decision),
 * the rule brain (RecSim-style choice model, the offline default and the paper's "RecSim"
 * baseline), the embedding baseline, and the human brain (callback or web seat). Plus
 * interviews, explanations, a per-agent registry for swapping brains, and a config factory.
 *
 * @module
 */
export {
  type Action,
  actionFits,
  type ActionOf,
  ACTIONS_BY_BEHAVIOUR,
  actionSchema,
  answerActionSchema,
  type Behaviour,
  chatActionSchema,
  chooseActionSchema,
  DECISION_BEHAVIOURS,
  dialogueLineSchema,
  feelActionSchema,
  leaveActionSchema,
  nextPageActionSchema,
  nothingActionSchema,
  postActionSchema,
  searchActionSchema,
  watchActionSchema,
} from "./action.ts";
export type {
  AgentState,
  BrowseContext,
  ChooseContext,
  DecisionContext,
  FeelContext,
  FriendView,
  InterviewContext,
  SeenItem,
  SimTime,
  SocialContext,
} from "./context.ts";
export { type Brain, type BrainKind, type Decision, fallbackAction } from "./brain.ts";
export { ExplainLog, type Explanation } from "./explain.ts";
export { checkAction, type CheckedAction, describeAction } from "./validate.ts";
export { HumanBrain, type HumanBrainOptions, type HumanCallback, HumanSeat } from "./human.ts";
export { interview, type InterviewAnswer } from "./interview.ts";
export { BrainRegistry } from "./registry.ts";
export {
  type BrainConfig,
  type BrainConfigInput,
  brainConfigSchema,
  type BrainDeps,
  createBrain,
} from "./factory.ts";
export { buildPrompt } from "./prompts/build.ts";
export {
  parseTemplate,
  placeholders,
  renderTemplate,
  type TemplateNode,
  type TemplateValue,
  type TemplateVars,
} from "./prompts/render.ts";
export {
  loadTemplates,
  type PromptTemplates,
  TEMPLATE_NAMES,
  TEMPLATE_SPECS,
  templateHash,
  type TemplateName,
  type TemplateSpec,
  validateTemplate,
  withTemplates,
} from "./prompts/templates.ts";
export { asData, profileText, promptVars, socialSignals } from "./prompts/views.ts";
export { LlmBrain, type LlmBrainOptions } from "./llm/llm_brain.ts";
export { bracketedNames, type MappedReply, mapReply, mentionedItems } from "./llm/map_reply.ts";
export {
  type BrowseReply,
  browseReplySchema,
  type ChooseReply,
  chooseReplySchema,
  type FeelReply,
  feelReplySchema,
  type InterviewReply,
  interviewReplySchema,
  type Reply,
  replySchema,
  type SocialReply,
  socialReplySchema,
} from "./llm/schemas.ts";
export {
  DEFAULT_RULE_CONFIG,
  type RuleConfig,
  type RuleConfigInput,
  ruleConfigSchema,
} from "./rule/config.ts";
export {
  browseRule,
  chooseRule,
  feelRule,
  interviewRule,
  type RuleOutcome,
  socialRule,
} from "./rule/decisions.ts";
export { driftInterests } from "./rule/drift.ts";
export { RULE_BRAIN_NAME, RuleBrain, type RuleBrainOptions } from "./rule/rule_brain.ts";
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
} from "./rule/taste.ts";
export { chatDialogue, feelingText, postText, reasonPhrase } from "./rule/text.ts";
export {
  itemUtility,
  logitProbabilities,
  socialSignal,
  type UtilityInputs,
  type UtilityTerms,
} from "./rule/utility.ts";
export {
  EmbeddingBrain,
  type EmbeddingBrainOptions,
  itemText,
} from "./embedding/embedding_brain.ts";
export {
  type HeardOpinion,
  LlmSurveyor,
  RuleSurveyor,
  statedScore,
  type SurveyAnswer,
  type SurveyContext,
  type Surveyor,
  type SurveyQuestion,
} from "./survey/mod.ts";
export {
  fitChoiceModel,
  FittedBrain,
  type FittedBrainOptions,
  type FittedModel,
} from "./fitted/mod.ts";
export type { FeedPost } from "./context.ts";
export type { Mood } from "./brain.ts";
export {
  type AgentProfile,
  FeedBrain,
  type FeedBrainOptions,
  type FeedItem,
  FeedReader,
  LlmS3Brain,
  RuleS3Brain,
  type S3Brain,
  type S3Context,
  type S3Decision,
  s3Prompt,
  type S3Reply,
  S3ReplySchema,
} from "./social/mod.ts";
