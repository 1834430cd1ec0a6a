/**
 * Former path of lib/eval/spread_measures.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/eval/spread_measures.ts`.
 * @module
 */
export * from "@lib/eval/spread_measures.ts";
