/**
 * Former path of lib/profile/demographics.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/profile/demographics.ts`.
 * @module
 */
export * from "@lib/profile/demographics.ts";
