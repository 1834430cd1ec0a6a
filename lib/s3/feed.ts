/**
 * Feed ranking now lives with the social network (lib/social/feed_rank.ts); these names stay
 * here so S3 code and notebooks keep working.
 *
 * @module
 */
export {
  feedScore,
  type RankerName,
  RANKERS,
  rankFeed,
  type RankInput,
  type RankSettings,
} from "@lib/social/feed_rank.ts";
