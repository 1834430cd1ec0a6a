/**
 * Former path of lib/social/spread/stream.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/stream.ts`.
 * @module
 */
export * from "@lib/social/spread/stream.ts";
