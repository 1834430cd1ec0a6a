/**
 * Former path of lib/social/spread/types.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/types.ts`.
 * @module
 */
export * from "@lib/social/spread/types.ts";
