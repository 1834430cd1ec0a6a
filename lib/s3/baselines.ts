/**
 * Former path of lib/social/spread/baselines.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/baselines.ts`.
 * @module
 */
export * from "@lib/social/spread/baselines.ts";
