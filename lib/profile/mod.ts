/**
 * Profiles: the schema, three ways to build a population (handcrafted CSV, LLM-generated,
 * MovieLens-aligned), interests as canonical genres, and behaviour-adaptive views.
 *
 * @module
 */
export {
  type Feature,
  FEATURE_SENTENCES,
  FEATURES,
  featureSchema,
  featureSentences,
  type Profile,
  type ProfileInput,
  profileSchema,
} from "./schema.ts";
export {
  type Genre,
  GENRE_INTEREST_PHRASES,
  genreInterest,
  GENRES,
  INTEREST_GENRES,
  interestGenre,
  interestGenres,
  unmappedInterests,
} from "./genres.ts";
export { Population, Population as ProfileSet } from "./population.ts";
export { csvField, type CsvRecord, formatCsv, parseCsv } from "../core/csv.ts";
export {
  defaultProfilesPath,
  parseProfilesCsv,
  PROFILE_COLUMNS,
  profilesToCsv,
  readProfilesCsv,
  writeProfilesCsv,
} from "./handcrafted.ts";
export {
  drawSkeletons,
  generatedBatchSchema,
  generateProfiles,
  type GenerationResult,
  type PopulationSpec,
  populationSpecSchema,
  type ProfileSkeleton,
} from "./generated.ts";
export {
  ML1M_AGES,
  ML1M_OCCUPATIONS,
  type MlRating,
  type MlUser,
  type MovieLensData,
  parseMl100kUsers,
  parseMl1mUsers,
  parseMlItemGenres,
  parseMlItems,
  parseMlRatings,
  readMovieLens,
} from "./movielens_read.ts";
export {
  type AlignedOptions,
  alignedProfiles,
  type Level,
  tertileLevels,
  TRAIT_SENTENCES,
  type UserRatingStats,
} from "./movielens_profiles.ts";
export {
  BEHAVIOUR_VIEWS,
  profilePrompt,
  PROMPT_BEHAVIOURS,
  type PromptBehaviour,
  renderSimplifiedProfile,
  type SimplifiedProfile,
  simplifyProfile,
} from "./simplify.ts";
export { synthesizeProfiles } from "./synthesize.ts";
export { type Demographics, DemographicsSchema, inferDemographics } from "./demographics.ts";
