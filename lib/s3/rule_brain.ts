/**
 * Former path of lib/brain/social/s3_rule.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/brain/social/s3_rule.ts`.
 * @module
 */
export * from "@lib/brain/social/s3_rule.ts";
