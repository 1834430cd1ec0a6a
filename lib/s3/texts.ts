/**
 * Former path of lib/social/spread/texts.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/texts.ts`.
 * @module
 */
export * from "@lib/social/spread/texts.ts";
