/**
 * Former path of lib/brain/social/social_llm.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/brain/social/social_llm.ts`.
 * @module
 */
export * from "@lib/brain/social/social_llm.ts";
