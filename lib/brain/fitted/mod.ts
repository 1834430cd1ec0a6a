/**
 * The fitted choice model: a multinomial logit with a no-choice option over collaborative,
 * popularity, genre-taste and recency features, fitted by maximum likelihood on a real rating
 * log, with calibrated 1–5 ratings; and the brain that lets agents aligned to real users use it.
 *
 * @module
 */
export { Cooccurrence, type LogView } from "./cooccurrence.ts";
export { choiceFeatures, FEATURE_NAMES, type HistoryPoint, predictRating } from "./features.ts";
export { FittedBrain, type FittedBrainOptions } from "./fitted_brain.ts";
export { type ChoiceObservation, fitMnl, type MnlFit, mnlLogProbs } from "./mnl.ts";
export { fitChoiceModel, type FittedModel } from "./model.ts";
export {
  type LogQuery,
  type LogRating,
  type RatingLog,
  replayLog,
  type TrainingOptions,
  trainingQueries,
} from "./training.ts";
