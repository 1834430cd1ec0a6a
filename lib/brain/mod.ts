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
  BEHAVIOURS,
  chatActionSchema,
  chooseActionSchema,
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
export * from "./prompts/mod.ts";
export * from "./llm/mod.ts";
export * from "./rule/mod.ts";
export * from "./embedding/mod.ts";
