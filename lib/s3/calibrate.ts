/**
 * Former path of lib/eval/calibrate_spread.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/eval/calibrate_spread.ts`.
 * @module
 */
export * from "@lib/eval/calibrate_spread.ts";
