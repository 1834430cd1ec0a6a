/**
 * Former path of lib/social/spread/dynamics.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/dynamics.ts`.
 * @module
 */
export * from "@lib/social/spread/dynamics.ts";
