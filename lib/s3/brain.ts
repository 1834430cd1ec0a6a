/**
 * Former path of lib/brain/social/context.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/brain/social/context.ts`.
 * @module
 */
export * from "@lib/brain/social/context.ts";
