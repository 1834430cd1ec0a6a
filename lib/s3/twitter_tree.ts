/**
 * Former path of lib/eval/twitter_tree.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/eval/twitter_tree.ts`.
 * @module
 */
export * from "@lib/eval/twitter_tree.ts";
