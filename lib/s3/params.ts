/**
 * Former path of lib/social/spread/params.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/params.ts`.
 * @module
 */
export * from "@lib/social/spread/params.ts";
