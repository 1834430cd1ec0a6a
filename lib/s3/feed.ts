/**
 * Former path of lib/social/feed_rank.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/feed_rank.ts`.
 * @module
 */
export * from "@lib/social/feed_rank.ts";
