/**
 * Surveys: 1–10 answers agents give when asked (a movie's score, satisfaction with the
 * recommendations), by the rule model or an LLM.
 *
 * @module
 */
export { LlmSurveyor, surveyMessages } from "./llm_survey.ts";
export {
  opinionWeight,
  ownScore,
  type RuleSurveyConfig,
  ruleSurveyConfigSchema,
  RuleSurveyor,
  type RuleSurveyorOptions,
} from "./rule_survey.ts";
export {
  fallbackAnswer,
  type HeardOpinion,
  type SatisfactionQuestion,
  type ScoreQuestion,
  statedScore,
  type SurveyAnswer,
  surveyAnswerSchema,
  type SurveyContext,
  type Surveyor,
  type SurveyQuestion,
  surveyReplySchema,
} from "./survey.ts";
