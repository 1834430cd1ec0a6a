/**
 * The recommender: catalogues and their loaders, recommenders behind one interface,
 * exploration, pages that never repeat, search, and a factory from a zod config.
 *
 * @module
 */
export { Catalog, titleKey } from "./catalog.ts";
export { ML100K_GENRES, VEGA_CREATIVE_GENRES, VEGA_MAJOR_GENRES, vegaGenres } from "./genres.ts";
export { InteractionMatrix } from "./interaction_matrix.ts";
export {
  emptyReport,
  type Interaction,
  InteractionSchema,
  type Item,
  ItemSchema,
  type LoadReport,
  noteReport,
  type ScoredItem,
} from "./item.ts";
export { type ItemKnnOptions, ItemKnnRecommender } from "./item_knn.ts";
export {
  type LoadedMovieLens,
  loadMovieLens,
  movieLensCatalog,
  ratingsToInteractions,
} from "./load_movielens.ts";
export { loadUserCatalog, parseUserCsv, parseUserJson, UserItemRowSchema } from "./load_user.ts";
export {
  cleanVegaMovies,
  type LoadedCatalog,
  loadVegaCatalog,
  readVegaMovies,
} from "./load_vega.ts";
export { type MfOptions, MfRecommender } from "./mf_als.ts";
export { repairMacRoman } from "./mojibake.ts";
export {
  decodeLatin1,
  type MovieLensFormat,
  type MovieLensItem,
  type ParsedItems,
  parseMl100kItems,
  parseMl1mItems,
  parseRatings,
  type Rating,
  splitTitle,
} from "./movielens_parse.ts";
export { PopularRecommender } from "./popular.ts";
export { RandomRecommender } from "./random.ts";
export {
  type Recommender,
  type RecommenderState,
  type RecommendOptions,
  ScoringRecommender,
} from "./recommender.ts";
export { type IndexScore, topK } from "../core/top_k.ts";
export { sampleIndices, UserStreams } from "./user_streams.ts";
export {
  createRecommender,
  ExplorationConfigSchema,
  type RecommenderConfig,
  RecommenderConfigSchema,
} from "./config.ts";
export {
  type ExplorationOptions,
  ExplorationRecommender,
  type ExploredItem,
} from "./exploration.ts";
export { Pager, type PagerState, PagerStateSchema, servePage } from "./pager.ts";
export { ItemSearch, type SearchHit } from "./search.ts";
