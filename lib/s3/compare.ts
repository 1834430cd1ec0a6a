/**
 * Former path of lib/metrics/cascade_compare.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/metrics/cascade_compare.ts`.
 * @module
 */
export * from "@lib/metrics/cascade_compare.ts";
